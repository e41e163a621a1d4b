#include "tables/player_prop_lines.h"

#include "tables/market_lines.h"
#include "tables/typed_output.h"

namespace backcourt {
namespace {

class PlayerPropLinesProcessor : public Processor {
 public:
  std::string_view name() const override { return "player_prop_lines"; }
  std::string_view version() const override { return "1"; }
  std::vector<std::string_view> upstreams() const override { return {}; }
  // The schedule (its games) and the date's betting lines.
  bool reads_raw() const override { return true; }
  bool reads_lines() const override { return true; }
  // Complete: a consensus row and one row per book for every lined player of a final game, from
  // snapshots before tip; a game whose lines were all captured at or after tip is a gap.
  Result<TableSchemaState> CheckTable(Db& db) const override {
    return CheckDerivedTable(db, PropLinesTable());
  }
  Result<TableSchema> EnsureTable(Db& db) const override {
    return EnsureDerivedTable(db, PropLinesTable());
  }

  Result<std::unique_ptr<PartitionOutput>> Build(const BuildContext& ctx,
                                                 const std::string& game_date) const override {
    const std::vector<const Game*> games = ctx.inputs.BuiltGames(game_date);
    std::vector<PartitionGap> gaps;
    std::vector<PropLine> rows;
    if (!games.empty()) {
      BC_ASSIGN_OR_RETURN(RawLines raw, LoadRawLines(ctx.db, game_date));
      rows = BuildPropLines(games, ctx.inputs, raw, &gaps);
    }
    auto output = std::make_unique<TypedOutput<PropLine>>(PropLinesTable(), std::move(rows));
    output->gaps = std::move(gaps);
    return std::unique_ptr<PartitionOutput>(std::move(output));
  }
};

}  // namespace

std::unique_ptr<Processor> MakePlayerPropLinesProcessor() {
  return std::make_unique<PlayerPropLinesProcessor>();
}

}  // namespace backcourt
