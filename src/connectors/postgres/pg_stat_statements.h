// Reads a live workload from pg_stat_statements (read-only session).
#pragma once

#include <string>

#include "dbsage/status.h"
#include "digest/digest.h"

namespace dbsage {

// Fills a DigestReport from pg_stat_statements of the connected database:
// one query per normalized statement with its calls and total execution
// time. Examples are the server's normalized text ($n in place of
// constants): pg_stat_statements keeps no constants. Errors say how to
// enable the extension when it is missing.
Result<DigestReport> read_pg_stat_statements(const std::string& target);

}  // namespace dbsage
