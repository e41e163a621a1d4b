#pragma once
// `backcourt report --html`: one self-contained page (inline CSS and SVG, no network) with a
// calendar heatmap per table, the month coverage, the failed checks and the latest model
// evaluation when model_runs holds one.
#include <string>

#include "core/status.h"
#include "store/db.h"
#include "tables/registry.h"
#include "validate/thresholds.h"

namespace backcourt {

struct ReportOptions {
  std::string start_date;              // ISO; empty: the schedule's first final game that counts
  std::string end_date;                // ISO; empty: the schedule's last
  Thresholds thresholds;               // as for validate
  const Registry* registry = nullptr;  // nullptr: Registry::Default()
  std::string generated_at;            // shown in the header; empty: now (UTC)
};

Result<std::string> RenderHtmlReport(Db& db, const ReportOptions& options);

}  // namespace backcourt
