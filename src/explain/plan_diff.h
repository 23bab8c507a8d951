// Two plans of one query compared: which nodes stayed, changed type,
// appeared or vanished, what each matched node's time, rows and buffers did,
// and a verdict naming the node responsible for the change.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "explain/explain.h"

namespace dbsage {

struct NodeDiff {
    enum class Kind { same, changed_type, appeared, vanished };
    Kind kind = Kind::same;
    const PlanNode* before = nullptr;  // null when the node appeared
    const PlanNode* after = nullptr;   // null when it vanished
    int before_number = 0, after_number = 0;  // preorder numbers, as in a plan's findings
    int depth = 0;           // in the tree the node is shown in (after; before for a vanished one)
    double ms_change = 0;    // exclusive time, after minus before (0 without ANALYZE on both)
    double cost_change = 0;  // exclusive cost, after minus before
};

struct PlanDiff {
    PlanAnalysis before, after;
    std::vector<NodeDiff> nodes;  // in the after plan's order, vanished nodes where their parent was
    bool timed = false;           // both plans analyzed: compare time, else cost
    double total_before = 0, total_after = 0;  // ms when timed, else cost
    double buffers_before = 0, buffers_after = 0;  // shared blocks hit + read by the whole plan
    int responsible = -1;         // index into nodes: the node whose own time (or cost) changed most
    std::string verdict;          // "faster: 412.3 ms → 0.9 ms (-99.8%), buffers 8334 → 4; most of it: …"

    // After against before in percent: positive when slower.
    double change_percent() const;
};

// Matches the nodes of after to those of before: the same operation on the
// same relation first, then scans of the same relation whatever their type
// (Seq Scan became Index Scan), then inner nodes whose matched children
// share one parent in the other tree. On the heap because the node diffs
// point into the two plans it holds.
std::unique_ptr<PlanDiff> diff_plans(PlanAnalysis before, PlanAnalysis after);

}  // namespace dbsage
