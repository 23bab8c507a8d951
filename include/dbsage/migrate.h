// Migration analysis: the locks, rewrites and scans each statement of a
// migration takes, predicted from the schema or observed on a real server.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dbsage/finding.h"
#include "dbsage/status.h"

namespace dbsage {

struct MigrateOptions {
    std::vector<std::string> targets;  // migration files and directories, applied in name order
    std::string schema_file;           // optional baseline schema script, applied before the migrations
    std::string database;              // trace only: an existing database instead of a scratch cluster
    std::string config_path;
    int pg_version = 0;                // 0: the config's, the server's, or 15
    bool commit = false;               // trace only: keep the changes (default: roll back)
    // "postgres" or "mysql"; empty: detected from the files. MySQL-dialect
    // migrations report each statement's online DDL algorithm and lock
    // (INSTANT, INPLACE, COPY) instead of PostgreSQL lock modes.
    std::string dialect;
    // MySQL: the version predicted for ("8.0.35", "10.11"); empty: the
    // scratch MariaDB's. The trace always runs on the scratch MariaDB.
    std::string mysql_version;
};

struct LockEntry {
    std::string table;  // schema-qualified
    std::string mode;   // PostgreSQL's name: AccessExclusiveLock, …
};

struct StatementLocks {
    Location location;
    std::string sql;
    std::vector<LockEntry> locks;      // strongest mode per table
    std::vector<std::string> rewrites;
    std::vector<std::string> scans;    // prediction only
    std::vector<std::string> blocks;   // SELECT, INSERT/UPDATE/DELETE, DDL
    bool outside_transaction = false;  // CONCURRENTLY and VACUUM forms
    // Relations (and indexes, whose table is then unknown) that neither the
    // baseline nor earlier statements define: assumed to exist and be in use.
    std::vector<std::string> unknown;
    bool observed = true;              // trace: false when the locks could not be read
    std::string unobserved_reason;     // trace: why not ("cannot run in a transaction block", …)
    std::string error;                 // trace: the server's error for this statement
};

struct LocksReport {
    std::vector<StatementLocks> statements;
    std::vector<std::string> input_errors;
    // Trace only: statements where the prediction and the server disagree.
    std::vector<std::string> disagreements;
    // Trace only: how many statements failed on the server, and how many
    // could not be observed; agreement is claimed only when both are zero.
    // Trace only: what the trace could not help doing (a sequence advanced).
    std::vector<std::string> notes;
    int failed() const;
    int unobserved() const;
};

// Predicts every statement's effects from the schema built by the baseline
// and the earlier statements.
Result<LocksReport> predict_locks(const MigrateOptions& options);

// Runs the migrations on a scratch PostgreSQL (or options.database), one
// statement at a time, and reports the locks and rewrites it observes, with
// the statements where they differ from predict_locks. On options.database
// nothing persists unless options.commit is set: every statement runs inside
// one transaction that is rolled back, and a statement that cannot run inside
// a transaction block is reported as not observed and never executed.
Result<LocksReport> trace_locks(const MigrateOptions& options);

}  // namespace dbsage
