// The SQLite half of the index-advisor benchmark: dbsage against sqlite3's
// own .expert on a generated copy of the same shop.
#pragma once

#include <string>

namespace dbsage {

// Generates the shop at scale (1: 1M users, 4M orders, 3M events) in an
// SQLite file under dir, runs both advisors on bench/advisor/workload-sqlite.sql
// and prints their sets' measured time against no index. 0 on success.
int run_sqlite_bench(double scale, const std::string& dir);

}  // namespace dbsage
