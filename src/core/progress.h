#pragma once
// Progress of long work, one row per label (a table): bars redrawn in place on a terminal,
// plain "Progress:" lines otherwise.
#include <chrono>
#include <ostream>
#include <string>
#include <vector>

namespace backcourt {

// Seconds elapsed on the steady clock since `start`: how long work took, for reports.
inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

class ProgressBoard {
 public:
  ProgressBoard(std::ostream& out, bool terminal) : out_(out), terminal_(terminal) {}

  void AddRow(const std::string& label, int64_t total);
  // Records one more unit done for `label` (success or not) with `records` written.
  void Advance(const std::string& label, bool success, int64_t records);
  // Draws the final state (terminal) or a last line.
  void Finish();

 private:
  struct Row {
    std::string label;
    int64_t total = 0, done = 0, succeeded = 0, records = 0;
  };
  void Draw(bool force);
  std::string Bar(const Row& row, double seconds) const;

  std::ostream& out_;
  bool terminal_;
  std::vector<Row> rows_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace backcourt
