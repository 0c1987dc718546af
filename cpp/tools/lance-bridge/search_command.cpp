// lance-bridge search: the k nearest vectors, or full-text matches, with a
// filter and the columns to print; the rows go to standard output as TSV.

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "command.h"
#include "render.h"

namespace lance_bridge_cli {
namespace {

struct Args {
  std::string uri, nearest, vector, text, text_columns, metric, filter, columns;
  uint32_t k = 10, nprobes = 0, refine = 0, ef = 0;
  uint64_t limit = 0;
  bool exact = false, prefilter = false;
};

std::vector<float> parse_vector(const std::string& text) {
  std::vector<float> values;
  for (const std::string& part : split_list(text)) {
    size_t used = 0;
    float value = 0;
    try {
      value = std::stof(part, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != part.size()) usage_error("--vector: '" + part + "' is not a number");
    values.push_back(value);
  }
  if (values.empty()) usage_error("--vector is empty");
  return values;
}

lance_bridge::ScanOptions scan_options(const Args& a) {
  lance_bridge::ScanOptions options;
  options.columns = split_list(a.columns);
  options.filter = a.filter;
  options.prefilter = a.prefilter;
  if (a.limit) options.limit = a.limit;
  if (!a.nearest.empty()) {
    if (a.vector.empty()) usage_error("--nearest needs --vector");
    lance_bridge::NearestQuery q;
    q.column = a.nearest;
    q.vector = parse_vector(a.vector);
    q.k = a.k;
    if (a.nprobes) q.nprobes = a.nprobes;
    if (a.refine) q.refine_factor = a.refine;
    if (a.ef) q.ef = a.ef;
    if (!a.metric.empty()) q.metric = lance_bridge::parse_metric(a.metric);
    q.use_index = !a.exact;
    options.nearest = q;
  } else if (!a.text.empty()) {
    options.full_text = lance_bridge::FullTextQuery{a.text, split_list(a.text_columns)};
  } else {
    usage_error("say what to search: --nearest COLUMN --vector V, or --text QUERY");
  }
  return options;
}

}  // namespace

void add_search_command(CLI::App& app, const Common& common, Action& action) {
  auto a = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand(
      "search", "the k rows nearest a vector, or the rows matching a text, best first, as TSV on standard output");
  add_uri(*command, a->uri);
  CLI::Option* nearest = command->add_option("--nearest", a->nearest, "vector search on this column");
  CLI::Option* text = command->add_option("--text", a->text, "full-text search for these words (needs an inverted index)");
  nearest->excludes(text);
  command->add_option("--vector", a->vector, "the query vector: comma-separated numbers")->type_name("V1,V2,...");
  command->add_option("-k", a->k, "results (default 10)")->check(CLI::PositiveNumber);
  command->add_option("--nprobes", a->nprobes, "IVF partitions searched (default: lance's)")->check(CLI::PositiveNumber);
  command->add_option("--refine", a->refine, "re-rank k*N candidates by exact distance")->check(CLI::PositiveNumber);
  command->add_option("--ef", a->ef, "ivf_hnsw_sq: candidates kept while searching")->check(CLI::PositiveNumber);
  command->add_option("--metric", a->metric, "l2, cosine, dot, hamming (default: the index's)");
  command->add_flag("--exact", a->exact, "compare every vector, ignoring indexes");
  command->add_option("--text-columns", a->text_columns, "--text: the columns to search (default: all indexed)");
  command->add_option("--filter", a->filter, "SQL predicate on the rows");
  command->add_flag("--prefilter", a->prefilter, "filter before searching (k rows that pass), not after");
  command->add_option("--columns", a->columns, "columns to print, comma-separated, may name _distance or _score "
                                              "(default: all)");
  command->add_option("--limit", a->limit, "--text: at most this many rows")->check(CLI::PositiveNumber);
  command->callback([&common, &action, a] {
    action = [&common, a] {
      lance_bridge::ScanOptions options = scan_options(*a);
      lance_bridge::Dataset dataset = open_dataset(common, a->uri);
      auto start = std::chrono::steady_clock::now();
      ArrowArrayStream stream{};
      dataset.scan(options, &stream);
      uint64_t rows = write_tsv(&stream, stdout);
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (!common.quiet) std::fprintf(stderr, "%llu rows in %.3f s\n", static_cast<unsigned long long>(rows), seconds);
      return 0;
    };
  });
}

}  // namespace lance_bridge_cli
