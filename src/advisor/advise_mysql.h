// The index advisor on a live MySQL/MariaDB: the existing indexes judged
// (unused since the server started, by performance_schema; duplicate and
// redundant, by the same lint rules as every engine plus InnoDB's
// primary-key suffix), each with its ALTER TABLE … DROP INDEX. New indexes
// need what-if costs, which only PostgreSQL (HypoPG) and SQLite give dbsage.
#pragma once

#include "advisor/advisor.h"

namespace dbsage {

Result<AdviceReport> advise_mysql(const AdviseOptions& options);

}  // namespace dbsage
