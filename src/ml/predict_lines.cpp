#include "ml/predict_lines.h"

#include "store/partition_store.h"

namespace backcourt {

LinePick PickSide(double prediction, const std::optional<PropLine>& line, double min_edge) {
  LinePick pick;
  pick.line = line;
  if (!line) return pick;
  pick.edge = prediction - line->line;
  if (*pick.edge >= min_edge) {
    pick.side = kSideOver;
    pick.price = line->over_price, pick.book = line->over_book;
  } else if (*pick.edge <= -min_edge) {
    pick.side = kSideUnder;
    pick.price = line->under_price, pick.book = line->under_book;
  }
  return pick;
}

Result<std::vector<PropLine>> ConsensusLinesForDate(Db& db, const std::string& game_date) {
  BC_ASSIGN_OR_RETURN(auto record,
                      PartitionStore(db).Find(std::string(PropLinesTable().name), game_date));
  if (record && IsBuilt(record->status)) {
    return ReadConsensusPropLines(db, game_date, game_date);
  }
  BC_ASSIGN_OR_RETURN(MarketLines lines, LinesForDate(db, game_date));
  std::erase_if(lines.props, [](const PropLine& p) { return p.bookmaker != kConsensusBook; });
  return std::move(lines.props);
}

}  // namespace backcourt
