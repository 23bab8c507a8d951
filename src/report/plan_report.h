// A plan analysis for a person (the tree with each node's own time as a
// bar, estimates against actual rows, its findings beside it) or a machine.
#pragma once

#include <string>

#include "explain/explain.h"
#include "explain/plan_diff.h"

namespace dbsage {

std::string format_plan_text(const PlanAnalysis& analysis, bool color);
std::string format_plan_json(const PlanAnalysis& analysis);

// Two plans compared: the after tree with each node's change (+ appeared,
// - vanished, ~ changed type), then the verdict.
std::string format_plan_diff_text(const PlanDiff& diff, bool color);
std::string format_plan_diff_json(const PlanDiff& diff);

}  // namespace dbsage
