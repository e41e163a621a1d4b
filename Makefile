# The two commands a new user needs: `make demo` and `make test`. Both install missing
# Debian packages first (apt-get, with sudo when not root).
BUILD ?= build
JOBS ?= $(shell nproc)
BACKCOURT = $(BUILD)/backcourt
SHARED ?= ../shared/data/nba

.PHONY: all deps build test demo clean bench-ingest bench-model bench-analytics bench-validate bench-backfill \
	bench-scale bench-vs-sql bench-workers check-workers check-sanitize check-tsan fuzz

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Sanitizer builds, each in its own folder so they never disturb $(BUILD). check-sanitize
# runs the whole suite under AddressSanitizer (with LeakSanitizer) and UBSan; check-tsan
# runs the engine's tests (worker pool, lease heartbeat, scheduler) under ThreadSanitizer.
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
SANITIZER_ENV = ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$(CURDIR)/scripts/tsan.supp

check-sanitize: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBACKCOURT_SANITIZE=address,undefined
	$(SANITIZER_ENV) cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && $(SANITIZER_ENV) ctest --output-on-failure -j $(JOBS)

check-tsan: deps
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBACKCOURT_SANITIZE=thread
	$(SANITIZER_ENV) cmake --build $(TSAN_BUILD) -j $(JOBS) --target engine_tests backcourt
	cd $(TSAN_BUILD) && $(SANITIZER_ENV) ctest --output-on-failure -R '^engine_tests$$'

# libFuzzer (clang) on every reader, the minutes parser and gunzip, FUZZ_SECONDS each, one
# target at a time. Seeds come from tests/data; the corpus grows in $(FUZZ_BUILD)/fuzz-corpus.
# Fails naming the target and the crashing input; FUZZ_TARGETS="fuzz_minutes ..." picks some.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=

fuzz:
	@scripts/install-deps.sh --fuzz
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBACKCOURT_FUZZ=ON
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	fuzz/seed_corpus.sh $(FUZZ_BUILD)
	fuzz/run_fuzzers.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The product's story on the bundled real 2023-24 sample (scripts/demo.sh): a month of player
# rows held back, validation naming the missing games, the month ingested, exactly the
# affected partitions rebuilt, validation passing with the play-in and Cup-final gaps listed,
# the model trained, the report written. Fails when any step ends otherwise.
demo: build
	scripts/demo.sh $(BACKCOURT) $(BUILD)/demo

bench-ingest: build
	bench/ingest.sh $(BACKCOURT) $(SHARED)

# Features for all seasons 2017-18..2025-26 and training on 2017-18..2023-24 (real data).
bench-model: build
	bench/model.sh $(BACKCOURT) $(SHARED)

bench-analytics: build
	bench/analytics.sh $(BACKCOURT) $(SHARED)

# validate over 2021-10-19..2026-01-02 on an ingested and backfilled copy (target < 1 s).
bench-validate: build
	bench/validate.sh $(BACKCOURT) $(SHARED)

bench-backfill: build
	bench/backfill.sh $(BACKCOURT) $(SHARED)

# 5, 10 and 26 seasons of player box scores generated from the real team game logs: ingest
# plus a full backfill, timed, with peak memory (targets: 26 seasons < 60 s, < 2 GB).
bench-scale: build
	bench/scale.sh $(BACKCOURT) $(SHARED) $(BUILD)/backcourt_scale_gen

# The three analytics tables from the same files (five seasons of team logs, team advanced
# files and player logs, and the four player_box files) built by backcourt (ingest +
# backfill) and by plain SQL in the sqlite3 shell (bench/vs_sql/*.sql), alternately three
# times: both medians, backcourt's speedup (target >= 3x), and every row compared (1e-9).
bench-vs-sql: build
	bench/vs_sql.sh $(BACKCOURT) $(SHARED)

# Three worker processes, one killed, on SQLite and on a throwaway PostgreSQL server, over
# all of $(SHARED) 2021-10-19..2026-01-02: tables equal a single-process SQLite backfill,
# no duplicate keys, no partition claimed twice at once, no torn partition seen by a reader.
check-workers: build
	cd $(BUILD) && BACKCOURT_WORKERS_DATA=$(abspath $(SHARED)) ./engine_tests \
		--gtest_filter='Backends/WorkerTest.*'

# The full range into PostgreSQL by a plain backfill and by 1 and 2 worker processes, against
# a plain SQLite backfill: wall time and peak memory (target: within 3x of SQLite).
bench-workers: build
	bench/pg_workers.sh $(BACKCOURT) $(SHARED)

clean:
	rm -rf $(BUILD)
