# Availability measurement (issue 15): MAE of a model trained with --availability derived vs
# its twin without availability (train fits both: M.json and M.no-availability.json) on the
# 2024-25 test rows, split by how the team-game's derived absences look (one-off: the player
# played the team's previous and next games), with a date-block bootstrap interval.
# Usage: python3 bench/availability_one_off.py BACKCOURT DB MODEL.json
#   after `backcourt --db DB train --train-end 2024-06-30 --test-start 2024-10-01
#          --test-end 2025-06-30 --availability derived --model MODEL.json`
import csv, io, sqlite3, subprocess, sys, collections
backcourt, db_path, model = sys.argv[1:4]
models = {1: model, 2: model[:-len('.json')] + '.no-availability.json'}
db = sqlite3.connect(db_path)
pop = {}
for gid, key, gp, mins, pts, team, date, season in db.execute(
    "select game_id, player_key, games_played_season, target_minutes, target_points, team, game_date, season from player_game_features where game_date between '2024-10-01' and '2025-06-30'"):
    if mins and mins > 0 and gp is not None and gp >= 10 and pts is not None:
        pop[(gid, key)] = (pts, team, date, season)
pred = {}
for m, path in models.items():
    for date in sorted({v[2] for v in pop.values()}):
        out = subprocess.run([backcourt, '--db', db_path, 'predict', '--date', date, '--model', path,
                              '--format', 'csv'], check=True, capture_output=True, text=True).stdout
        for r in csv.DictReader(io.StringIO(out)):
            pred[(m, r['game_id'], r['player_key'])] = (float(r['predicted_points']), float(r['pts_avg_last10']) if r['pts_avg_last10'] else None)
# team games in date order per season+team, and who played each
played = collections.defaultdict(set)   # (game_id, team) -> keys with minutes > 0
team_games = collections.defaultdict(list)  # (season, team) -> [(date, game_id)]
for gid, date, season, team, key, mins in db.execute(
    "select game_id, game_date, season, team, player_key, minutes_played from player_game_summary where season in ('2024-25')"):
    if mins and mins > 0: played[(gid, team)].add(key)
for season, team, date, gid in db.execute("select season, team, game_date, game_id from team_offense_game_summary where season='2024-25'"):
    team_games[(season, team)].append((date, gid))
for v in team_games.values(): v.sort()
index = {}
for (season, team), games in team_games.items():
    for i, (date, gid) in enumerate(games): index[(gid, team)] = (season, team, i)
def neighbours(gid, team):
    season, t, i = index[(gid, team)]
    g = team_games[(season, t)]
    prev = g[i-1][1] if i > 0 else None
    nxt = g[i+1][1] if i + 1 < len(g) else None
    return prev, nxt
out = collections.defaultdict(list)  # (gid, team) -> derived out keys
outcome = {}
for gid, team, key, oc in db.execute("select game_id, team, player_key, outcome from player_availability where derived_out=1 and game_date between '2024-10-01' and '2025-06-30'"):
    out[(gid, team)].append(key); outcome[(gid, key)] = oc
def kind(gid, team):
    keys = out.get((gid, team), [])
    if not keys: return 'nobody out'
    prev, nxt = neighbours(gid, team)
    kinds = set()
    for k in keys:
        one_off = prev and nxt and k in played[(prev, team)] and k in played[(nxt, team)]
        kinds.add('one-off' if one_off else 'sustained')
    return 'all one-off' if kinds == {'one-off'} else ('all sustained' if kinds == {'sustained'} else 'mixed')
dnp_cd = collections.Counter()
for (gid, key), oc in outcome.items(): dnp_cd[oc] += 1
stats = collections.defaultdict(lambda: [0, 0.0, 0.0, 0.0])
for (gid, key), (pts, team, date, season) in pop.items():
    if (1, gid, key) not in pred or (2, gid, key) not in pred: continue
    k = kind(gid, team)
    for group in (k, 'all'):
        s = stats[group]
        s[0] += 1; s[1] += abs(pred[(1, gid, key)][0] - pts); s[2] += abs(pred[(2, gid, key)][0] - pts)
        l10 = pred[(1, gid, key)][1]; s[3] += abs((l10 or 0) - pts)
print(f"{'rows':<14}{'n':>7}{'derived':>9}{'none':>8}{'diff':>8}{'last10':>8}")
for g in ('all', 'nobody out', 'all sustained', 'mixed', 'all one-off'):
    n, a, b, c = stats[g]
    print(f"{g:<14}{n:>7}{a/n:>9.3f}{b/n:>8.3f}{(a-b)/n:>+8.3f}{c/n:>8.3f}")
print('derived-out outcomes (test range):', dict(dnp_cd))
import random
random.seed(1)
by_date = collections.defaultdict(lambda: [0, 0.0])
for (gid, key), (pts, team, date, season) in pop.items():
    if (1, gid, key) not in pred: continue
    d = by_date[date]; d[0] += 1; d[1] += abs(pred[(1, gid, key)][0] - pts) - abs(pred[(2, gid, key)][0] - pts)
dates = list(by_date)
diffs = []
for _ in range(1000):
    sample = [random.choice(dates) for _ in dates]
    n = sum(by_date[d][0] for d in sample); s = sum(by_date[d][1] for d in sample)
    diffs.append(s / n)
diffs.sort()
print(f"derived - none, all rows: 95% interval (date-block bootstrap) {diffs[25]:+.3f}..{diffs[974]:+.3f}")
