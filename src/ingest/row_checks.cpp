#include "ingest/row_checks.h"

#include <fmt/format.h>

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/text.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

constexpr size_t kRejectContentBytes = 200;

Status CheckMadeNotAboveAttempted(const BoxStats& s) {
  const auto check = [](const std::optional<int64_t>& made, const std::optional<int64_t>& tried,
                        std::string_view made_name, std::string_view tried_name) -> Status {
    if (made && tried && *made > *tried) {
      return InvalidInput(fmt::format("{} {} > {} {}", made_name, *made, tried_name, *tried));
    }
    return {};
  };
  BC_RETURN_IF_ERROR(check(s.fgm, s.fga, "FGM", "FGA"));
  BC_RETURN_IF_ERROR(check(s.fg3m, s.fg3a, "FG3M", "FG3A"));
  BC_RETURN_IF_ERROR(check(s.ftm, s.fta, "FTM", "FTA"));
  BC_RETURN_IF_ERROR(check(s.fg3m, s.fgm, "FG3M", "FGM"));
  return check(s.fg3a, s.fga, "FG3A", "FGA");
}

// A player-game as views into its row: the rows stay in place while keys are compared.
struct PlayerGameKey {
  std::string_view game, team;  // game id and "", or date and team
  std::optional<int64_t> player_id;
  std::string_view name;  // "" when the player id is known

  explicit PlayerGameKey(const PlayerBoxRow& row)
      : game(row.game_id.empty() ? row.game_date : row.game_id),
        team(row.game_id.empty() ? std::string_view(row.team) : std::string_view()),
        player_id(row.player_id),
        name(row.player_id ? std::string_view() : std::string_view(row.player_name)) {}
  bool operator==(const PlayerGameKey&) const = default;
};

struct PlayerGameKeyHash {
  size_t operator()(const PlayerGameKey& key) const {
    const std::hash<std::string_view> text;
    size_t hash = text(key.game);
    for (size_t part :
         {text(key.team), std::hash<int64_t>()(key.player_id.value_or(-1)), text(key.name)}) {
      hash = hash * 31 + part;
    }
    return hash;
  }
};

std::string DuplicateReason(const PlayerBoxRow& row, int64_t first_line) {
  const std::string player = row.player_id ? fmt::format("player {}", *row.player_id)
                                           : fmt::format("player '{}'", row.player_name);
  const std::string game = row.game_id.empty()
                               ? fmt::format("for {} on {}", row.team, row.game_date)
                               : fmt::format("in game {}", row.game_id);
  return fmt::format("duplicate row: {} already has a row {} (line {})", player, game, first_line);
}

// The parsed row stands in for the record: it is no longer at hand.
std::string DescribeRow(const PlayerBoxRow& row) {
  const std::string id = row.player_id ? fmt::format(" {}", *row.player_id) : "";
  return TruncateUtf8(fmt::format("{} {}{} {}", row.game_id.empty() ? row.game_date : row.game_id,
                                  row.team, id, row.player_name),
                      kRejectContentBytes);
}

}  // namespace

Status CheckText(std::string_view text, std::string_view what) {
  if (text.size() > kMaxNameBytes) {
    return InvalidInput(
        fmt::format("{} is {} bytes long (at most {})", what, text.size(), kMaxNameBytes));
  }
  if (auto bad = FindInvalidUtf8(text)) {
    return InvalidInput(fmt::format("{} is not valid UTF-8 (byte 0x{:02X} at offset {})", what,
                                    static_cast<unsigned char>(text[*bad]), *bad));
  }
  return {};
}

Status CheckBoxStats(const BoxStats& s) {
  const std::pair<const std::optional<int64_t>*, std::string_view> counting[] = {
      {&s.pts, "PTS"}, {&s.fgm, "FGM"}, {&s.fga, "FGA"},   {&s.fg3m, "FG3M"}, {&s.fg3a, "FG3A"},
      {&s.ftm, "FTM"}, {&s.fta, "FTA"}, {&s.oreb, "OREB"}, {&s.dreb, "DREB"}, {&s.reb, "REB"},
      {&s.ast, "AST"}, {&s.stl, "STL"}, {&s.blk, "BLK"},   {&s.tov, "TOV"},   {&s.pf, "PF"},
  };
  for (const auto& [value, name] : counting) {
    if (*value && **value < 0) return InvalidInput(fmt::format("negative {} {}", name, **value));
  }
  BC_RETURN_IF_ERROR(CheckMadeNotAboveAttempted(s));
  if (s.pts && s.fgm && s.fg3m && s.ftm && *s.pts != 2 * *s.fgm + *s.fg3m + *s.ftm) {
    return InvalidInput(fmt::format("PTS {} is not 2*FGM + FG3M + FTM = {}", *s.pts,
                                    2 * *s.fgm + *s.fg3m + *s.ftm));
  }
  return {};
}

Status CheckGameDate(std::string_view game_date, std::string_view game_id) {
  if (game_date.empty()) return {};
  const auto date = Date::ParseIso(game_date);
  if (!date) return InvalidInput(fmt::format("invalid game date '{}'", game_date));
  const Date first = Date::FromYmd(1946, 11, 1), last = Date::FromYmd(2046, 10, 31);
  if (*date < first || *date > last) {
    return InvalidInput(fmt::format("game date {} is in no NBA season ({} to {})", game_date,
                                    first.ToIso(), last.ToIso()));
  }
  const auto season = SeasonOfGameId(game_id);
  if (!season || season->Contains(*date)) return {};
  return InvalidInput(fmt::format("game date {} is outside season {} of game {} ({} to {})",
                                  game_date, season->label(), game_id, season->first().ToIso(),
                                  season->last().ToIso()));
}

Status CheckRow(const ScheduleRow& row) {
  BC_RETURN_IF_ERROR(CheckGameDate(row.game_date, row.game_id));
  for (const auto& points : {row.home_points, row.away_points}) {
    if (points && *points < 0) return InvalidInput(fmt::format("negative score {}", *points));
  }
  return {};
}

Status CheckRow(const TeamBoxRow& row) {
  BC_RETURN_IF_ERROR(CheckGameDate(row.game_date, row.game_id));
  return CheckBoxStats(row.stats);
}

Status CheckRow(const PlayerBoxRow& row) {
  BC_RETURN_IF_ERROR(CheckGameDate(row.game_date, row.game_id));
  BC_RETURN_IF_ERROR(CheckText(row.player_name, "player name"));
  BC_RETURN_IF_ERROR(CheckText(row.dnp_reason, "did-not-play comment"));
  return CheckBoxStats(row.stats);
}

void RejectDuplicatePlayerRows(ParsedFile& out) {
  std::vector<PlayerBoxRow>& rows = out.player_box;
  std::unordered_map<PlayerGameKey, int64_t, PlayerGameKeyHash> first_line;
  first_line.reserve(rows.size());
  std::vector<bool> duplicate(rows.size(), false);
  bool any = false;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto [first, inserted] = first_line.try_emplace(PlayerGameKey(rows[i]), rows[i].line);
    if (inserted) continue;
    out.rejects.push_back(
        RejectRow{rows[i].line, DuplicateReason(rows[i], first->second), DescribeRow(rows[i])});
    duplicate[i] = any = true;
  }
  if (!any) return;
  size_t kept = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (duplicate[i]) continue;
    if (kept != i) rows[kept] = std::move(rows[i]);
    ++kept;
  }
  rows.erase(rows.begin() + static_cast<ptrdiff_t>(kept), rows.end());
}

}  // namespace backcourt
