#include "connectors/postgres/lock_tracer.h"

#include <map>
#include <set>

namespace dbsage {
namespace {

// The relations a lock can be predicted on: tables, partitioned tables,
// views, materialized views and foreign tables outside the system schemas.
constexpr const char* k_relations =
    "SELECT c.oid::text, n.nspname || '.' || c.relname, c.relfilenode::text FROM pg_class c"
    " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm', 'v', 'f')"
    " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp)'";

constexpr const char* k_session_locks =
    "SELECT l.relation::text, l.mode FROM pg_locks l WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation'"
    " AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";

// SQLSTATE 25001: the statement refuses to run inside a transaction block.
constexpr const char* k_active_transaction = "25001";

struct Relation {
    std::string name;
    std::string filenode;
};
using Relations = std::map<std::string, Relation>;  // by OID
using Held = std::set<std::pair<std::string, LockMode>>;  // (OID, mode)

Relations relations(PgConnection& db) {
    Relations out;
    auto rows = db.query(k_relations);
    if (!rows) return out;
    for (const auto& r : *rows)
        if (r[0] && r[1] && r[2]) out[*r[0]] = {*r[1], *r[2]};
    return out;
}

Held held_locks(PgConnection& db) {
    Held out;
    auto rows = db.query(k_session_locks);
    if (!rows) return out;
    for (const auto& r : *rows)
        if (r[0] && r[1])
            if (auto mode = parse_lock_name(*r[1])) out.insert({*r[0], *mode});
    return out;
}

bool outside_transaction(const Statement& st) {
    for (const auto& op : st.ddl)
        if (op.concurrently || op.kind == DdlKind::vacuum_full) return true;
    return st.kind == StatementKind::vacuum;
}

// Fills the locks a statement took and what it did to the relations that
// existed before it, naming each by its name before the statement.
void observe(const Relations& before, const Relations& after, const Held& held_before, const Held& held_after,
             ObservedEffects& seen) {
    std::map<std::string, LockMode> strongest;
    for (const auto& [oid, mode] : held_after) {
        auto rel = before.find(oid);
        if (rel == before.end()) continue;  // created by the statement, or not a user relation
        seen.held.push_back({rel->second.name, mode});
        if (held_before.count({oid, mode})) continue;
        auto [it, inserted] = strongest.emplace(rel->second.name, mode);
        if (!inserted && mode > it->second) it->second = mode;
    }
    for (const auto& [table, mode] : strongest) seen.locks.push_back({table, mode});
    for (const auto& [oid, rel] : after) {
        auto it = before.find(oid);
        if (it == before.end()) {
            seen.created.push_back(rel.name);
            continue;
        }
        if (it->second.filenode != rel.filenode) seen.rewrites.push_back(it->second.name);
        if (it->second.name != rel.name) seen.renamed.push_back(it->second.name + " -> " + rel.name);
    }
    for (const auto& [oid, rel] : before)
        if (!after.count(oid)) seen.dropped.push_back(rel.name);
}

}  // namespace

std::vector<ObservedEffects> trace_statements(PgConnection& db, const std::vector<const Statement*>& statements,
                                              TraceMode mode, bool commit) {
    std::vector<ObservedEffects> out;
    bool per_statement = mode == TraceMode::statement_per_transaction;
    // Only here may a statement run outside the tracer's transaction: on a
    // scratch cluster, or on a database whose owner asked to keep the changes.
    bool may_leave_transaction = per_statement || commit;
    bool open = db.query("BEGIN").is_ok();
    for (const Statement* st : statements) {
        ObservedEffects seen;
        if (st->txn != TxnCommand::none) {  // the tracer owns the transaction
            seen.observed = false;
            seen.unobserved_reason = "transaction control (the tracer owns the transaction)";
            out.push_back(std::move(seen));
            continue;
        }
        if (outside_transaction(*st)) {
            seen.observed = false;
            seen.unobserved_reason = "cannot run in a transaction block";
            if (!may_leave_transaction) {
                seen.unobserved_reason += "; not executed (rolled-back trace: pass --commit to run it)";
                out.push_back(std::move(seen));
                continue;
            }
            if (open) db.query("COMMIT");
            auto result = db.run_single(st->text);
            if (!result) seen.error = result.status().message();
            open = db.query("BEGIN").is_ok();
            out.push_back(std::move(seen));
            continue;
        }
        Relations rel_before = relations(db);
        Held before = held_locks(db);
        db.query("SAVEPOINT dbsage_trace");
        auto result = db.run_single(st->text);
        if (!result) {
            bool refused = db.last_sqlstate() == k_active_transaction;
            db.query("ROLLBACK TO SAVEPOINT dbsage_trace");
            if (refused && may_leave_transaction) {
                // The predictor did not know it needs to run alone; the next
                // statements may depend on it, so it runs between transactions.
                seen.observed = false;
                seen.unobserved_reason = "cannot run in a transaction block";
                db.query("RELEASE SAVEPOINT dbsage_trace");
                if (open) db.query("COMMIT");
                auto alone = db.run_single(st->text);
                if (!alone) seen.error = alone.status().message();
                open = db.query("BEGIN").is_ok();
                out.push_back(std::move(seen));
                continue;
            }
            if (refused) {
                seen.observed = false;
                seen.unobserved_reason = "cannot run in a transaction block; not executed (rolled-back trace)";
            } else {
                seen.error = result.status().message();
            }
        }
        observe(rel_before, relations(db), before, held_locks(db), seen);
        db.query("RELEASE SAVEPOINT dbsage_trace");
        out.push_back(std::move(seen));
        if (per_statement && open) {
            db.query("COMMIT");
            open = db.query("BEGIN").is_ok();
        }
    }
    if (open) db.query(commit || per_statement ? "COMMIT" : "ROLLBACK");
    return out;
}

}  // namespace dbsage
