// `dbsage migrate locks|trace` for MySQL-dialect migrations: the online DDL
// algorithm and lock of each statement instead of PostgreSQL's lock modes.
#pragma once

#include "dbsage/migrate.h"

namespace dbsage {

// True when the migrations (and schema file) are MySQL-dialect files: given
// by options.dialect or detected.
bool is_mysql_migration(const MigrateOptions& options);

// Runs the files on a scratch MariaDB after the schema file, each ALTER
// TABLE / CREATE INDEX / DROP INDEX on an existing table predicted for
// options.mysql_version (default: the scratch server) and observed by asking
// the server for INSTANT, then INPLACE without a lock, then with a shared
// lock, then COPY. traced: report what the server accepted and the
// disagreements; else the predictions.
Result<LocksReport> mysql_online_ddl_locks(const MigrateOptions& options, bool traced);

}  // namespace dbsage
