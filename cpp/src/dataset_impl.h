// Internal: what a lance_bridge::Dataset holds, shared by the files that
// implement its methods (dataset.cpp, dataset_index.cpp).
#pragma once

#include "lance-bridge/src/ffi/dataset.rs.h"
#include "lance_bridge/dataset.h"

namespace lance_bridge {

struct Dataset::Impl {
  rust::Box<ffi::Dataset> rust;
};

}  // namespace lance_bridge
