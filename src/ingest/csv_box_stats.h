#pragma once
// Box-score stat columns of the CSV formats: where each stat lives in a header, and the
// parsing of a record's stats (checked with CheckBoxStats).
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/csv.h"
#include "ingest/raw_rows.h"

namespace backcourt {

// Where each box-score stat lives in a header; nullopt = the source lacks it.
struct StatColumns {
  std::optional<size_t> pts, fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, reb, ast, stl, blk, tov,
      pf, plus_minus;
  bool HasShooting() const { return fga && fta && tov; }
};
// Source spellings of each stat (alternatives allowed: {"TOV", "TO"}), plus a suffix such as
// "_home" appended to every name.
struct StatNames {
  std::vector<std::string_view> pts, fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, reb, ast, stl, blk,
      tov, pf, plus_minus;
};
StatNames NbaStatNames();    // PTS, FGM, FG3M, ..., TOV/TO, PLUS_MINUS
StatNames BbrefStatNames();  // PTS, FG, 3P, ..., ORB, DRB, TRB
StatColumns FindStatColumns(const CsvHeader& header, const StatNames& names,
                            std::string_view suffix = "");

// Fills `stats` from present columns. Counting stats must be non-negative integers; an empty
// counting cell is an error unless `allow_empty` (a row the source marks as did-not-play).
// Stats that fail CheckBoxStats (made > attempted, ...) are an error. An empty plus/minus is
// NULL.
Status ParseBoxStats(const CsvRecord& record, const StatColumns& columns, bool allow_empty,
                     BoxStats& stats);

}  // namespace backcourt
