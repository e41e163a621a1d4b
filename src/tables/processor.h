#pragma once
// The interface every derived table implements (STYLE.md convention 2): its name, version,
// upstreams, read window, and Build() for one game_date partition. Its completeness rule is
// what Build() lists as gaps (PartitionOutput::gaps); each processor states it in a comment.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/db.h"
#include "store/derived_store.h"
#include "store/partition_store.h"
#include "tables/inputs.h"

namespace backcourt {

enum class ReadWindow {
  kSameDate,        // reads its upstreams' partitions of the same date
  kSeasonToDate,    // reads every earlier date of the season
};

// The rows of one built partition, type-erased so the engine can write any table, and the
// games it could not build (its gaps): with gaps the partition is partial, never failed.
class PartitionOutput {
 public:
  virtual ~PartitionOutput() = default;
  virtual size_t rows() const = 0;
  // Hash of the rows in key order, and of the gaps when there are any: the data_version.
  virtual std::string DataVersion() const = 0;
  // Replaces the date's rows (the caller holds the transaction).
  virtual Status Write(Db& db, const std::string& game_date) const = 0;
  // Games (or team-games) of the date that fail the table's completeness rule, with why.
  std::vector<PartitionGap> gaps;
};


// What a processor reads: the resolved raw inputs of the date and, through `db`, the
// partitions of its upstream tables.
struct BuildContext {
  Db& db;
  const ResolvedInputs& inputs;
};

class Processor {
 public:
  virtual ~Processor() = default;
  virtual std::string_view name() const = 0;
  // Bumped whenever the table's logic or schema changes: its partitions become stale.
  virtual std::string_view version() const = 0;
  virtual std::vector<std::string_view> upstreams() const = 0;
  virtual ReadWindow window() const { return ReadWindow::kSameDate; }
  // True when the table reads raw rows (its fingerprint includes the date's raw inputs).
  virtual bool reads_raw() const = 0;
  // True when the table reads the league's injury reports: its fingerprint includes the
  // date's injury-report records (DateInfo::injury_fingerprint), and only those raw rows.
  virtual bool reads_injury_reports() const { return false; }
  // True when the table reads betting lines: its fingerprint then includes the date's line
  // rows, which no other table's does (ingesting lines never makes box-score tables stale).
  virtual bool reads_lines() const { return false; }
  // How the table is stored, read-only (the schema is declared in the processor's file).
  virtual Result<TableSchemaState> CheckTable(Db& db) const = 0;
  // Creates the table when missing, migrates backcourt's older schema, refuses a foreign one.
  // Writing commands only, holding the lease.
  virtual Result<TableSchema> EnsureTable(Db& db) const = 0;
  virtual Result<std::unique_ptr<PartitionOutput>> Build(const BuildContext& ctx,
                                                         const std::string& game_date) const = 0;
};

}  // namespace backcourt
