// A plan analysis for a person (the tree with each node's own time as a
// bar, estimates against actual rows, its findings beside it) or a machine.
#pragma once

#include <string>

#include "explain/explain.h"
#include "explain/plan_diff.h"

namespace dbsage {

std::string format_plan_text(const PlanAnalysis& analysis, bool color);
std::string format_plan_json(const PlanAnalysis& analysis);
// A pull request comment: the nodes as a table, then the findings with fixes.
std::string format_plan_markdown(const PlanAnalysis& analysis);
// One HTML file that needs no network: the plan as a collapsible tree
// (details/summary, no script), each node's own share of the time as a bar,
// its findings beside it, then every finding with its fix.
std::string format_plan_html(const PlanAnalysis& analysis);

// Two plans compared: the after tree with each node's change (+ appeared,
// - vanished, ~ changed type), then the verdict.
std::string format_plan_diff_text(const PlanDiff& diff, bool color);
std::string format_plan_diff_json(const PlanDiff& diff);

}  // namespace dbsage
