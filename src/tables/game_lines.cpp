#include "tables/game_lines.h"

#include "tables/market_lines.h"
#include "tables/typed_output.h"

namespace backcourt {
namespace {

class GameLinesProcessor : public Processor {
 public:
  std::string_view name() const override { return "game_lines"; }
  std::string_view version() const override { return "1"; }
  std::vector<std::string_view> upstreams() const override { return {}; }
  // The schedule (its games) and the date's betting lines.
  bool reads_raw() const override { return true; }
  bool reads_lines() const override { return true; }
  // Complete: a row for every final game that has a spread or total captured before tip; a game
  // whose lines were all captured at or after tip is a gap.
  Result<TableSchemaState> CheckTable(Db& db) const override {
    return CheckDerivedTable(db, GameLinesTable());
  }
  Result<TableSchema> EnsureTable(Db& db) const override {
    return EnsureDerivedTable(db, GameLinesTable());
  }

  Result<std::unique_ptr<PartitionOutput>> Build(const BuildContext& ctx,
                                                 const std::string& game_date) const override {
    const std::vector<const Game*> games = ctx.inputs.BuiltGames(game_date);
    std::vector<PartitionGap> gaps;
    std::vector<GameLine> rows;
    if (!games.empty()) {
      BC_ASSIGN_OR_RETURN(RawLines raw, LoadRawLines(ctx.db, game_date));
      rows = BuildGameLines(games, raw, &gaps);
    }
    auto output = std::make_unique<TypedOutput<GameLine>>(GameLinesTable(), std::move(rows));
    output->gaps = std::move(gaps);
    return std::unique_ptr<PartitionOutput>(std::move(output));
  }
};

}  // namespace

std::unique_ptr<Processor> MakeGameLinesProcessor() {
  return std::make_unique<GameLinesProcessor>();
}

}  // namespace backcourt
