#pragma once
// The one list of derived tables: the DAG the engine schedules. Adding a table means adding
// its processor file pair and one line here.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "tables/processor.h"

namespace backcourt {

class Registry {
 public:
  static Registry Default();
  // Tests build registries of their own (e.g. with a processor whose version was bumped).
  explicit Registry(std::vector<std::unique_ptr<Processor>> processors)
      : processors_(std::move(processors)) {}
  // The default processors, in dependency order, for composing such registries.
  static std::vector<std::unique_ptr<Processor>> DefaultProcessors();

  const std::vector<std::unique_ptr<Processor>>& processors() const { return processors_; }
  const Processor* Find(std::string_view name) const;
  // The named tables in dependency order; unknown names are an error. Upstreams are not
  // added: a target whose upstream partition is not done is blocked, not silently rebuilt.
  Result<std::vector<const Processor*>> Select(const std::vector<std::string>& targets) const;
  std::vector<std::string> Names() const;

 private:
  std::vector<std::unique_ptr<Processor>> processors_;  // in dependency order
};

}  // namespace backcourt
