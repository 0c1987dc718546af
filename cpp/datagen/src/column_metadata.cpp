// --encoding values: parsed, checked against the tables' columns, and set on fields.

#include <stdexcept>

#include "datagen/batch_stream.h"

namespace datagen {

std::vector<lance_bridge::Field> with_metadata(std::vector<lance_bridge::Field> fields,
                                               const std::vector<ColumnMetadata>& metadata) {
  for (const ColumnMetadata& m : metadata) {
    for (lance_bridge::Field& f : fields) {
      if (f.name == m.column) f.with_metadata(m.key, m.value);
    }
  }
  return fields;
}

ColumnMetadata parse_column_metadata(std::string_view spec, const std::vector<TableColumns>& tables) {
  size_t colon = spec.find(':');
  size_t eq = spec.find('=', colon == std::string_view::npos ? 0 : colon);
  if (colon == 0 || colon == std::string_view::npos || eq == std::string_view::npos || eq == colon + 1) {
    throw std::invalid_argument("expected COLUMN:KEY=VALUE (e.g. l_comment:compression=zstd), got '" +
                                std::string(spec) + "'");
  }
  ColumnMetadata m{std::string(spec.substr(0, colon)), std::string(spec.substr(colon + 1, eq - colon - 1)),
                   std::string(spec.substr(eq + 1))};
  if (m.key.find(':') == std::string::npos) m.key = "lance-encoding:" + m.key;
  for (const auto& [name, fields] : tables) {
    for (const lance_bridge::Field& f : fields) {
      if (f.name == m.column) return m;
    }
  }
  std::string names;
  for (const auto& [name, fields] : tables) names += (names.empty() ? "" : ", ") + name;
  throw std::invalid_argument("no column '" + m.column + "' in " + names);
}

}  // namespace datagen
