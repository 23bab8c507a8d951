// Reads a live MySQL/MariaDB workload from performance_schema (read-only session).
#pragma once

#include <string>

#include "dbsage/status.h"
#include "digest/digest.h"

namespace dbsage {

// Fills a DigestReport from performance_schema.events_statements_summary_by_digest
// for the URL's database (every database when it names none): one query per
// digest with its calls, total time, rows sent and rows examined. The
// example is the slowest statement with its constants from
// events_statements_history_long when that consumer kept one, else the
// digest text. Errors say how to turn performance_schema on when it is off.
Result<DigestReport> read_mysql_statement_digests(const std::string& url);

}  // namespace dbsage
