#include "ingest/csv_box_stats.h"

#include <fmt/format.h>

#include <string>

#include "core/text.h"
#include "ingest/row_checks.h"

namespace backcourt {

StatNames NbaStatNames() {
  return StatNames{{"PTS"}, {"FGM"},       {"FGA"},  {"FG3M"},      {"FG3A"}, {"FTM"},
                   {"FTA"}, {"OREB"},      {"DREB"}, {"REB"},       {"AST"},  {"STL"},
                   {"BLK"}, {"TOV", "TO"}, {"PF"},   {"PLUS_MINUS"}};
}

StatNames BbrefStatNames() {
  return StatNames{{"PTS"}, {"FG"},  {"FGA"}, {"3P"},  {"3PA"}, {"FT"},  {"FTA"}, {"ORB"},
                   {"DRB"}, {"TRB"}, {"AST"}, {"STL"}, {"BLK"}, {"TOV"}, {"PF"},  {"+/-"}};
}

StatColumns FindStatColumns(const CsvHeader& header, const StatNames& names,
                            std::string_view suffix) {
  const auto find = [&](const std::vector<std::string_view>& spellings) {
    std::optional<size_t> index;
    for (std::string_view spelling : spellings) {
      if (!index) index = header.Find(std::string(spelling) + std::string(suffix));
    }
    return index;
  };
  StatColumns c;
  c.pts = find(names.pts), c.fgm = find(names.fgm), c.fga = find(names.fga);
  c.fg3m = find(names.fg3m), c.fg3a = find(names.fg3a), c.ftm = find(names.ftm);
  c.fta = find(names.fta), c.oreb = find(names.oreb), c.dreb = find(names.dreb);
  c.reb = find(names.reb), c.ast = find(names.ast), c.stl = find(names.stl);
  c.blk = find(names.blk), c.tov = find(names.tov), c.pf = find(names.pf);
  c.plus_minus = find(names.plus_minus);
  return c;
}

namespace {

struct CountingStat {
  std::optional<size_t> column;
  std::optional<int64_t>* value;
  std::string_view name;
};

}  // namespace

Status ParseBoxStats(const CsvRecord& record, const StatColumns& c, bool allow_empty,
                     BoxStats& stats) {
  const CountingStat counting[] = {
      {c.pts, &stats.pts, "PTS"},    {c.fgm, &stats.fgm, "FGM"},    {c.fga, &stats.fga, "FGA"},
      {c.fg3m, &stats.fg3m, "FG3M"}, {c.fg3a, &stats.fg3a, "FG3A"}, {c.ftm, &stats.ftm, "FTM"},
      {c.fta, &stats.fta, "FTA"},    {c.oreb, &stats.oreb, "OREB"}, {c.dreb, &stats.dreb, "DREB"},
      {c.reb, &stats.reb, "REB"},    {c.ast, &stats.ast, "AST"},    {c.stl, &stats.stl, "STL"},
      {c.blk, &stats.blk, "BLK"},    {c.tov, &stats.tov, "TOV"},    {c.pf, &stats.pf, "PF"},
  };
  for (const CountingStat& stat : counting) {
    if (!stat.column) continue;
    const std::string_view cell = record[*stat.column];
    if (allow_empty && Trim(cell).empty()) continue;
    BC_ASSIGN_OR_RETURN(const int64_t value, ParseIntCell(cell, stat.name));
    if (value < 0) return InvalidInput(fmt::format("negative {} {}", stat.name, value));
    *stat.value = value;
  }
  if (c.plus_minus) {
    BC_ASSIGN_OR_RETURN(stats.plus_minus,
                        ParseOptionalDoubleCell(record[*c.plus_minus], "PLUS_MINUS"));
  }
  return CheckBoxStats(stats);
}

}  // namespace backcourt
