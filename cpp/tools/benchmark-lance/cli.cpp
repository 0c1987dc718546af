// The benchmark programs' command line on CLI11: the options, their checks, and
// the help. Every bad input is one line on stderr, "<program>: ... (see --help)", and
// exit status 2, before anything is written.

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstring>
#include <utility>

#include "options.h"
#include "benchmark_command_line.h"
#include "progress.h"

namespace benchmark_lance {
namespace {

using lance_bridge::tools::BenchmarkCommandLine;
using lance_bridge::tools::with_commas;

// The program whose command line was parsed, for usage_error.
std::string program_name = "benchmark-lance";

constexpr const char* kHelpTemplate = R"({program}: generate {name} data and write it as Lance datasets.

Usage: {program} [options]
       {program} commit [--output-dir DIR] [--tables LIST] [--mode M]
       {program} discard --parts N --part K [--output-dir DIR] [--tables LIST]
       {program} cleanup [--output-dir DIR] [--tables LIST] [--older-than SECONDS] [--dry-run]

The rows are those of the official {generator} (byte-identical .{text} output), generated
in parallel and streamed batch by batch into the output: memory stays bounded
whatever the scale factor.

Options:
  --scale-factor SF         {scale_factors}
  --output-dir DIR          where to write (default {default_dir}): a local folder, or
                            s3://bucket/prefix (Lance or Parquet) on object storage
  --storage-option K=V      object store setting, repeatable: aws_endpoint, aws_region,
                            aws_access_key_id, aws_secret_access_key, allow_http, ...
                            (the AWS_* environment variables apply too)
  --format F                lance (default), parquet or {text}
                              lance:   DIR/<table>.lance, one Lance dataset per table
                              parquet: DIR/<table>.parquet
                              {text}:     DIR/<table>.{text}, exactly as {generator} writes it
  --tables LIST             comma-separated tables, each at most once (default all):
{tables}
  --threads N               generation threads (default: half the cores for lance and
                            parquet, whose encoding takes the other half; all for {text}),
                            shared out among a table's writers
  --parts N --part K        write part K of N, like {parts_like} (run the N parts
                            anywhere: other processes, other machines):
                              lance:   writes part K's data files into DIR/<table>.lance
                                       without committing, and saves the pending write as
                                       DIR/_pending/<table>/part-K-of-N.sf<SF>.piece;
                                       `{program} commit` makes the N parts one version
                              parquet: DIR/<table>/part-K.parquet
                              {text}:     DIR/<table>.{text}.<K>
{parts_note}
  --mode M                  create (default: refuse to touch existing output),
                            overwrite (Lance: a new version) or append (Lance only)
  --zero-copy | --copy      hand batches to the writer without copying (default) or copied
  --data-storage-version V  Lance file format version: 2.0, 2.1, stable, ... (default: stable)
  --rows-per-file N         Lance: rows per data file (default 8,388,608)
  --batch-rows N            rows per generated batch (default 196,608; Lance: {lance_batch_rows}
                            ÷ writers)
  --writers N               Lance: writers per table, at once (default 2; fewer when the
                            table has fewer batches). Each writes a consecutive share
                            of the rows into data files of its own; all commit together
                            as one version: the same rows in the same order as one
                            writer's. They keep the cores busy while lance finishes
                            each batch
  --encoding COL:KEY=VALUE  Lance: how to encode a column, repeatable: field metadata
                            lance-encoding:KEY=VALUE (a KEY with ':' is taken whole), e.g.
{encoding_notes}
                            Unknown keys or values are refused before anything is written
  --quiet                   print nothing but errors
  --help                    this text

commit makes, per Lance table, the N pending parts one new version, rows in part
order (as one process writing the whole table would), then removes the pending
files: --mode create (default: refuse an existing dataset), overwrite or append
(for parts written with --mode append). It checks every table first and refuses
(exit 2, nothing committed) when a part is missing, the parts disagree (number of
parts, scale factor, schema) or a create finds a dataset there. Run again, it
finds nothing pending and does nothing.

discard removes pending part K of N of each table (its data files and its piece),
e.g. before that part is written again.

cleanup lists, per Lance table, the data files no version refers to (what a killed
{program} leaves behind; never visible as rows) and removes those older than
--older-than seconds (default 3600: younger ones may belong to a write still
running); --dry-run only lists them.

Each Lance table is one lance transaction: committed when the table is done (while
the next table generates), so a table that fails or is interrupted (even killed)
never shows up half-written, and other writers' data and earlier versions are
never touched.

Exit status: 0 on success, 2 for bad arguments or output that cannot be written
(nothing on disk is changed then), 1 if writing fails midway (the failed table is
rolled back, and so is the next one if the failure was the commit; tables
committed before stay, and so does one committing when the failure came), 3 if
the object store could not say whether a commit landed (commit_unknown: its data
files are kept; look at the table's latest version before running an append
again, which could add its rows twice; `{program} commit` can be run again).
)";

// The options as given, before they are converted and checked (whether each
// was given at all: BenchmarkCommandLine::given).
struct Given {
  std::string scale_factor, format, tables, threads, parts, part, mode, rows_per_file;
  std::string writers, batch_rows, older_than;
  std::vector<std::string> encodings, storage_options;
};

// The options of a write. The commands take them too (CLI11's fallthrough:
// `tpch-lance commit --output-dir DIR`), as the help shows.
void define_write_options(BenchmarkCommandLine& cli, Options& o, Given& g) {
  CLI::App& app = cli.app();
  app.add_option("-s,--scale-factor", g.scale_factor);
  app.add_option("-o,--output-dir", o.output_dir);
  app.add_option("--format", g.format);
  app.add_option("--tables", g.tables);
  app.add_option("--threads", g.threads);
  app.add_option("--parts", g.parts);
  app.add_option("--part", g.part);
  app.add_option("--mode", g.mode);
  // Not exclusive: the last one given wins, as with any repeated option.
  app.add_flag_callback("--zero-copy", [&o] { o.transfer = lance_bridge::Transfer::ZeroCopy; })->trigger_on_parse();
  app.add_flag_callback("--copy", [&o] { o.transfer = lance_bridge::Transfer::Copy; })->trigger_on_parse();
  app.add_option("--data-storage-version", o.data_storage_version);
  app.add_option("--rows-per-file", g.rows_per_file);
  app.add_option("--writers", g.writers);
  app.add_option("--batch-rows", g.batch_rows);
  cli.add_repeatable("--encoding", g.encodings);
  cli.add_repeatable("--storage-option", g.storage_options);
  app.add_flag("-q,--quiet", o.quiet);
}

OutputFormat parse_format(const Options& o, const std::string& text) {
  for (OutputFormat f : {OutputFormat::Lance, OutputFormat::Parquet, OutputFormat::Text}) {
    if (text == format_name(o, f)) return f;
  }
  usage_error("unknown format '" + text + "' (expected lance, parquet or " + format_name(o, OutputFormat::Text) + ")");
}

lance_bridge::Mode parse_mode(const std::string& text) {
  try {
    return lance_bridge::parse_mode(text);
  } catch (const lance_bridge::Error& e) {
    // The message without its "invalid_argument: " in front.
    usage_error(std::string(e.what()).substr(std::string(lance_bridge::error_kind_name(e.kind())).size() + 2));
  }
}

// Each value given, converted and checked on its own.
void convert(const BenchmarkCommandLine& cli, const Given& g, Options& o) {
  if (cli.given("--scale-factor")) o.scale_factor = cli.scale_factor(g.scale_factor);
  if (cli.given("--format")) o.format = parse_format(o, g.format);
  if (cli.given("--tables")) o.tables = cli.tables(g.tables);
  if (cli.given("--threads")) {
    o.threads = cli.integer<int>("--threads", g.threads);
    if (o.threads < 1) usage_error("--threads must be at least 1");
  }
  if (cli.given("--parts")) o.parts = cli.integer<int>("--parts", g.parts);
  if (cli.given("--part")) o.part = cli.integer<int>("--part", g.part);
  if (cli.given("--mode")) o.mode = parse_mode(g.mode);
  if (cli.given("--rows-per-file")) o.rows_per_file = cli.integer<uint64_t>("--rows-per-file", g.rows_per_file);
  if (cli.given("--writers")) {
    o.writers = cli.integer<int>("--writers", g.writers);
    // Each writer holds its own pages and batches in flight: memory grows with them.
    if (o.writers < 1 || o.writers > 64) usage_error("--writers must be between 1 and 64");
  }
  if (cli.given("--batch-rows")) {
    o.batch_rows = cli.integer<int64_t>("--batch-rows", g.batch_rows);
    if (o.batch_rows < 1) usage_error("--batch-rows must be at least 1");
  }
  for (const std::string& option : g.storage_options) {
    size_t eq = option.find('=');
    if (eq == 0 || eq == std::string::npos) usage_error("--storage-option takes KEY=VALUE, got '" + option + "'");
    o.storage[option.substr(0, eq)] = option.substr(eq + 1);
  }
  if (cli.given("--older-than")) {
    int64_t seconds = cli.integer<int64_t>("--older-than", g.older_than);
    if (seconds < 0) usage_error("--older-than must be 0 or more seconds");
    o.older_than = static_cast<uint64_t>(seconds);
  }
}

// The options that only make sense together, checked together.
void check_combinations(const BenchmarkCommandLine& cli, const Given& g, Options& o) {
  bool parts_given = cli.given("--parts") || cli.given("--part");
  if (o.parts < 1) usage_error("--parts must be at least 1");
  if (o.part < 1 || o.part > o.parts) {
    usage_error("--part " + std::to_string(o.part) + " is not between 1 and --parts " + std::to_string(o.parts));
  }
  if (parts_given && (o.command == Command::Cleanup || o.command == Command::Commit)) {
    usage_error("--parts/--part are for writing parts");
  }
  if (o.command == Command::Discard && !(cli.given("--parts") && cli.given("--part"))) {
    usage_error("discard needs --parts N --part K");
  }
  bool lance = o.format == OutputFormat::Lance;
  if (o.mode == lance_bridge::Mode::Append && !lance) usage_error("--mode append works with --format lance only");
  if (!g.encodings.empty() && !lance) usage_error("--encoding is for --format lance");
  if (cli.given("--writers") && !lance) {
    usage_error("--writers is for --format lance (Parquet and tbl: one file, one writer)");
  }
  o.column_metadata = cli.encodings(g.encodings, o.tables);
  if (is_remote(o.output_dir) && o.format == OutputFormat::Text) {
    usage_error("--format " + format_name(o) + " writes local files only; object storage takes --format lance or parquet");
  }
  // The writers share one batch's worth of rows: with each writer's batches as
  // large as one writer's, twice the rows would be in flight (queued, being
  // encoded, held for a page), and lineitem would take ~60 MiB more.
  if (o.batch_rows == 0) {
    o.batch_rows = lance ? std::max<int64_t>(1, o.benchmark->lance_batch_rows() / o.writers) : datagen::kDefaultBatchRows;
  }
}

}  // namespace

// kHelpTemplate with the benchmark's own words in place of {program}, {name}, ...
std::string help_text(const Benchmark& b) {
  Benchmark::HelpFacts facts = b.help_facts();
  // The table names, as many to a line as fit.
  std::string tables = "                              ";
  size_t line_start = 0;
  for (size_t i = 0; i < b.tables().size(); ++i) {
    std::string name = b.tables()[i] + (i + 1 < b.tables().size() ? "," : "");
    if (tables.size() - line_start + name.size() > 90) {
      tables += "\n                              ";
      line_start = tables.size() - 30;
    }
    tables += name;
  }
  const std::pair<const char*, std::string> words[] = {
      {"{program}", b.program()},          {"{name}", b.name()},
      {"{generator}", facts.generator},    {"{text}", b.text_format()},
      {"{default_dir}", b.default_output_dir()}, {"{scale_factors}", facts.scale_factors},
      {"{parts_like}", facts.parts_like},  {"{parts_note}", facts.parts_note},
      {"{encoding_notes}", facts.encoding_notes},
      {"{lance_batch_rows}", with_commas(b.lance_batch_rows())},
      {"{tables}", tables}};
  std::string help = kHelpTemplate;
  for (const auto& [placeholder, text] : words) {
    for (size_t at = help.find(placeholder); at != std::string::npos; at = help.find(placeholder, at + text.size())) {
      help.replace(at, std::strlen(placeholder), text);
    }
  }
  return help;
}

Options parse_command_line(const Benchmark& benchmark, int argc, char** argv) {
  program_name = benchmark.program();
  Options o(benchmark);
  Given g;
  BenchmarkCommandLine cli(benchmark, benchmark.program(), help_text(benchmark));
  CLI::App& app = cli.app();
  app.fallthrough();  // the write's options after a command's name (inherited)
  app.require_subcommand(0, 1);
  define_write_options(cli, o, g);
  CLI::App* commit = app.add_subcommand("commit");
  CLI::App* discard = app.add_subcommand("discard");
  CLI::App* cleanup = app.add_subcommand("cleanup");
  cleanup->add_option("--older-than", g.older_than);
  cleanup->add_flag("--dry-run", o.dry_run);
  cli.parse(argc, argv);
  if (commit->parsed()) o.command = Command::Commit;
  if (discard->parsed()) o.command = Command::Discard;
  if (cleanup->parsed()) o.command = Command::Cleanup;
  convert(cli, g, o);
  check_combinations(cli, g, o);
  return o;
}

void usage_error(const std::string& message) { lance_bridge::tools::usage_error(program_name, message); }

bool is_remote(const std::string& uri) {
  return uri.find("://") != std::string::npos && uri.rfind("file://", 0) != 0;
}

std::string format_name(const Options& o, OutputFormat format) {
  switch (format) {
    case OutputFormat::Lance: return "lance";
    case OutputFormat::Parquet: return "parquet";
    case OutputFormat::Text: return o.benchmark->text_format();
  }
  return "?";
}

}  // namespace benchmark_lance
