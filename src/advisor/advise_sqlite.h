// The index advisor on an SQLite file, by the method of SQLite's own
// .expert: the schema goes into an in-memory database with statistics
// (sqlite_stat1 computed from the file's data for every candidate), every
// candidate is created there, and those EXPLAIN QUERY PLAN uses are
// recommended. The file is only ever read.
#pragma once

#include "advisor/advisor.h"

namespace dbsage {

Result<AdviceReport> advise_sqlite(const AdviseOptions& options);

}  // namespace dbsage
