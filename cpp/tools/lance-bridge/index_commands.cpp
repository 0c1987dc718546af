// lance-bridge index create | list | optimize | drop.

#include <unistd.h>

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "lance_bridge/index.h"

namespace lance_bridge_cli {
namespace {

// Index build progress on standard error: a line rewritten in place on a
// terminal, a line per stage otherwise.
class StagePrinter {
 public:
  explicit StagePrinter(bool live) : live_(live), start_(std::chrono::steady_clock::now()) {}

  void operator()(const lance_bridge::IndexStage& s) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::string count = std::to_string(s.completed);
    if (s.total) count += "/" + std::to_string(*s.total);
    if (!s.unit.empty()) count += " " + std::string(s.unit);
    if (live_) {
      std::fprintf(stderr, "\r\033[Kindex: %.*s %s (%.1f s)%s", static_cast<int>(s.stage.size()), s.stage.data(),
                   count.c_str(), seconds, s.finished ? "\n" : "");
    } else if (s.finished || s.completed == 0) {
      std::fprintf(stderr, "index: %.*s %s %s (%.1f s)\n", static_cast<int>(s.stage.size()), s.stage.data(),
                   s.finished ? "done" : "started", s.finished ? count.c_str() : "", seconds);
    }
  }

 private:
  bool live_;
  std::chrono::steady_clock::time_point start_;
};

void add_create(CLI::App& index, const Common& common, Action& action) {
  struct Args {
    std::string uri, column, type, metric = "l2";
    lance_bridge::IndexOptions options;
    uint32_t partitions = 0, sub_vectors = 0, bits = 0, iterations = 0, edges = 0, ef = 0;
    bool with_position = false, no_stem = false, keep_stop_words = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* command = index.add_subcommand("create", "build an index on a column (a new version)");
  add_uri(*command, a->uri);
  command->add_option("column", a->column, "the column to index")->required();
  command->add_option("--type", a->type,
                      "btree, bitmap, label_list (scalar filters); inverted (full text); "
                      "ivf_flat, ivf_pq, ivf_hnsw_sq (vectors)")
      ->required();
  command->add_option("--name", a->options.name, "the index's name (default: COLUMN_idx)");
  command->add_flag("--replace", a->options.replace, "replace an index of that name (default: refuse)");
  command->add_option("--metric", a->metric, "vectors: l2 (default), cosine, dot, hamming");
  command->add_option("--partitions", a->partitions, "IVF partitions (default: from the row count)")
      ->check(CLI::PositiveNumber);
  command->add_option("--sub-vectors", a->sub_vectors, "ivf_pq, required: sub-vectors (the dimension divides by it)")
      ->check(CLI::PositiveNumber);
  command->add_option("--bits", a->bits, "ivf_pq: bits per code; ivf_hnsw_sq: per value (8)")
      ->check(CLI::PositiveNumber);
  command->add_option("--max-iterations", a->iterations, "k-means training (50)")->check(CLI::PositiveNumber);
  command->add_option("--hnsw-edges", a->edges, "ivf_hnsw_sq: edges per node (20)")->check(CLI::PositiveNumber);
  command->add_option("--hnsw-ef-construction", a->ef, "ivf_hnsw_sq: candidates while building (150)")
      ->check(CLI::PositiveNumber);
  command->add_option("--tokenizer", a->options.text.base_tokenizer, "inverted: simple (default), whitespace, raw");
  command->add_option("--language", a->options.text.language, "inverted: stemming and stop words (English)");
  command->add_flag("--with-position", a->with_position, "inverted: keep term positions");
  command->add_flag("--no-stem", a->no_stem, "inverted: index words as written");
  command->add_flag("--keep-stop-words", a->keep_stop_words, "inverted: index 'the', 'a', ...");
  command->callback([&common, &action, a] {
    action = [&common, a] {
      lance_bridge::IndexOptions& o = a->options;
      o.type = lance_bridge::parse_index_type(a->type);
      o.metric = lance_bridge::parse_metric(a->metric);
      auto set = [](uint32_t value) { return value ? std::optional<uint32_t>(value) : std::nullopt; };
      o.partitions = set(a->partitions);
      o.sub_vectors = set(a->sub_vectors);
      o.bits = set(a->bits);
      o.max_iterations = set(a->iterations);
      o.hnsw_edges = set(a->edges);
      o.hnsw_ef_construction = set(a->ef);
      o.text.with_position = a->with_position;
      o.text.stem = !a->no_stem;
      o.text.remove_stop_words = !a->keep_stop_words;
      if (!common.quiet) o.progress = StagePrinter(isatty(STDERR_FILENO));
      auto start = std::chrono::steady_clock::now();
      uint64_t version = open_dataset(common, a->uri).create_index(a->column, o);
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      print_fact("version", version);
      print_fact("seconds", std::to_string(seconds));
      return 0;
    };
  });
}

void add_list(CLI::App& index, const Common& common, Action& action) {
  auto uri = std::make_shared<std::string>();
  CLI::App* command = index.add_subcommand("list", "the indexes: name, type, columns, rows covered and not");
  add_uri(*command, *uri);
  command->callback([&common, &action, uri] {
    action = [&common, uri] {
      for (const lance_bridge::IndexInfo& i : open_dataset(common, *uri).list_indices()) {
        std::string columns;
        for (const std::string& c : i.columns) columns += (columns.empty() ? "" : ",") + c;
        print_fact(i.name, "type=" + i.type + " columns=" + columns + " rows_indexed=" + std::to_string(i.rows_indexed) +
                               " rows_unindexed=" + std::to_string(i.rows_unindexed) +
                               " segments=" + std::to_string(i.segments));
      }
      return 0;
    };
  });
}

void add_optimize(CLI::App& index, const Common& common, Action& action) {
  struct Args {
    std::string uri;
    std::vector<std::string> names;
  };
  auto a = std::make_shared<Args>();
  CLI::App* command = index.add_subcommand("optimize", "cover the rows added since the indexes were built");
  add_uri(*command, a->uri);
  command->add_option("names", a->names, "the indexes (default: all)");
  command->callback([&common, &action, a] {
    action = [&common, a] {
      print_fact("version", open_dataset(common, a->uri).optimize_indices(a->names));
      return 0;
    };
  });
}

void add_drop(CLI::App& index, const Common& common, Action& action) {
  struct Args {
    std::string uri, name;
  };
  auto a = std::make_shared<Args>();
  CLI::App* command = index.add_subcommand("drop", "drop an index (its files stay until cleanup)");
  add_uri(*command, a->uri);
  command->add_option("name", a->name, "the index")->required();
  command->callback([&common, &action, a] {
    action = [&common, a] {
      print_fact("version", open_dataset(common, a->uri).drop_index(a->name));
      return 0;
    };
  });
}

}  // namespace

void add_index_commands(CLI::App& app, const Common& common, Action& action) {
  CLI::App* index = app.add_subcommand("index", "indexes: index create | list | optimize | drop")->require_subcommand(1);
  add_create(*index, common, action);
  add_list(*index, common, action);
  add_optimize(*index, common, action);
  add_drop(*index, common, action);
}

}  // namespace lance_bridge_cli
