// Predicts the table locks, rewrites and scans of a statement from the
// schema it runs against, the way PostgreSQL's documentation and source
// describe them. `dbsage migrate trace` checks these predictions on a real
// server.
#pragma once

#include <string>
#include <vector>

#include "model/lock_mode.h"
#include "model/schema.h"
#include "model/statement.h"

namespace dbsage {

struct StatementEffects {
    std::vector<TableLock> locks;        // strongest mode per table, sorted by table
    std::vector<std::string> rewrites;   // tables rewritten (new file on disk)
    std::vector<std::string> scans;      // tables read in full while locked
    bool outside_transaction = false;    // CONCURRENTLY forms: cannot run in a transaction block
    // Relations the statement names that the schema before it does not know
    // (no baseline, or an incomplete one). They are assumed to exist and be
    // in use, as a migration linted alone in CI must assume.
    std::vector<std::string> unknown;
    // Indexes dropped that the schema does not know: their table, and so the
    // table locked, cannot be named.
    std::vector<std::string> unknown_indexes;
};

// before: the schema as the statement finds it; pg_version: the server's major version.
StatementEffects predict_effects(const Statement& statement, const Schema& before, int pg_version);

// True when changing a column from `from` to `to` needs no rewrite (varchar
// widening, varchar to text, numeric precision widening with the same scale).
bool binary_compatible_change(const Column& from, const Column& to);

}  // namespace dbsage
