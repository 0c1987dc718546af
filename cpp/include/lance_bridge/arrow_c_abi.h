// The Arrow C Data Interface and C Stream Interface structs, as the Arrow
// specification defines them. The standard include guards let this header sit
// beside Arrow C++'s <arrow/c/abi.h> (or nanoarrow's) in one translation unit:
// whichever comes first defines the structs, the other skips them.
//
// What lance-bridge checks when it takes an ArrowArray (Writer::write), before
// reading any buffer, and refuses with InvalidData naming the column:
//   - a released struct (release == NULL), a null array, schema or stream pointer;
//   - negative length, offset or null count (other than -1), length + offset or
//     any buffer size that overflows, a null count above the length;
//   - n_buffers and n_children other than the type's, null buffers/children
//     pointers, a null child, a null buffer that must hold data (a null
//     validity buffer is fine when the null count is 0 or -1);
//   - types lance-bridge does not write, nesting deeper than 64 levels, a
//     schema with a null format or children;
//   - offsets whose first value is negative or whose last is below the first
//     (read unaligned: offsets need no alignment);
//   - after wrapping, every buffer is aligned (misaligned ones are copied, and
//     counted in WriteSummary::bytes_copied) and the array fully validated:
//     offsets within bounds and non-decreasing, UTF-8 strings, child lengths,
//     list sizes, a null count that matches the validity
//     bits, nulls in a non-nullable column, top-level (batch) nulls;
//   - with write(batch, schema): the schema's names and types against the
//     writer's (SchemaMismatch).
// What no consumer of the C Data Interface can check, because buffer sizes are
// not transmitted: that each buffer really is as long as its array's length
// says (a last offset beyond the values' real allocation, a length larger than
// the buffers, a pointer to freed memory are read as if they were right), and,
// with write_trusted, that the columns have the writer's types. Those are the
// producer's promise; everything else is checked.
#pragma once

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
  // Array type description
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;

  // Release callback
  void (*release)(struct ArrowSchema*);
  // Opaque producer-specific data
  void* private_data;
};

struct ArrowArray {
  // Array data description
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;

  // Release callback
  void (*release)(struct ArrowArray*);
  // Opaque producer-specific data
  void* private_data;
};

#endif  // ARROW_C_DATA_INTERFACE

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
  // Callbacks providing stream functionality
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
  const char* (*get_last_error)(struct ArrowArrayStream*);

  // Release callback
  void (*release)(struct ArrowArrayStream*);

  // Opaque producer-specific data
  void* private_data;
};

#endif  // ARROW_C_STREAM_INTERFACE

#ifdef __cplusplus
}
#endif
