// Runs statements on a live PostgreSQL and observes what they lock and rewrite.
#pragma once

#include <string>
#include <vector>

#include "connectors/postgres/pg_connection.h"
#include "model/lock_mode.h"
#include "model/statement.h"

namespace dbsage {

struct ObservedEffects {
    // Relations are named as they were before the statement ran: a lock is
    // read by relation OID, so a table the statement renames, moves or drops
    // keeps the name the prediction uses.
    std::vector<TableLock> locks;       // strongest newly granted mode per pre-existing relation
    std::vector<TableLock> held;        // every mode held after the statement (for comparison)
    std::vector<std::string> rewrites;  // pre-existing tables whose relfilenode changed
    std::vector<std::string> created;   // relations that did not exist before the statement
    std::vector<std::string> dropped;   // relations that existed before and are gone after
    std::vector<std::string> renamed;   // "old -> new" for relations the statement renamed or moved
    bool observed = true;               // false when the locks could not be read
    std::string unobserved_reason;      // why, when observed is false
    std::string error;                  // the server's error for this statement
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

// Traces one file's statements on db. Each statement runs under a savepoint,
// so a failing one is reported and the rest go on. A statement that cannot
// run in a transaction block (CONCURRENTLY forms, VACUUM) is not observed: in
// one_transaction mode without commit it is never executed, because running
// it would need the transaction to end and its effects would persist; with
// commit, or per statement, it runs between transactions. In one_transaction
// mode the transaction is committed at the end only when commit is true.
std::vector<ObservedEffects> trace_statements(PgConnection& db, const std::vector<const Statement*>& statements,
                                              TraceMode mode, bool commit);

}  // namespace dbsage
