// EXPLAIN run by dbsage on a live PostgreSQL: read-only unless the user asks
// otherwise, always rolled back, under a statement timeout.
#pragma once

#include <string>

#include "dbsage/status.h"
#include "explain/explain.h"

namespace dbsage {

struct ExplainOptions {
    std::string target;         // libpq URL or conninfo
    std::string sql;            // one statement
    bool analyze = false;       // execute it (EXPLAIN ANALYZE, BUFFERS)
    bool allow_writes = false;  // let INSERT/UPDATE/DELETE/MERGE run (still rolled back)
    int timeout_seconds = 30;
    bool advise = true;         // ask the index advisor about the query when the plan shows a scan problem
};

// Plans (and with analyze, runs) the statement inside a transaction that is
// rolled back: READ ONLY unless allow_writes, statement_timeout set. A
// statement that writes is refused without allow_writes, in one line. When
// the plan reads rows it throws away or sorts what an index could order,
// the index advisor is asked about this one query; the index it finds
// becomes the fix of the finding on that table, with its what-if costs.
Result<PlanAnalysis> explain_query(const ExplainOptions& options);

}  // namespace dbsage
