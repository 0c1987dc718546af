// bridge_stress: writes N rows of a lineitem-like table through lance_bridge,
// computing the content checksum of what it sends (see rust/src/checksum.rs for
// the definition), so that a reader on the Rust side can prove it got the same.
// Also reports peak RSS, to show memory stays bounded whatever N is.

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "lance_bridge/batch_builder.h"
#include "lance_bridge/writer.h"

namespace {

using lance_bridge::Field;

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ull;
constexpr uint64_t kFnvPrime = 0x100000001b3ull;

struct Fnv {
  uint64_t h = kFnvOffset;
  void feed(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    for (size_t i = 0; i < n; ++i) h = (h ^ b[i]) * kFnvPrime;
  }
  template <typename T>
  void value(T v) {
    uint8_t one = 1;
    feed(&one, 1);
    feed(&v, sizeof v);  // little-endian machine
  }
  void decimal(int64_t unscaled) {
    int64_t words[2] = {unscaled, unscaled < 0 ? -1 : 0};
    uint8_t one = 1;
    feed(&one, 1);
    feed(words, 16);
  }
  void text(const std::string& s) {
    uint8_t one = 1;
    uint32_t len = static_cast<uint32_t>(s.size());
    feed(&one, 1);
    feed(&len, 4);
    feed(s.data(), s.size());
  }
};

std::vector<Field> lineitem_like() {
  return {Field::int64("l_orderkey"),      Field::int64("l_partkey"),
          Field::int64("l_suppkey"),       Field::int32("l_linenumber"),
          Field::decimal128("l_quantity", 15, 2), Field::decimal128("l_extendedprice", 15, 2),
          Field::decimal128("l_discount", 15, 2), Field::decimal128("l_tax", 15, 2),
          Field::utf8("l_returnflag"),     Field::utf8("l_linestatus"),
          Field::date32("l_shipdate"),     Field::date32("l_commitdate"),
          Field::date32("l_receiptdate"),  Field::utf8("l_shipinstruct"),
          Field::utf8("l_shipmode"),       Field::utf8("l_comment")};
}

const char* const kInstruct[] = {"DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"};
const char* const kModes[] = {"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"};
const char* const kWords[] = {"furiously", "quickly", "carefully", "regular", "ideas", "packages",
                              "deposits", "accounts", "final", "pending", "slyly", "bold"};

// Cheap deterministic pseudo-random numbers.
uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  return x ^ (x >> 33);
}

void usage() {
  std::puts(
      "usage: bridge_stress --output PATH [--rows N] [--batch-rows N] [--copy] [--parquet]\n"
      "                     [--max-rows-per-file N] [--mode create|overwrite]\n"
      "Writes N (default 10,000,000) lineitem-like rows through lance_bridge::Writer and prints\n"
      "'rows=N checksum=HEX' for the data it sent, then the write summary and peak RSS.");
}

}  // namespace

int main(int argc, char** argv) {
  std::string output;
  uint64_t rows = 10'000'000, batch_rows = 65'536;
  lance_bridge::WriterOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "bridge_stress: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--output") output = next();
    else if (a == "--rows") rows = std::stoull(next());
    else if (a == "--batch-rows") batch_rows = std::stoull(next());
    else if (a == "--copy") options.transfer = lance_bridge::Transfer::Copy;
    else if (a == "--parquet") options.format = lance_bridge::Format::Parquet;
    else if (a == "--max-rows-per-file") options.max_rows_per_file = std::stoull(next());
    else if (a == "--mode") options.mode = next() == "overwrite" ? lance_bridge::Mode::Overwrite : lance_bridge::Mode::Create;
    else if (a == "--help" || a == "-h") { usage(); return 0; }
    else { std::fprintf(stderr, "bridge_stress: unknown option %s\n", a.c_str()); usage(); return 2; }
  }
  if (output.empty() || batch_rows == 0) {
    usage();
    return 2;
  }

  try {
    std::vector<Field> fields = lineitem_like();
    ArrowSchema schema;
    lance_bridge::export_schema(fields, &schema);
    lance_bridge::Writer writer = lance_bridge::Writer::open(output, schema, options);
    schema.release(&schema);

    std::vector<Fnv> sums(fields.size());
    lance_bridge::BatchBuilder batch(fields);
    std::string comment;
    for (uint64_t row = 0; row < rows;) {
      uint64_t n = std::min(batch_rows, rows - row);
      batch.reserve(n);
      for (uint64_t k = 0; k < n; ++k, ++row) {
        uint64_t r = mix(row);
        int64_t orderkey = static_cast<int64_t>(row / 4 * 32 + row % 4 / 2);
        int64_t partkey = static_cast<int64_t>(r % 200000) + 1;
        int64_t suppkey = static_cast<int64_t>((r >> 20) % 10000) + 1;
        int32_t line = static_cast<int32_t>(row % 4) + 1;
        int64_t qty = static_cast<int64_t>((r >> 8) % 50 + 1) * 100;
        int64_t price = qty * (90000 + static_cast<int64_t>(r % 10000)) / 100;
        int64_t disc = static_cast<int64_t>((r >> 12) % 11);
        int64_t tax = static_cast<int64_t>((r >> 16) % 9);
        int32_t ship = 8036 + static_cast<int32_t>((r >> 24) % 2500);
        int32_t commit = ship + static_cast<int32_t>((r >> 32) % 60) - 30;
        int32_t receipt = ship + static_cast<int32_t>((r >> 40) % 30) + 1;
        std::string flag = (r >> 44) % 3 == 0 ? "R" : ((r >> 44) % 3 == 1 ? "A" : "N");
        std::string status = ship > 9298 ? "O" : "F";
        std::string instruct = kInstruct[(r >> 48) % 4];
        std::string mode = kModes[(r >> 50) % 7];
        comment.clear();
        for (uint64_t w = 0, x = r; w < 2 + (r >> 56) % 4; ++w, x = mix(x)) {
          if (w) comment += ' ';
          comment += kWords[x % 12];
        }

        batch.column(0).append_int64(orderkey);    sums[0].value(orderkey);
        batch.column(1).append_int64(partkey);     sums[1].value(partkey);
        batch.column(2).append_int64(suppkey);     sums[2].value(suppkey);
        batch.column(3).append_int32(line);        sums[3].value(line);
        batch.column(4).append_decimal(qty);       sums[4].decimal(qty);
        batch.column(5).append_decimal(price);     sums[5].decimal(price);
        batch.column(6).append_decimal(disc);      sums[6].decimal(disc);
        batch.column(7).append_decimal(tax);       sums[7].decimal(tax);
        batch.column(8).append_string(flag);       sums[8].text(flag);
        batch.column(9).append_string(status);     sums[9].text(status);
        batch.column(10).append_date32(ship);      sums[10].value(ship);
        batch.column(11).append_date32(commit);    sums[11].value(commit);
        batch.column(12).append_date32(receipt);   sums[12].value(receipt);
        batch.column(13).append_string(instruct);  sums[13].text(instruct);
        batch.column(14).append_string(mode);      sums[14].text(mode);
        batch.column(15).append_string(comment);   sums[15].text(comment);
      }
      ArrowArray array;
      batch.finish(&array);
      ArrowSchema schema;
      batch.export_schema(&schema);
      writer.write(&array, &schema);
    }
    lance_bridge::WriteSummary s = writer.finish();

    Fnv table;
    for (const Fnv& f : sums) table.feed(&f.h, 8);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("rows=%llu checksum=%016llx\n", static_cast<unsigned long long>(rows),
                static_cast<unsigned long long>(table.h));
    std::printf("batches=%llu bytes_written=%llu data_files=%llu version=%llu seconds=%.2f "
                "bytes_copied=%llu peak_rss_mib=%.1f\n",
                static_cast<unsigned long long>(s.batches),
                static_cast<unsigned long long>(s.bytes_written),
                static_cast<unsigned long long>(s.data_files),
                static_cast<unsigned long long>(s.version), s.seconds,
                static_cast<unsigned long long>(s.bytes_copied), usage.ru_maxrss / 1024.0);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bridge_stress: %s\n", e.what());
    return 1;
  }
}
