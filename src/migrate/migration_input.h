// Reading migrations and their baseline, shared by prediction, tracing and
// (later) the migration rules.
#pragma once

#include "dbsage/migrate.h"
#include "model/statement.h"
#include "model/workspace.h"

namespace dbsage {

struct MigrationInput {
    Workspace workspace;   // the migrations' statements, in order
    Schema baseline;       // the schema before the first migration
    int pg_version = 15;
};

Result<MigrationInput> read_migration_input(const MigrateOptions& options);

// The prediction for one statement in the report's shape.
struct StatementEffects;
StatementLocks to_statement_locks(const Statement& statement, const StatementEffects& effects);

}  // namespace dbsage
