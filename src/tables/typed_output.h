#pragma once
// PartitionOutput for a table declared as Table<Row>.
#include <algorithm>

#include "store/derived_store.h"
#include "tables/processor.h"

namespace backcourt {

template <class Row>
class TypedOutput : public PartitionOutput {
 public:
  TypedOutput(const Table<Row>& table, std::vector<Row> rows)
      : table_(table), rows_(std::move(rows)) {}
  size_t rows() const override { return rows_.size(); }
  std::string DataVersion() const override {
    Hasher hasher;
    hasher.AddU64(rows_.size());
    for (const Row& row : rows_) HashRow(table_, row, hasher);
    for (const PartitionGap& gap : gaps) {
      hasher.Add(gap.game_id);
      hasher.Add(gap.team);
      hasher.Add(gap.reason);
    }
    return hasher.HexDigest();
  }
  Status Write(Db& db, const std::string& game_date) const override {
    return ReplacePartitionRows(db, table_, game_date, rows_);
  }
  const std::vector<Row>& typed_rows() const { return rows_; }

 private:
  const Table<Row>& table_;
  std::vector<Row> rows_;
};

}  // namespace backcourt
