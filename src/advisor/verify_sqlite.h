// --verify on an SQLite file: the advice proves itself on a private copy
// (SQLite's online backup of the file, so a WAL's pages come along), never
// on the file itself.
#pragma once

#include <set>
#include <string>

#include "advisor/advisor.h"
#include "dbsage/status.h"

struct sqlite3;

namespace dbsage {

// The median time of sql on db in ms over 3 runs after a warm-up, each
// rolled back to a savepoint; used: the indexes EXPLAIN QUERY PLAN names.
Result<double> measure_sqlite_query(sqlite3* db, const std::string& sql, std::set<std::string>& used);

// Times report's queries on a copy of the file at path (median of 3 runs
// after a warm-up; writes rolled back to a savepoint) before and after the
// recommended indexes are built there, and withdraws what measures no faster.
// The copy is removed afterwards.
Status verify_sqlite(const std::string& path, AdviceReport& report);

}  // namespace dbsage
