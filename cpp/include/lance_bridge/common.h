// What every part of the lance-bridge API shares: formats, modes, storage
// options and the one exception type.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

namespace lance_bridge {

// The enums below are also the bridge's: its Rust side binds to these
// definitions, and the compiler checks that both agree (every value, and the
// underlying type), so each is written once.

// The file format a writer produces.
enum class Format : uint8_t { Lance, Parquet };

// What to do with data already at the destination.
enum class Mode : uint8_t {
  Create,     // refuse if a dataset or file is there
  Append,     // add rows to an existing Lance dataset with the same columns
  Overwrite,  // replace it (for Lance, a new version; old versions stay readable)
};

// "create", "append" or "overwrite" as a Mode (for command lines and
// configuration files); anything else throws Error (InvalidArgument).
Mode parse_mode(const std::string& name);

// Object store settings for s3:// URIs, passed to lance as key/value pairs:
// aws_endpoint, aws_region, aws_access_key_id, aws_secret_access_key,
// aws_session_token, allow_http, ... The usual AWS_* environment variables
// apply as well; an option given here wins. Empty for local paths.
using StorageOptions = std::map<std::string, std::string>;

// Why an operation failed: what a caller can branch on. Error::kind() carries
// it as a value (from the Rust side directly, not parsed from the message).
enum class ErrorKind : uint8_t {
  InvalidArgument,  // an argument or option is malformed or out of range: a null
                    // pointer, text that is not UTF-8, a bad URI or mode, an append
                    // of the wrong type to a BatchBuilder column. Fix the call.
  AlreadyExists,    // create mode found a dataset (or file) at the destination,
                    // possibly one another writer committed meanwhile.
  NotFound,         // no dataset (or file, piece, version) where one was expected.
  SchemaMismatch,   // a batch's schema differs from the writer's or the dataset's
                    // (names, types, column count), or has nulls in a non-nullable column.
  InvalidData,      // an Arrow array or schema is malformed (see arrow_c_abi.h for
                    // what is checked), or a type cannot be written.
  InvalidState,     // the writer is closed (finished, prepared or aborted).
  Io,               // the file system or object store refused: permissions, a full
                    // disk, an unreachable endpoint, credentials.
  Lance,            // lance reported an error not covered above.
  Parquet,          // the Parquet writer reported an error.
  Aborted,          // the write was aborted.
  Internal,         // a bug in lance-bridge or below (a caught panic): please report it.
  Conflict,         // a concurrent writer's transaction won and lance could not rebase
                    // this one on it: nothing of this one was committed; retry it.
  CommitUnknown,    // the object store could not tell whether the commit landed (the
                    // answer to the manifest's write was lost, and reading the version
                    // back failed too). The data files are kept. Look at the latest
                    // version before writing again: a blind retry of an append may
                    // add its rows twice.
};

// The kind's name, as every Error's message starts with it: "already_exists".
const char* error_kind_name(ErrorKind kind) noexcept;

// Every failure is reported as this exception; what() is a readable message
// that starts with the kind's name ("already_exists: ...").
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace lance_bridge
