// The exit status tpch-lance, tpcds-lance and lance-bridge end with when a
// lance_bridge call failed with `e` (one mapping for the three):
//   3  the commit's outcome is unknown (the object store did not say whether it
//      landed; docs/reliability.md): look at the latest version before retrying;
//   2  the input was refused (the dataset exists in create mode, is missing, has
//      another schema, or an argument is invalid): nothing changed;
//   1  any other failure (I/O, lance): nothing committed.
// Header-only, so that programs that do not link the tool support library
// (lance-bridge) share it too.
#pragma once

#include "lance_bridge/common.h"

namespace lance_bridge::tools {

inline int exit_status(const Error& e) {
  switch (e.kind()) {
    case ErrorKind::CommitUnknown:
      return 3;
    case ErrorKind::AlreadyExists:
    case ErrorKind::InvalidArgument:
    case ErrorKind::NotFound:
    case ErrorKind::SchemaMismatch:
      return 2;
    default:
      return 1;
  }
}

}  // namespace lance_bridge::tools
