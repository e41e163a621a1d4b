#include "core/season.h"

#include <fmt/format.h>

namespace backcourt {
namespace {

// Seasons whose window does not start on August 1st. Each still starts in its start year,
// which Season::Of relies on.
struct MovedStart {
  int start_year, month, day;
};
constexpr MovedStart kMovedStarts[] = {
    {2020, 11, 1},  // 2020-21, after the 2019-20 bubble
};

Date FirstDate(int start_year) {
  for (const MovedStart& moved : kMovedStarts) {
    if (moved.start_year == start_year) return Date::FromYmd(start_year, moved.month, moved.day);
  }
  return Date::FromYmd(start_year, 8, 1);
}

std::optional<int> Digits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

Season Season::Of(Date date) {
  const Season same_year(date.year());
  return date >= same_year.first() ? same_year : Season(date.year() - 1);
}

std::optional<Season> Season::OfIso(std::string_view date) {
  const auto parsed = Date::ParseIso(date);
  if (!parsed) return std::nullopt;
  return Of(*parsed);
}

std::optional<Season> Season::Parse(std::string_view label) {
  if (label.size() != 7 || label[4] != '-') return std::nullopt;
  const auto start = Digits(label.substr(0, 4)), end = Digits(label.substr(5));
  if (!start || !end || *start < 1946 || (*start + 1) % 100 != *end) return std::nullopt;
  return Season(*start);
}

std::string Season::label() const {
  return fmt::format("{}-{:02d}", start_year_, (start_year_ + 1) % 100);
}

Date Season::first() const { return FirstDate(start_year_); }

Date Season::last() const { return FirstDate(start_year_ + 1).AddDays(-1); }

}  // namespace backcourt
