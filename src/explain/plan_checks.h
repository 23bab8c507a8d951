// The plan checks' shared parts: how a finding names its node, and the
// checks grouped by what they look at (analyze_plan.cpp runs them all).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "explain/explain.h"

namespace dbsage {

// "Seq Scan on orders o", "Index Scan using i on orders", "Sort".
std::string plan_node_label(const PlanNode& n);
// The label as a tree shows it: "SubPlan 1: Aggregate".
std::string plan_node_title(const PlanNode& n);

// The nodes of a tree in preorder: element i is node number i + 1, the
// number findings give in location.line.
std::vector<const PlanNode*> nodes_in_order(const PlanNode& root);

// Adds a finding on node number (preorder, from 1) of the plan analyzed.
void add_plan_finding(PlanAnalysis& out, const char* rule, Severity severity, const PlanNode& n, int number, std::string message,
                      std::string help, std::optional<std::string> fix = std::nullopt);

// How a node reads its rows: full scans (MySQL, MariaDB, SQLite), sorts and
// temporary tables without an index, subqueries run once per row, an inner
// scan a nested loop repeats, a column cast in a filter, the planner's
// default estimate for a function.
void check_access(PlanAnalysis& out, const PlanNode& n, const PlanNode* parent, int number);

}  // namespace dbsage
