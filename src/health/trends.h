// Trends drawn from the history store: growth, projections (sequence
// overflow, wraparound, a full disk), indexes unused across the whole
// history, statements that got slower between the last two snapshots.
#pragma once

#include <vector>

#include "health/health.h"
#include "health/history.h"

namespace dbsage {

// Adds findings of area "trends" to report from snapshots (oldest first;
// the current one last). Fewer than two snapshots, or no time between
// them, add a note instead.
void add_trends(const std::vector<Snapshot>& snapshots, HealthReport& report);

}  // namespace dbsage
