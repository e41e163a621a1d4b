#include "core/progress.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace backcourt {
namespace {

using Clock = std::chrono::steady_clock;

std::string Eta(double seconds) {
  if (seconds < 0 || seconds > 1e6) return "--";
  if (seconds < 60) return fmt::format("{:.0f}s", seconds);
  return fmt::format("{:.0f}m{:02.0f}s", seconds / 60, std::fmod(seconds, 60.0));
}

}  // namespace

void ProgressBoard::AddRow(const std::string& label, int64_t total) {
  rows_.push_back(Row{label, total});
}

void ProgressBoard::Advance(const std::string& label, bool success, int64_t records) {
  for (Row& row : rows_) {
    if (row.label != label) continue;
    row.done++;
    row.succeeded += success ? 1 : 0;
    row.records += records;
  }
  Draw(false);
}

std::string ProgressBoard::Bar(const Row& row, double seconds) const {
  constexpr int kWidth = 30;
  const double fraction = row.total > 0 ? static_cast<double>(row.done) / row.total : 1.0;
  const int filled = static_cast<int>(fraction * kWidth);
  const double rate = seconds > 0 ? row.done / seconds : 0;
  const double eta = rate > 0 ? (row.total - row.done) / rate : -1;
  return fmt::format("{:<28} [{}{}] {:>5}/{:<5} {:>7.1f}/s ETA {}", row.label,
                     std::string(filled, '#'), std::string(kWidth - filled, '.'), row.done,
                     row.total, rate, Eta(eta));
}

void ProgressBoard::Draw(bool force) {
  const auto now = Clock::now();
  const auto interval = terminal_ ? std::chrono::milliseconds(100) : std::chrono::seconds(2);
  if (!force && now - last_draw_ < interval) return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  if (terminal_) {
    if (drawn_) fmt::print(out_, "\x1b[{}A", rows_.size());
    for (const Row& row : rows_) fmt::print(out_, "\r{}\x1b[K\n", Bar(row, seconds));
    drawn_ = true;
  } else {
    int64_t done = 0, total = 0, succeeded = 0, records = 0;
    for (const Row& row : rows_) {
      done += row.done, total += row.total, succeeded += row.succeeded, records += row.records;
    }
    if (done == 0) return;
    fmt::print(out_, "Progress: {}/{} partitions ({:.1f}% success), {} records\n", done, total,
               100.0 * succeeded / std::max<int64_t>(done, 1), records);
  }
  out_.flush();
}

void ProgressBoard::Finish() { Draw(true); }

}  // namespace backcourt
