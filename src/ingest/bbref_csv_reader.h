#pragma once
// bbref-csv: Basketball-Reference style player game logs (Player, Tm, Opp, Res, MP, FG, FGA,
// 3P, ..., Date or Data). No ids: player_id stays NULL and game_id empty (resolved later by
// name and by (date, team)). Team codes BRK/CHO/PHO are normalised; dates are dd/mm/yyyy or
// ISO; the side is known only when a home/away column exists.
#include <string_view>

#include "ingest/reader.h"

namespace backcourt {

class BbrefCsvReader : public Reader {
 public:
  static constexpr std::string_view kFormat = "bbref-csv";
  std::string_view format() const override { return kFormat; }
  // Player, Tm (or Team), MP, PTS and Date (or Data).
  bool Detect(const InputFile& file) const override;
  Result<ParsedFile> Read(const InputFile& file) const override;
};

}  // namespace backcourt
