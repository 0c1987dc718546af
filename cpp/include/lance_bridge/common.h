// What every part of the lance-bridge API shares: formats, modes, storage
// options and the one exception type.
#pragma once

#include <map>
#include <stdexcept>
#include <string>

namespace lance_bridge {

// The file format a writer produces.
enum class Format { Lance, Parquet };

// What to do with data already at the destination.
enum class Mode {
  Create,     // refuse if a dataset or file is there
  Append,     // add rows to an existing Lance dataset with the same columns
  Overwrite,  // replace it (for Lance, a new version; old versions stay readable)
};

// Object store settings for s3:// URIs, passed to lance as key/value pairs:
// aws_endpoint, aws_region, aws_access_key_id, aws_secret_access_key,
// aws_session_token, allow_http, ... The usual AWS_* environment variables
// apply as well; an option given here wins. Empty for local paths.
using StorageOptions = std::map<std::string, std::string>;

// Why an operation failed.
enum class ErrorKind {
  InvalidArgument,
  AlreadyExists,
  NotFound,
  SchemaMismatch,
  InvalidData,
  InvalidState,
  Io,
  Lance,
  Parquet,
  Aborted,
  Internal,
};

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
