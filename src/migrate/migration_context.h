// What migration rules know about each statement beyond its text: whether it
// runs inside a transaction, which tables are new, which timeouts are set, and
// the locks, rewrites and scans it is predicted to take.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "migrate/lock_predictor.h"
#include "model/schema.h"
#include "model/statement.h"

namespace dbsage {

struct StatementContext {
    bool in_transaction = false;        // inside BEGIN … COMMIT, or a file the runner wraps
    bool explicit_transaction = false;  // inside BEGIN … COMMIT written in the file
    int transaction_depth = 0;          // BEGINs seen without COMMIT (for nesting)
    bool lock_timeout_set = false;      // SET lock_timeout earlier in the file
    bool statement_timeout_set = false;
    StatementEffects effects;           // predicted on the schema as it stood before
    // PostgreSQL's errors for a statement that would fail on that schema
    // ("relation \"public.t\" already exists"); empty when it would run.
    std::vector<std::string> failures;
    // Tables created earlier in the same file: nobody else uses them yet, so
    // locking or rewriting them harms nobody.
    bool is_new(const std::string& qualified_table) const;
    // The predicted locks on tables that existed before this file.
    std::vector<TableLock> existing_locks() const;

    size_t index = 0;  // the statement's position in the run
    // Table -> index of the statement that created it, for the whole file.
    std::shared_ptr<const std::map<std::string, size_t>> created_in_file;
};

struct MigrationOptions {
    bool assume_in_transaction = false;  // the runner wraps each file in a transaction
    int pg_version = 15;
    // The baseline is a live database: a relation it lacks does not exist.
    // (A --schema file may be partial; its missing tables are assumed to exist.)
    bool baseline_complete = false;
};

// One context per statement, in order. Files are told apart by location.file.
// When final_schema is given it receives the schema after the last statement
// (the replay is done here anyway).
std::vector<StatementContext> analyze_migrations(const std::vector<Statement>& statements, const Schema& baseline,
                                                 const MigrationOptions& options, Schema* final_schema = nullptr);

}  // namespace dbsage
