#include "explain/run_explain.h"

#include <cctype>

#include "connectors/postgres/pg_connection.h"
#include "model/workspace.h"
#include "sql/script_reader.h"

namespace dbsage {
namespace {

// Writes at any level (a data-modifying CTE too), as the statement model sees them.
bool writes(const Query& q) {
    if (q.kind != StatementKind::select) return true;
    for (const auto& c : q.ctes)
        if (writes(c)) return true;
    return false;
}

}  // namespace

Result<PlanAnalysis> explain_query(const ExplainOptions& options) {
    Workspace ws;
    read_sql_text("the query", options.sql, ws);
    if (ws.statements.size() != 1) return Status::error("give one statement to explain (got " + std::to_string(ws.statements.size()) + ")");
    const Statement& st = ws.statements[0];
    bool writing = st.kind != StatementKind::select || (st.query && writes(*st.query));
    if (writing && options.analyze && !options.allow_writes)
        return Status::error("the statement writes: EXPLAIN ANALYZE would execute it; give --allow-writes to run it "
                             "inside a transaction that is rolled back");
    auto conn = options.allow_writes ? PgConnection::open_for_changes(options.target) : PgConnection::open_read_only(options.target);
    if (!conn) return conn.status();
    std::string begin = options.allow_writes ? "BEGIN" : "BEGIN READ ONLY";
    if (auto started = (*conn)->query(begin); !started) return started.status();
    (*conn)->query("SET LOCAL statement_timeout = '" + std::to_string(options.timeout_seconds) + "s'");
    std::string body = options.sql;
    while (!body.empty() && (body.back() == ';' || std::isspace(static_cast<unsigned char>(body.back())))) body.pop_back();
    auto rows = (*conn)->query(std::string("EXPLAIN (") + (options.analyze ? "ANALYZE, BUFFERS, " : "") + "SETTINGS, FORMAT JSON) " + body);
    (*conn)->query("ROLLBACK");
    if (!rows) return Status::error("EXPLAIN failed: " + rows.status().message());
    if (rows->empty() || rows->front().empty() || !rows->front()[0]) return Status::error("EXPLAIN returned no plan");
    auto analysis = analyze_plan_text(*rows->front()[0], "the query");
    if (analysis) analysis->plan.query = options.sql;
    return analysis;
}

}  // namespace dbsage
