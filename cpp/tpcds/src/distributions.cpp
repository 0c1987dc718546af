// Reading the embedded .dst files.

#include "distributions.h"

#include <charconv>
#include <map>
#include <mutex>
#include <stdexcept>

#include "distribution_files.h"

namespace tpcds {
namespace {

std::string_view trim(std::string_view s) {
  size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  size_t end = s.find_last_not_of(" \t\r");
  return s.substr(begin, end - begin + 1);
}

// ISO-8859-1 to UTF-8: each byte is its own code point.
void append_latin1(std::string& out, char c) {
  auto byte = static_cast<unsigned char>(c);
  if (byte < 0x80) {
    out += c;
  } else {
    out += static_cast<char>(0xC0 | (byte >> 6));
    out += static_cast<char>(0x80 | (byte & 0x3F));
  }
}

// "a, b\, c, d" -> {"a", "b, c", "d"}, each trimmed.
std::vector<std::string> split_values(std::string_view text) {
  std::vector<std::string> values;
  std::string current;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == ',') {
      current += ',';
      ++i;
    } else if (text[i] == ',') {
      values.emplace_back(trim(current));
      current.clear();
    } else {
      append_latin1(current, text[i]);
    }
  }
  values.emplace_back(trim(current));
  return values;
}

}  // namespace

Distribution::Distribution(std::string_view name, std::string_view text) : name_(name) {
  size_t line_number = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (line.empty() || line.substr(0, 2) == "--") continue;
    auto fail = [&](const std::string& why) {
      throw std::runtime_error("TPC-DS distribution " + name_ + ".dst, line " + std::to_string(line_number) +
                               ": " + why);
    };
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) fail("no ':' between the values and the weights");
    std::vector<std::string> values = split_values(line.substr(0, colon));
    std::vector<std::string> weights = split_values(line.substr(colon + 1));
    if (rows_ == 0) {
      values_.resize(values.size());
      cumulative_.resize(weights.size());
    } else if (values.size() != values_.size() || weights.size() != cumulative_.size()) {
      fail("a different number of values or weights than the first row");
    }
    for (size_t i = 0; i < values.size(); ++i) values_[i].push_back(std::move(values[i]));
    for (size_t i = 0; i < weights.size(); ++i) {
      int32_t weight = 0;
      const std::string& w = weights[i];
      auto [at, error] = std::from_chars(w.data(), w.data() + w.size(), weight);
      if (error != std::errc() || at != w.data() + w.size()) fail("weight '" + w + "' is not a number");
      cumulative_[i].push_back((rows_ == 0 ? 0 : cumulative_[i].back()) + weight);
    }
    ++rows_;
  }
  if (rows_ == 0) throw std::runtime_error("TPC-DS distribution " + name_ + ".dst has no rows");
}

const std::string& Distribution::member(int64_t index, int value_set) const {
  if (index < 1 || static_cast<size_t>(index) > rows_ || value_set < 1 ||
      static_cast<size_t>(value_set) > values_.size()) {
    throw std::out_of_range("TPC-DS distribution " + name_ + ": no value " + std::to_string(value_set) +
                            " of row " + std::to_string(index));
  }
  return values_[static_cast<size_t>(value_set - 1)][static_cast<size_t>(index - 1)];
}

int32_t Distribution::member_int(int64_t index, int value_set) const {
  // dsdgen reads integer values with atoi: leading digits, 0 for none.
  const std::string& text = member(index, value_set);
  int32_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

int32_t Distribution::total_weight(int weight_set) const {
  return cumulative_.at(static_cast<size_t>(weight_set - 1)).back();
}

int32_t Distribution::weight(int64_t index, int weight_set) const {
  const std::vector<int32_t>& totals = cumulative_.at(static_cast<size_t>(weight_set - 1));
  auto i = static_cast<size_t>(index - 1);
  return totals.at(i) - (i == 0 ? 0 : totals[i - 1]);
}

int64_t Distribution::pick(int weight_set, Stream& stream) const {
  const std::vector<int32_t>& totals = cumulative_.at(static_cast<size_t>(weight_set - 1));
  int32_t level = stream.uniform(1, totals.back());
  size_t index = 0;
  while (index < rows_ && level > totals[index]) ++index;
  return static_cast<int64_t>(index) + 1;
}

const Distribution& distribution(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, Distribution, std::less<>> parsed;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = parsed.find(name);
  if (it != parsed.end()) return it->second;
  for (const detail::DistributionFile& file : detail::distribution_files()) {
    if (file.name == name) return parsed.emplace(std::string(name), Distribution(name, file.bytes)).first->second;
  }
  throw std::runtime_error("no TPC-DS distribution named " + std::string(name));
}

}  // namespace tpcds
