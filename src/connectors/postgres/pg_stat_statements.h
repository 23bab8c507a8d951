// Reads pg_stat_statements of a live PostgreSQL (read-only session).
#pragma once

#include <string>
#include <vector>

#include "connectors/statement_stats.h"
#include "dbsage/status.h"

namespace dbsage {

// The rows of pg_stat_statements for the connected database: text, calls,
// total execution time and rows. Errors say how to enable the extension
// when it is missing.
Result<std::vector<StatementStats>> read_pg_stat_statements(const std::string& target);

}  // namespace dbsage
