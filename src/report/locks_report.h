// Output of `dbsage migrate locks` and `dbsage migrate trace`.
#pragma once

#include <string>

#include "dbsage/migrate.h"

namespace dbsage {

// One row per statement and table: location, table, lock, rewrite/scan,
// blocked operations and the statement's first line.
std::string format_locks_text(const LocksReport& report, bool traced);
// {"statements":[{"file","line","sql","locks":[{"table","mode"}],"rewrites","scans","blocks",…}]}
std::string format_locks_json(const LocksReport& report, bool traced);

}  // namespace dbsage
