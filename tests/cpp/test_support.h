// Shared fixtures for the writer tests: a scratch directory and sample batches.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "lance_bridge/batch_builder.h"
#include "lance_bridge/dataset.h"
#include "lance_bridge/writer.h"
#include "read_back.h"

namespace lance_bridge::testing {

// A fresh directory per test, removed afterwards.
class ScratchDir : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::filesystem::path dir_;
};

// Every Arrow type TPC-H uses, with nullable twins.
std::vector<Field> sample_fields();

// Builds rows [first, first + count) of the sample table: deterministic values,
// every 7th value of the nullable columns null.
void build_sample_rows(BatchBuilder& builder, int64_t first, int64_t count);

// The same rows as read_table renders them, column by column.
std::vector<std::vector<std::string>> expected_sample_columns(int64_t first, int64_t count);

// Exports a batch of sample rows.
void make_sample_batch(int64_t first, int64_t count, ArrowArray* out);

// Writes a batch of sample rows with its schema (the checked Writer::write).
void write_sample_batch(Writer& writer, int64_t first, int64_t count);

// Opens a writer for the sample table's schema at `uri`.
Writer open_sample_writer(const std::string& uri, const WriterOptions& options = {});

// Writes rows [first, first + count) of the sample table in batches of
// `batch_rows` with a new writer, and finishes it.
WriteSummary write_sample_rows(const std::string& uri, const WriterOptions& options, int64_t first,
                               int64_t count, int64_t batch_rows = 1000);

// Runs `f`, which must throw lance_bridge::Error, and returns the error's kind
// (a test failure if it does not throw).
ErrorKind kind_of_failure(const std::function<void()>& f);

// Lists the files below a directory (relative paths), to prove nothing changed.
std::vector<std::string> list_files(const std::string& dir);

// The same, but for the data files writers still have in progress (data/.tmp*):
// what a dataset holds that a running write did not add.
std::vector<std::string> list_files_but_in_progress(const std::string& dir);

}  // namespace lance_bridge::testing
