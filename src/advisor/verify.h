// --verify: the advice proves itself. A scratch PostgreSQL gets a copy of
// the tables the workload reads (pg_dump through a read-only snapshot), the
// queries are timed there before and after the recommended indexes are
// built for real, and a recommendation none of whose queries got faster in
// measured time is withdrawn.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "advisor/advisor.h"
#include "dbsage/status.h"

namespace dbsage {

class PgConnection;

// Measures report's queries on a clone of target and moves recommendations
// that measure no faster to report.withdrawn. Tables larger in all than
// clone_max_bytes are not copied: an error says so.
// The median execution time of sql in ms, over 3 runs after a warm-up,
// each in a transaction rolled back (writes leave no trace); used: the
// indexes the last plan read.
Result<double> measure_query(PgConnection& conn, const std::string& sql, std::set<std::string>& used);

// Moves to report.withdrawn each recommendation whose served queries were
// measured and none got faster (after <= 80% of before) through a plan that
// reads it; used[i]: the index names query i's measured plan read.
void withdraw_unproven(AdviceReport& report, const std::vector<std::set<std::string>>& used);

Status verify_advice(const std::string& target, std::uint64_t clone_max_bytes, AdviceReport& report);

}  // namespace dbsage
