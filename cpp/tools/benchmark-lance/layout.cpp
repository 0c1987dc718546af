#include "layout.h"

#include <cstdio>
#include <filesystem>

namespace benchmark_lance {

std::string join(const std::string& dir, const std::string& name) {
  if (!is_remote(dir)) return (std::filesystem::path(dir) / name).string();
  std::string base = dir;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + name;
}

std::string output_path(const Options& o, const std::string& table) {
  std::string name = table;
  if (o.format == OutputFormat::Text) {
    name += "." + format_name(o);
    if (writing_parts(o)) name += "." + std::to_string(o.part);
  } else if (o.format == OutputFormat::Parquet && writing_parts(o)) {
    name += "/part-" + std::to_string(o.part) + ".parquet";
  } else {
    name += "." + format_name(o);
  }
  return join(o.output_dir, name);
}

std::string pending_dir(const Options& o, const std::string& table) {
  return join(join(o.output_dir, "_pending"), table);
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

}  // namespace benchmark_lance
