// lance_bridge::Dataset: read a Lance dataset from C++: a projection, a SQL
// filter, limit and offset, the batch size, lance's row ids, any version (time
// travel), row counts and rows by position, all as Arrow C Data Interface
// structs, so Arrow C++ (ImportRecordBatchReader, ImportSchema) or nanoarrow
// consume them directly.
//
//   lance_bridge::Dataset lineitem = lance_bridge::Dataset::open("tpch-data/lineitem.lance");
//   lance_bridge::ScanOptions options;
//   options.columns = {"l_orderkey", "l_extendedprice"};
//   options.filter = "l_quantity > 45 AND l_shipmode = 'AIR'";
//   ArrowArrayStream stream;
//   lineitem.scan(options, &stream);   // the caller releases the stream
//
// A Dataset is one version of the dataset: every call reads that version, also
// after other writers commit newer ones (checkout() moves to another). It is a
// handle: copies are cheap and share it, and it may be used from many threads.
// Every failure throws lance_bridge::Error (common.h); its kind() is as noted.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lance_bridge/arrow_c_abi.h"
#include "lance_bridge/common.h"
#include "lance_bridge/index.h"
#include "lance_bridge/search.h"

namespace lance_bridge {

// What a scan reads. The defaults read every row of every column.
struct ScanOptions {
  // The columns to read, in this order; empty: all of them, in the dataset's order.
  std::vector<std::string> columns;
  // A SQL predicate over the columns, as lance (DataFusion) parses it:
  // "l_quantity > 45 AND l_shipmode = 'AIR'", "name IS NULL", "day < date '1995-01-01'",
  // "text LIKE 'row 7%'". Rows for which it is not true (false or null) are left out.
  // Empty: every row. lance reads a literal with a fraction (0.05) as a float and
  // refuses to compare it with a decimal column: write CAST('0.05' AS DECIMAL(15,2)).
  std::string filter;
  // At most this many rows, counted after the filter and the offset.
  std::optional<uint64_t> limit;
  // Rows skipped first, counted after the filter.
  uint64_t offset = 0;
  // Rows per batch (1 to 2^32-1): every batch but the last then has exactly this
  // many. Unset: lance's default, and batches may be shorter.
  std::optional<uint64_t> batch_size;
  // Adds lance's "_rowid" column (uint64) after the others. Unless the dataset
  // uses stable row ids, a row's id is its address: fragment id << 32 | offset.
  bool with_row_id = false;
  // Reads this version of the dataset instead of the Dataset's own (time
  // travel), as checkout(*version).scan(...) does.
  std::optional<uint64_t> version;
  // A search (search.h), at most one of the two: the k nearest vectors, with
  // "_distance", or full-text matches, with "_score", best first. `limit`
  // and `offset` then count results; `columns` may name the added column.
  std::optional<NearestQuery> nearest;
  std::optional<FullTextQuery> full_text;
  // With a search and a filter: true filters first, then searches (k results
  // that all pass the filter); false (lance's default) filters the search's
  // results (up to k).
  bool prefilter = false;
};

// Facts about a Lance dataset on disk. (Version, DatasetInfo: the bridge binds
// to these definitions; a change here is a change of bridge/src/ffi/dataset.rs.)
struct DatasetInfo {
  uint64_t rows = 0;
  uint64_t version = 0;
  uint64_t fragments = 0;
};

// Row count, version and fragment count of the latest version of a Lance dataset.
DatasetInfo dataset_info(const std::string& uri, const StorageOptions& storage = {});

// Exports all rows of a Lance dataset or a Parquet file, in order, into `out`.
// The caller releases the stream. (Dataset::scan reads Lance with options.)
void scan(const std::string& uri, Format format, ArrowArrayStream* out);
void scan(const std::string& uri, Format format, const StorageOptions& storage, ArrowArrayStream* out);

// A version of a dataset: its number and when it was committed.
struct Version {
  uint64_t version = 0;
  int64_t timestamp_ms = 0;  // milliseconds since the Unix epoch, UTC
};

// Changes (merge_insert, delete_rows, update) -------------------------------
//
// Each change is one lance transaction, committed as a new version on top of
// the dataset's latest (not necessarily the version the Dataset reads; lance
// rebases on, or retries after, what other writers committed meanwhile). The
// Dataset it was called on keeps reading its own version: open() again, or
// checkout(summary.version), to read the change.

// What an upsert does with a dataset row whose key a source row has.
enum class WhenMatched : uint8_t {
  UpdateAll,  // replace it with the source row
  UpdateIf,   // replace it where MergeInsertOptions::when_matched_if holds
  DoNothing,  // keep it
  Fail,       // refuse the whole upsert
  Delete,     // delete it
};

// An upsert: source rows matched with the dataset's by the `on` columns.
struct MergeInsertOptions {
  std::vector<std::string> on;  // the key columns (at least one)
  WhenMatched when_matched = WhenMatched::UpdateAll;
  // WhenMatched::UpdateIf: a SQL condition over target.<column> and
  // source.<column>, e.g. "source.updated_at > target.updated_at".
  std::string when_matched_if;
  bool insert_not_matched = true;             // insert source rows with new keys
  bool delete_not_matched_by_source = false;  // delete dataset rows the source lacks
};

// What a change did and the version it committed. (The bridge binds to this
// definition: a change here is a change of bridge/src/ffi/dataset.rs.)
struct ChangeSummary {
  uint64_t inserted = 0;
  uint64_t updated = 0;
  uint64_t deleted = 0;
  uint64_t version = 0;
};

// Maintenance (compact_files, cleanup_old_versions, tags, columns) ---------

// What compact_files() did. (Bound by bridge/src/ffi/dataset.rs, as are the next.)
struct CompactionSummary {
  uint64_t fragments_removed = 0;
  uint64_t fragments_added = 0;
  uint64_t files_removed = 0;
  uint64_t files_added = 0;
  uint64_t version = 0;  // the version the compaction committed
};

// What cleanup_old_versions() removed.
struct CleanupSummary {
  uint64_t old_versions = 0;
  uint64_t bytes_removed = 0;
  uint64_t data_files_removed = 0;
};

// A tag: a name for a version.
struct Tag {
  std::string name;
  uint64_t version = 0;
};

// A column to rename and/or to make (not) nullable.
struct ColumnChange {
  std::string column;
  std::string new_name;           // "": keep the name
  std::optional<bool> nullable;   // unset: keep; false is refused if the column holds a null
};

class Dataset {
 public:
  // Opens the latest version of the Lance dataset at `uri` (a path, file:// or
  // s3:// URI; storage options as for writers). Throws NotFound when there is
  // no dataset there, InvalidArgument for a bad storage option.
  static Dataset open(const std::string& uri, const StorageOptions& storage = {});

  // The same dataset at `version`, older or newer than this one. Throws
  // NotFound when the dataset has no such version.
  Dataset checkout(uint64_t version) const;

  // The version this Dataset reads.
  uint64_t version() const;

  // Every version of the dataset, oldest first.
  std::vector<Version> versions() const;

  // Exports the dataset's columns (a struct schema, one child per column) into
  // `out`; the caller releases it. Throws InvalidArgument for a null `out`.
  void schema(ArrowSchema* out) const;

  // The rows of this version, or those for which `filter` (SQL, as in
  // ScanOptions) is true. Throws InvalidArgument for a bad filter.
  uint64_t count_rows(const std::string& filter = "") const;

  // Exports the rows `options` selects, in the dataset's order (a search's:
  // best first), as a stream into `out`; the caller releases it (also before reading it to the end). Throws,
  // before any batch: InvalidArgument for a malformed filter, an unknown column
  // (in `columns` or the filter), a batch size of 0 or a null `out`; NotFound
  // for a `version` the dataset does not have. A failure while reading (an I/O
  // error) is the stream's get_next error.
  void scan(const ScanOptions& options, ArrowArrayStream* out) const;

  // Exports the rows at these positions (0 is the first row of this version),
  // in the order given and as often as given, with `columns` (empty: all), as a
  // stream of one batch into `out`; the caller releases it. Throws
  // InvalidArgument for a position past the last row, an unknown column or a
  // null `out`.
  void take(const std::vector<uint64_t>& rows, const std::vector<std::string>& columns,
            ArrowArrayStream* out) const;

  // Upserts the rows of `source` (same columns as the dataset; read to the end
  // and released, whatever happens) by `options`. Throws InvalidArgument for no
  // key columns or an unknown one, a source with other columns or with a key
  // twice, or UpdateIf without a condition; InvalidData for a malformed batch
  // (checked as Writer::write checks it); Lance for WhenMatched::Fail meeting a
  // match. Nothing is committed when it throws.
  ChangeSummary merge_insert(ArrowArrayStream* source, const MergeInsertOptions& options) const;

  // Deletes the rows for which the SQL `predicate` is true ("true": all of
  // them). InvalidArgument for an empty or malformed predicate.
  ChangeSummary delete_rows(const std::string& predicate) const;

  // Sets each column to its SQL expression over the row's old values
  // ({{"price", "price * 2"}, {"note", "'sale'"}}) in the rows for which
  // `predicate` is true ("": every row). InvalidArgument for no columns, an
  // unknown column or a malformed expression or predicate.
  ChangeSummary update(const std::vector<std::pair<std::string, std::string>>& set,
                       const std::string& predicate = "") const;

  // Rewrites small fragments (and those with many deleted rows) into fragments
  // of about `target_rows_per_fragment` rows (0: lance's default, 1 Mi), as a
  // new version. Readers of older versions are not disturbed.
  CompactionSummary compact_files(uint64_t target_rows_per_fragment = 0) const;

  // Removes the versions older than `older_than` (never the latest, never a
  // tagged one) and the files only they use. With error_if_tagged_old_versions
  // (pylance's default) a tagged version that old is an error (Lance) instead
  // of being kept silently.
  CleanupSummary cleanup_old_versions(std::chrono::seconds older_than,
                                      bool error_if_tagged_old_versions = true) const;

  // Tags: create_tag throws AlreadyExists for a name taken, NotFound for a
  // version the dataset does not have; delete_tag and checkout_tag NotFound for
  // no such tag. tags() lists them sorted by name.
  void create_tag(const std::string& tag, uint64_t version) const;
  void delete_tag(const std::string& tag) const;
  std::vector<Tag> tags() const;
  Dataset checkout_tag(const std::string& tag) const;

  // Schema evolution, each a new version (returned): columns added from SQL
  // expressions over the existing ones ({{"total", "price * quantity"}}),
  // dropped, or renamed / made (not) nullable. InvalidArgument for none, an
  // unknown column or a malformed expression.
  uint64_t add_columns(const std::vector<std::pair<std::string, std::string>>& columns) const;
  uint64_t drop_columns(const std::vector<std::string>& columns) const;
  uint64_t alter_columns(const std::vector<ColumnChange>& changes) const;

  // Indexes (index.h), each a new version (returned) on top of the latest.
  // create_index builds one on `column`: InvalidArgument for an unknown
  // column, one of the wrong type, or an option the type does not take (or an
  // IvfPq without sub_vectors); AlreadyExists for a name taken (unless
  // options.replace); Aborted if options.progress threw. optimize_indices
  // covers the rows added since the named indexes (empty: all) were built;
  // drop_index and optimize_indices throw NotFound for no such index.
  uint64_t create_index(const std::string& column, const IndexOptions& options) const;
  std::vector<IndexInfo> list_indices() const;  // this version's, sorted by name
  uint64_t optimize_indices(const std::vector<std::string>& names = {}) const;
  uint64_t drop_index(const std::string& name) const;

  // Copies share the handle. No move operations: a "moved-from" Dataset is a
  // copy, so no Dataset is ever empty.
  Dataset(const Dataset&) = default;
  Dataset& operator=(const Dataset&) = default;

 private:
  struct Impl;
  explicit Dataset(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace lance_bridge
