// Plan analysis: where a plan's time goes and what is wrong with it, each
// problem a finding with the evidence from the plan and what to do.
#pragma once

#include <string>
#include <vector>

#include "dbsage/finding.h"
#include "dbsage/status.h"
#include "model/plan.h"

namespace dbsage {

struct PlanAnalysis {
    Plan plan;                      // with each node's total, exclusive time and cost filled in
    std::vector<Finding> findings;  // location.object: the node ("Seq Scan on orders"), location.line: its number
    double total_ms = 0;            // the root's time (or the execution time), 0 without ANALYZE
    double total_cost = 0;
    std::vector<std::string> notes;  // what could not be asked (no hypopg for index advice, …)
};

// Reads a plan file's text (the format detected from its content) and
// analyzes it. Unreadable input is an error naming source.
Result<PlanAnalysis> analyze_plan_text(const std::string& text, const std::string& source);

// Reads a plan file (path "-": standard input) and analyzes it as
// analyze_plan_text does. A file that cannot be read is an error naming it.
Result<PlanAnalysis> analyze_plan_file(const std::string& path);

// Analyzes a plan already read.
PlanAnalysis analyze_plan(Plan plan);

// The ids of every finding a plan analysis can make (each has a doc page,
// docs/rules/plan/<id>.md).
const std::vector<std::string>& plan_rule_ids();

}  // namespace dbsage
