// The SQLite and MySQL/MariaDB checks of dbsage health (PostgreSQL's are in
// pg_health.h). Each fills report and the snapshot --record would keep;
// only an unreachable or unreadable target is an error.
#pragma once

#include "health/health.h"
#include "health/history.h"

namespace dbsage {

Status check_sqlite_health(const HealthOptions& options, HealthReport& report, Snapshot& snapshot);
Status check_mysql_health(const HealthOptions& options, HealthReport& report, Snapshot& snapshot);

}  // namespace dbsage
