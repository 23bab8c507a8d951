// --verify on an SQLite file: the advice proves itself on a private copy
// (SQLite's online backup of the file, so a WAL's pages come along), never
// on the file itself.
#pragma once

#include <string>

#include "advisor/advisor.h"
#include "dbsage/status.h"

namespace dbsage {

// Times report's queries on a copy of the file at path (median of 3 runs
// after a warm-up; writes rolled back to a savepoint) before and after the
// recommended indexes are built there, and withdraws what measures no faster.
// The copy is removed afterwards.
Status verify_sqlite(const std::string& path, AdviceReport& report);

}  // namespace dbsage
