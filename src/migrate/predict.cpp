#include <algorithm>
#include <set>

#include "config/config.h"
#include "dbsage/migrate.h"
#include "migrate/lock_predictor.h"
#include "migrate/migration_input.h"
#include "migrate/mysql_locks.h"
#include "model/schema_history.h"

namespace dbsage {

StatementLocks to_statement_locks(const Statement& st, const StatementEffects& effects) {
    StatementLocks out;
    out.location = st.location;
    out.sql = st.text;
    std::set<std::string_view> blocked;
    for (const auto& lock : effects.locks) {
        out.locks.push_back({lock.table, std::string(lock_name(lock.mode))});
        for (auto op : blocked_operations(lock.mode)) blocked.insert(op);
    }
    for (auto op : {"SELECT", "INSERT/UPDATE/DELETE", "DDL"})
        if (blocked.count(op)) out.blocks.emplace_back(op);
    out.rewrites = effects.rewrites;
    out.scans = effects.scans;
    out.outside_transaction = effects.outside_transaction;
    out.unknown = effects.unknown;
    for (const auto& index : effects.unknown_indexes) out.unknown.push_back("index " + index);
    return out;
}

int LocksReport::failed() const {
    int n = 0;
    for (const auto& st : statements) n += !st.error.empty();
    return n;
}

int LocksReport::unobserved() const {
    int n = 0;
    for (const auto& st : statements) n += !st.observed;
    return n;
}

Result<LocksReport> predict_locks(const MigrateOptions& options) {
    if (is_mysql_migration(options)) return mysql_online_ddl_locks(options, false);
    auto input = read_migration_input(options);
    if (!input) return input.status();
    LocksReport report;
    report.input_errors = input->workspace.input_errors;
    SchemaHistory history(input->workspace.statements, input->baseline);
    const auto& statements = input->workspace.statements;
    for (size_t i = 0; i < statements.size(); ++i) {
        const Statement& st = statements[i];
        if (st.kind == StatementKind::invalid || st.txn != TxnCommand::none) continue;
        report.statements.push_back(to_statement_locks(st, predict_effects(st, history.before(i), input->pg_version)));
    }
    return report;
}

}  // namespace dbsage
