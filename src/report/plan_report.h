// A plan analysis for a person (the tree with each node's own time as a
// bar, estimates against actual rows, its findings beside it) or a machine.
#pragma once

#include <string>

#include "explain/explain.h"

namespace dbsage {

std::string format_plan_text(const PlanAnalysis& analysis, bool color);
std::string format_plan_json(const PlanAnalysis& analysis);

}  // namespace dbsage
