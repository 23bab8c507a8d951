// EXPLAIN run by dbsage on a live PostgreSQL: read-only unless the user asks
// otherwise, always rolled back, under a statement timeout.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dbsage/status.h"
#include "explain/explain.h"
#include "explain/plan_diff.h"

namespace dbsage {

struct ExplainOptions {
    std::string target;         // libpq URL or conninfo
    std::string sql;            // one statement
    bool analyze = false;       // execute it (EXPLAIN ANALYZE, BUFFERS)
    bool allow_writes = false;  // let INSERT/UPDATE/DELETE/MERGE run (still rolled back)
    int timeout_seconds = 30;
    std::vector<std::string> params;  // values of $1, $2, … in order; none: a generic plan (not with analyze)
    bool advise = true;         // ask the index advisor about the query when the plan shows a scan problem
};

// Plans (and with analyze, runs) the statement inside a transaction that is
// rolled back: READ ONLY unless allow_writes, statement_timeout set. A
// statement that writes is refused without allow_writes, in one line. When
// the plan reads rows it throws away or sorts what an index could order,
// the index advisor is asked about this one query; the index it finds
// becomes the fix of the finding on that table, with its what-if costs.
Result<PlanAnalysis> explain_query(const ExplainOptions& options);

// The statement of options explained twice and the plans compared, under the
// same rules as explain_query (no index advice asked):
// - other_target set: on options.target, then on other_target;
// - index_ddl set: on a scratch copy of the tables the statement and the
//   index read (clone_max_bytes at most; a larger set is an error saying
//   so), before and after the index is built there and the table analyzed.
//   The live database is only read.
struct ExplainDiffOptions {
    ExplainOptions run;
    std::string other_target;
    std::string index_ddl;
    std::uint64_t clone_max_bytes = 2ull << 30;
};
Result<std::unique_ptr<PlanDiff>> explain_diff_query(const ExplainDiffOptions& options);

}  // namespace dbsage
