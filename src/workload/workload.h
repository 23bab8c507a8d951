// Workloads: the statements a database runs and how much each counts, read
// from SQL files, workload files, logs or the server's own statistics. The
// index advisor weighs them; `dbsage workload` writes them out.
#pragma once

#include <string>
#include <vector>

#include "dbsage/status.h"

namespace dbsage {

struct DigestReport;

struct WorkloadQuery {
    std::string sql;      // with real constants: the planner needs them
    double weight = 1;    // calls × mean ms where known, else calls
    std::string origin;   // "file:line" or the workload file and fingerprint
};

// SQL files of statements; "-- calls: N" on a line before a statement gives
// its weight (else 1). Statements other than SELECT/INSERT/UPDATE/DELETE
// are left out. A file that cannot be read is an error.
Result<std::vector<WorkloadQuery>> read_query_files(const std::vector<std::string>& paths);

// The JSON files `dbsage digest --workload-out` and `dbsage workload` write:
// each query's example (its constants) weighted by its total time.
Result<std::vector<WorkloadQuery>> read_workload_files(const std::vector<std::string>& paths);

// Logs digested on the fly (any format dbsage digest reads): each query's
// slowest example weighted by its total time.
Result<std::vector<WorkloadQuery>> read_log_workload(const std::vector<std::string>& paths);

// The server's statement statistics as a digest: pg_stat_statements for a
// PostgreSQL target, performance_schema's digest summary for a mysql:// one.
// One query per normalized statement, with its calls, time and rows; its
// example is the slowest execution with constants where the server kept one
// (MySQL), else the server's normalized text. Errors say how to enable the
// statistics when they are off.
Result<DigestReport> read_server_digest(const std::string& target);

// The server's own workload: the statements of pg_stat_statements with the
// most total execution time (at most 100), weighted by it. Errors say how to
// enable the extension when it is missing.
Result<std::vector<WorkloadQuery>> read_server_workload(const std::string& target);

}  // namespace dbsage
