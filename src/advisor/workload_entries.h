// The advisor's inside, shared by its PostgreSQL and SQLite searches: the
// workload's statements with what they touch, and the candidate pool.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "advisor/advisor.h"
#include "model/schema.h"
#include "model/statement.h"

namespace dbsage {

struct Entry {
    AdvisedQuery query;
    std::set<std::string> tables;  // "schema.table" it reads or writes
    StatementKind kind = StatementKind::select;
    std::string written;                   // INSERT/UPDATE/DELETE: "schema.table"
    std::vector<std::string> set_columns;  // UPDATE: what it assigns
    double rows_written = 0;
};

// Reads the workload the options name (with none: pg_stat_statements when
// server_workload, else an error), parses each statement and adds its
// candidates to pool, leaving out those an existing B-tree already gives.
Result<std::vector<Entry>> workload_entries(const AdviseOptions& options, const Schema& schema, bool server_workload,
                                            std::vector<IndexCandidate>& pool, AdviceReport& report);

}  // namespace dbsage
