// Reads a live MySQL/MariaDB's statement digests from performance_schema (read-only session).
#pragma once

#include <string>
#include <vector>

#include "connectors/statement_stats.h"
#include "dbsage/status.h"

namespace dbsage {

// The rows of performance_schema.events_statements_summary_by_digest for the
// URL's database (every database when it names none): digest text, calls,
// total, shortest and longest time, rows sent and examined, and the slowest
// statement with its constants from events_statements_history_long when
// that consumer kept one. Errors say how to turn performance_schema on when
// it is off.
Result<std::vector<StatementStats>> read_mysql_statement_digests(const std::string& url);

}  // namespace dbsage
