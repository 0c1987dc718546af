#include "layout.h"

#include <cstdio>
#include <filesystem>

namespace tpch_lance {

std::string join(const std::string& dir, const std::string& name) {
  if (!is_remote(dir)) return (std::filesystem::path(dir) / name).string();
  std::string base = dir;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + name;
}

std::string output_path(const Options& o, tpch::Table table) {
  std::string name(tpch::table_name(table));
  if (o.format == OutputFormat::Tbl) {
    name += ".tbl";
    if (writing_parts(o)) name += "." + std::to_string(o.part);
  } else if (o.format == OutputFormat::Parquet && writing_parts(o)) {
    name += "/part-" + std::to_string(o.part) + ".parquet";
  } else {
    name += std::string(".") + format_name(o.format);
  }
  return join(o.output_dir, name);
}

std::string pending_dir(const Options& o, tpch::Table table) {
  return join(join(o.output_dir, "_pending"), std::string(tpch::table_name(table)));
}

std::string piece_name(const Options& o) {
  return "part-" + std::to_string(o.part) + "-of-" + std::to_string(o.parts) + ".sf" +
         scale_factor_text(o.scale_factor) + ".piece";
}

bool parse_piece_name(const std::string& name, PendingPart* out) {
  int part = 0, parts = 0, used = 0;
  if (std::sscanf(name.c_str(), "part-%d-of-%d.sf%n", &part, &parts, &used) != 2 || used == 0) return false;
  std::string rest = name.substr(used);
  const std::string suffix = ".piece";
  if (rest.size() <= suffix.size() || rest.compare(rest.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  *out = PendingPart{part, parts, rest.substr(0, rest.size() - suffix.size()), name};
  return true;
}

}  // namespace tpch_lance
