#include "connectors/postgres/lock_tracer.h"

#include <map>
#include <set>

namespace dbsage {
namespace {

constexpr const char* k_user_tables =
    " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm')"
    " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp)'";

using Held = std::set<std::pair<std::string, LockMode>>;

Held held_locks(PgConnection& db) {
    Held out;
    auto rows = db.query(std::string("SELECT n.nspname || '.' || c.relname, l.mode FROM pg_locks l "
                                     "JOIN pg_class c ON c.oid = l.relation") + k_user_tables +
                         " AND l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted");
    if (!rows) return out;
    for (const auto& r : *rows)
        if (r[0] && r[1])
            if (auto mode = parse_lock_name(*r[1])) out.insert({*r[0], *mode});
    return out;
}

std::map<std::string, std::string> relfilenodes(PgConnection& db) {
    std::map<std::string, std::string> out;
    auto rows = db.query(std::string("SELECT n.nspname || '.' || c.relname, c.relfilenode FROM pg_class c") + k_user_tables);
    if (!rows) return out;
    for (const auto& r : *rows)
        if (r[0] && r[1]) out[*r[0]] = *r[1];
    return out;
}

bool outside_transaction(const Statement& st) {
    for (const auto& op : st.ddl)
        if (op.concurrently || op.kind == DdlKind::vacuum_full) return true;
    return st.kind == StatementKind::vacuum;
}

}  // namespace

std::vector<ObservedEffects> trace_statements(PgConnection& db, const std::vector<const Statement*>& statements,
                                              TraceMode mode, bool commit) {
    std::vector<ObservedEffects> out;
    bool per_statement = mode == TraceMode::statement_per_transaction;
    bool open = db.query("BEGIN").is_ok();
    for (const Statement* st : statements) {
        ObservedEffects seen;
        if (st->txn != TxnCommand::none) {  // the tracer owns the transaction
            seen.observed = false;
            out.push_back(std::move(seen));
            continue;
        }
        auto files_before = relfilenodes(db);
        if (outside_transaction(*st)) {
            if (open) db.query("COMMIT");
            auto result = db.query(st->text);
            if (!result) seen.error = result.status().message();
            seen.observed = false;
            open = db.query("BEGIN").is_ok();
        } else {
            Held before = held_locks(db);
            db.query("SAVEPOINT dbsage_trace");
            auto result = db.query(st->text);
            if (!result) {
                seen.error = result.status().message();
                db.query("ROLLBACK TO SAVEPOINT dbsage_trace");
            }
            Held after = held_locks(db);
            std::map<std::string, LockMode> strongest;
            for (const auto& lock : after) {
                seen.held.push_back({lock.first, lock.second});
                if (before.count(lock) || !files_before.count(lock.first)) continue;
                auto [it, inserted] = strongest.emplace(lock.first, lock.second);
                if (!inserted && lock.second > it->second) it->second = lock.second;
            }
            for (const auto& [table, mode] : strongest) seen.locks.push_back({table, mode});
            db.query("RELEASE SAVEPOINT dbsage_trace");
        }
        auto files_after = relfilenodes(db);
        for (const auto& [table, node] : files_after) {
            auto it = files_before.find(table);
            if (it == files_before.end()) seen.created.push_back(table);
            else if (it->second != node) seen.rewrites.push_back(table);
        }
        for (const auto& [table, node] : files_before)
            if (!files_after.count(table)) seen.dropped.push_back(table);
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
