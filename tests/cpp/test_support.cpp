#include "test_support.h"

#include <algorithm>
#include <random>

namespace lance_bridge::testing {

void ScratchDir::SetUp() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  dir_ = std::filesystem::temp_directory_path() /
         ("lance_bridge_test_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" +
          std::to_string(std::random_device{}()));
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
}

void ScratchDir::TearDown() {
  std::error_code ignored;
  std::filesystem::permissions(dir_, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add, ignored);
  std::filesystem::remove_all(dir_, ignored);
}

std::vector<Field> sample_fields() {
  return {Field::int64("id"),
          Field::int32("small"),
          Field::decimal128("price", 15, 2),
          Field::date32("day"),
          Field::utf8("text"),
          Field::int64("maybe_int", true),
          Field::decimal128("maybe_price", 15, 2, true),
          Field::utf8("maybe_text", true)};
}

namespace {
std::string text_of(int64_t i) { return "row " + std::to_string(i) + std::string(i % 5, 'x'); }
int64_t cents_of(int64_t i) { return (i * 7919) % 10000000 - 5000000; }  // negatives too
}  // namespace

void build_sample_rows(BatchBuilder& b, int64_t first, int64_t count) {
  for (int64_t i = first; i < first + count; ++i) {
    bool null = i % 7 == 3;
    b.column(0).append_int64(i);
    b.column(1).append_int32(static_cast<int32_t>(i % 1000) - 500);
    b.column(2).append_decimal(cents_of(i));
    b.column(3).append_date32(static_cast<int32_t>(8035 + i % 2557));
    b.column(4).append_string(text_of(i));
    if (null) {
      b.column(5).append_null();
      b.column(6).append_null();
      b.column(7).append_null();
    } else {
      b.column(5).append_int64(-i);
      b.column(6).append_decimal(cents_of(i) / 3);
      b.column(7).append_string(i % 2 ? "" : text_of(i * 3));
    }
  }
}

namespace {
std::string decimal_text(int64_t cents) {
  std::string sign = cents < 0 ? "-" : "";
  int64_t a = cents < 0 ? -cents : cents;
  std::string frac = std::to_string(a % 100);
  if (frac.size() < 2) frac = "0" + frac;
  return sign + std::to_string(a / 100) + "." + frac;
}
}  // namespace

std::vector<std::vector<std::string>> expected_sample_columns(int64_t first, int64_t count) {
  std::vector<std::vector<std::string>> cols(8);
  for (int64_t i = first; i < first + count; ++i) {
    bool null = i % 7 == 3;
    cols[0].push_back(std::to_string(i));
    cols[1].push_back(std::to_string(static_cast<int32_t>(i % 1000) - 500));
    cols[2].push_back(decimal_text(cents_of(i)));
    cols[3].push_back(std::to_string(8035 + i % 2557));
    cols[4].push_back(text_of(i));
    cols[5].push_back(null ? "<null>" : std::to_string(-i));
    cols[6].push_back(null ? "<null>" : decimal_text(cents_of(i) / 3));
    cols[7].push_back(null ? "<null>" : (i % 2 ? "" : text_of(i * 3)));
  }
  return cols;
}

void make_sample_batch(int64_t first, int64_t count, ArrowArray* out) {
  BatchBuilder builder(sample_fields());
  build_sample_rows(builder, first, count);
  builder.finish(out);
}

void write_sample_batch(Writer& writer, int64_t first, int64_t count) {
  ArrowArray batch;
  ArrowSchema schema;
  make_sample_batch(first, count, &batch);
  export_schema(sample_fields(), &schema);
  writer.write(&batch, &schema);
}

Writer open_sample_writer(const std::string& uri, const WriterOptions& options) {
  ArrowSchema schema;
  export_schema(sample_fields(), &schema);
  try {
    Writer w = Writer::open(uri, schema, options);
    schema.release(&schema);
    return w;
  } catch (...) {
    schema.release(&schema);
    throw;
  }
}

WriteSummary write_sample_rows(const std::string& uri, const WriterOptions& options, int64_t first,
                               int64_t count, int64_t batch_rows) {
  Writer w = open_sample_writer(uri, options);
  for (int64_t start = first; start < first + count; start += batch_rows) {
    write_sample_batch(w, start, std::min(batch_rows, first + count - start));
  }
  return w.finish();
}

ErrorKind kind_of_failure(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()), "");
    return e.kind();
  }
  ADD_FAILURE() << "expected lance_bridge::Error";
  return ErrorKind::Internal;
}

std::vector<std::string> list_files(const std::string& dir) {
  std::vector<std::string> files;
  if (!std::filesystem::exists(dir)) return files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(std::filesystem::relative(e.path(), dir).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> list_files_but_in_progress(const std::string& dir) {
  std::vector<std::string> files;
  for (const std::string& f : list_files(dir)) {
    if (f.rfind("data/.tmp", 0) != 0) files.push_back(f);
  }
  return files;
}

}  // namespace lance_bridge::testing
