// Runs statements on a live PostgreSQL and observes what they lock and rewrite.
#pragma once

#include <string>
#include <vector>

#include "connectors/postgres/pg_connection.h"
#include "migrate/lock_predictor.h"
#include "model/statement.h"

namespace dbsage {

struct ObservedEffects {
    std::vector<TableLock> locks;       // strongest newly granted mode per pre-existing table
    std::vector<TableLock> held;        // every mode held after the statement (for comparison)
    std::vector<std::string> rewrites;  // pre-existing tables whose relfilenode changed
    std::vector<std::string> created;   // tables that did not exist before the statement
    std::vector<std::string> dropped;   // tables that existed before and are gone after
    bool observed = true;               // false for statements run outside the transaction
    std::string error;
};

enum class TraceMode {
    // Each statement in its own committed transaction: every lock it takes is
    // visible (a scratch cluster, where committing costs nothing).
    statement_per_transaction,
    // All statements in one transaction, rolled back (or committed) at the
    // end: safe on a real database, but a mode an earlier statement already
    // holds shows no new row.
    one_transaction,
};

// Traces one file's statements on db. Statements that cannot run in a
// transaction block run between transactions and are not observed. Each
// statement runs under a savepoint, so a failing one is reported and the rest
// go on. In one_transaction mode the transaction is committed at the end when
// commit is true, otherwise rolled back.
std::vector<ObservedEffects> trace_statements(PgConnection& db, const std::vector<const Statement*>& statements,
                                              TraceMode mode, bool commit);

}  // namespace dbsage
