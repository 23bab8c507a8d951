#include "advisor/workload_entries.h"

#include <algorithm>
#include <functional>

#include "workload/workload.h"
#include "model/workspace.h"
#include "sql/script_reader.h"

namespace dbsage {
namespace {

// An existing B-tree whose leading columns are the candidate's already
// gives what the candidate would.
bool given_by_existing(const IndexCandidate& c, const Schema& schema) {
    const Table* t = schema.find_table(c.schema, c.table);
    if (t && c.method == "gin")  // any GIN on the same column (its operator class aside)
        return std::any_of(t->indexes.begin(), t->indexes.end(), [&](const Index& index) {
            return index.method == "gin" && !index.keys.empty() && !c.columns[0].expression &&
                   index.keys[0].column == c.columns[0].name;
        });
    if (!t || !c.where.empty() || c.method != "btree") return false;
    for (const auto& c_column : c.columns)
        if (c_column.expression) return false;
    for (const auto& index : t->indexes) {
        if (index.method != "btree" || !index.predicate.empty() || index.keys.size() < c.columns.size()) continue;
        bool same = true;
        for (size_t i = 0; i < c.columns.size() && same; ++i) same = index.keys[i].column == c.columns[i].name;
        // A covering candidate also needs its INCLUDE columns somewhere in the index.
        for (size_t i = 0; i < c.include.size() && same; ++i)
            same = std::find(index.include.begin(), index.include.end(), c.include[i]) != index.include.end() ||
                   std::any_of(index.keys.begin(), index.keys.end(), [&](const IndexKey& k) { return k.column == c.include[i]; });
        if (same) return true;
    }
    return false;
}

}  // namespace

Result<std::vector<Entry>> workload_entries(const AdviseOptions& options, const Schema& schema, bool server_workload,
                                            std::vector<IndexCandidate>& pool, AdviceReport& report) {
    std::vector<WorkloadQuery> workload;
    if (auto q = read_query_files(options.query_files); q) workload = std::move(*q);
    else return q.status();
    if (auto w = read_workload_files(options.workload_files); w) workload.insert(workload.end(), w->begin(), w->end());
    else return w.status();
    if (auto l = read_log_workload(options.log_files); l) workload.insert(workload.end(), l->begin(), l->end());
    else return l.status();
    for (const auto& sql : options.statements) workload.push_back({sql, 1, "the query"});
    if (options.query_files.empty() && options.workload_files.empty() && options.log_files.empty() && options.statements.empty()) {
        if (!server_workload)
            return Status::error("no workload: give --queries FILE.sql, --workload FILE or --log LOG");
        auto stats = read_server_workload(options.target);
        if (!stats) return stats.status();
        workload = std::move(*stats);
        report.notes.push_back("workload: the top " + std::to_string(workload.size()) +
                               " statements of pg_stat_statements by total time (no constants kept there)");
    }
    std::vector<Entry> entries;
    for (const auto& wq : workload) {
        Workspace ws;
        read_sql_text(wq.origin, wq.sql, ws);
        if (ws.statements.size() != 1 || !ws.statements[0].query) {
            report.notes.push_back(wq.origin + ": not one SELECT, INSERT, UPDATE or DELETE; left out");
            continue;
        }
        const Statement& st = ws.statements[0];
        if (st.kind != StatementKind::select && st.kind != StatementKind::insert && st.kind != StatementKind::update &&
            st.kind != StatementKind::delete_)
            continue;
        Entry e;
        e.query = {wq.origin, wq.sql, wq.weight, 0, 0};
        e.kind = st.kind;
        if (st.kind != StatementKind::select && !st.query->tables.empty()) {
            const TableRef& target = st.query->tables.front();
            if (const Table* t = schema.find_table(target.schema, target.name)) {
                e.written = t->schema + "." + t->name;
                e.tables.insert(e.written);
            }
            e.set_columns = st.query->set_columns;
        }
        // Every table the statement reads, at any level: what a copy must hold.
        std::function<void(const Query&)> tables_of = [&](const Query& q) {
            for (const auto& ref : q.tables)
                if (const Table* t = schema.find_table(ref.schema, ref.name)) e.tables.insert(t->schema + "." + t->name);
            for (const auto& c : q.ctes) tables_of(c);
            for (const auto& sub : q.subqueries) tables_of(sub);
        };
        tables_of(*st.query);
        for (auto& c : index_candidates(*st.query, schema, options.max_columns)) {
            e.tables.insert(c.schema + "." + c.table);
            if (given_by_existing(c, schema)) continue;
            if (std::none_of(pool.begin(), pool.end(), [&](const IndexCandidate& p) { return p.key() == c.key(); }))
                pool.push_back(std::move(c));
        }
        entries.push_back(std::move(e));
    }
    return entries;
}

}  // namespace dbsage
