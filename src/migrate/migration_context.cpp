#include "migrate/migration_context.h"

#include "migrate/statement_failures.h"
#include "model/schema_history.h"

namespace dbsage {

bool StatementContext::is_new(const std::string& qualified_table) const {
    if (!created_in_file) return false;
    auto it = created_in_file->find(qualified_table);
    return it != created_in_file->end() && it->second < index;
}

std::vector<TableLock> StatementContext::existing_locks() const {
    std::vector<TableLock> out;
    for (const auto& lock : effects.locks)
        if (!is_new(lock.table)) out.push_back(lock);
    return out;
}

std::vector<StatementContext> analyze_migrations(const std::vector<Statement>& statements, const Schema& baseline,
                                                 const MigrationOptions& options, Schema* final_schema) {
    std::vector<StatementContext> out(statements.size());
    SchemaHistory history(statements, baseline);
    std::string file;
    StatementContext state;
    std::shared_ptr<std::map<std::string, size_t>> created;
    LaterDefinitions later = find_definitions(statements);
    for (size_t i = 0; i < statements.size(); ++i) {
        const Statement& st = statements[i];
        if (i == 0 || st.location.file != file) {
            file = st.location.file;
            state = StatementContext{};
            created = std::make_shared<std::map<std::string, size_t>>();
            state.created_in_file = created;
        }
        const Schema& before = history.before(i);
        StatementContext& here = out[i];
        here = state;
        here.index = i;
        here.in_transaction = options.assume_in_transaction || state.transaction_depth > 0;
        here.explicit_transaction = state.transaction_depth > 0;
        here.effects = predict_effects(st, before, options.pg_version);
        here.failures = predict_failures(st, i, before, here.effects, later, statements, options.baseline_complete);

        // What this statement changes for the ones after it.
        if (st.txn == TxnCommand::begin) ++state.transaction_depth;
        // PostgreSQL does not nest transactions: the first COMMIT ends them all.
        if (st.txn == TxnCommand::commit || st.txn == TxnCommand::rollback) state.transaction_depth = 0;
        if (st.setting == "lock_timeout") state.lock_timeout_set = st.setting_value != "0";
        if (st.setting == "statement_timeout") state.statement_timeout_set = st.setting_value != "0";
        for (const auto& op : st.ddl) {
            if (op.kind == DdlKind::create_table) {
                created->emplace(qualified_name(op.new_table->schema, op.new_table->name), i);
            }
            if (op.kind == DdlKind::create_view) {
                bool existed = false;
                for (const auto& v : before.views) existed = existed || v.name == op.view->name;
                if (!existed)
                    created->emplace(qualified_name(op.view->schema, op.view->name), i);
            }
        }
    }
    if (final_schema) *final_schema = history.take_final();
    return out;
}

}  // namespace dbsage
