// explain_query's SQLite half (run_explain.cpp calls it for an SQLite target).
#pragma once

#include <string>

#include "explain/run_explain.h"
#include "model/workspace.h"

namespace dbsage {

// EXPLAIN QUERY PLAN of options.sql on the file at path, opened read-only
// (query_only) unless allow_writes, each scanned table's row count filled
// in; with analyze, the statement runs to its last row inside a savepoint
// that is rolled back, under options.timeout_seconds. ws holds the parsed
// statement (for the tables its aliases name).
Result<PlanAnalysis> explain_sqlite(const ExplainOptions& options, const std::string& path, const Workspace& ws);

}  // namespace dbsage
