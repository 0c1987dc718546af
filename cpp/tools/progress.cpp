#include "progress.h"

#include <unistd.h>

#include <algorithm>

namespace lance_bridge::tools {

Progress::Style Progress::detect(bool quiet) {
  if (quiet) return Style::Quiet;
  return isatty(STDERR_FILENO) ? Style::Bar : Style::Lines;
}

Progress::Progress(Style style, std::string label, int64_t total_units)
    : style_(style), label_(std::move(label)), total_(std::max<int64_t>(total_units, 1)),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

void Progress::update(int64_t units, int64_t rows) {
  if (style_ == Style::Quiet) return;
  auto now = std::chrono::steady_clock::now();
  if (style_ == Style::Bar) {
    if (now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    draw(units, rows, false);
  } else {
    int decile = static_cast<int>(units * 10 / total_);
    if (decile > last_decile_ && decile < 10) {
      last_decile_ = decile;
      draw(units, rows, false);
    }
  }
}

void Progress::finish(int64_t rows) {
  if (style_ == Style::Quiet) return;
  draw(total_, rows, true);
}

void Progress::draw(int64_t units, int64_t rows, bool final) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double fraction = std::min(1.0, static_cast<double>(units) / static_cast<double>(total_));
  double rate = seconds > 0 ? rows / seconds : 0;
  char eta[32] = "";
  if (!final && fraction > 0.001) std::snprintf(eta, sizeof eta, "  ETA %.0fs", seconds * (1 - fraction) / fraction);
  if (style_ == Style::Bar) {
    constexpr int kWidth = 30;
    int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(kWidth, ' ');
    std::fprintf(stderr, "\r%-9s [%s] %3.0f%%  %s rows  %s rows/s%s\033[K", label_.c_str(), bar.c_str(),
                 fraction * 100, with_commas(rows).c_str(), with_commas(static_cast<int64_t>(rate)).c_str(), eta);
    if (final) std::fputc('\n', stderr);
  } else {
    std::fprintf(stderr, "%s: %3.0f%%  %s rows  %.1fs%s\n", label_.c_str(), fraction * 100,
                 with_commas(rows).c_str(), seconds, eta);
  }
  std::fflush(stderr);
}

std::string with_commas(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

std::string human_bytes(uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u ? "%.1f %s" : "%.0f %s", v, units[u]);
  return buf;
}

}  // namespace lance_bridge::tools
