// The workload's statements no index in the advice made much cheaper, with
// the reason where dbsage's query rules find one (a leading wildcard, ORDER
// BY random(), OFFSET paging …): what a rewrite, not an index, must fix.
#pragma once

#include "advisor/advisor.h"

namespace dbsage {

// Fills report.still_costly: at most five statements that keep more than
// half their cost and at least 5% of the workload's cost after the advice,
// costliest first. The rules run on the statements with the live schema
// (target) as their context.
void find_still_costly(const std::string& target, AdviceReport& report);

}  // namespace dbsage
