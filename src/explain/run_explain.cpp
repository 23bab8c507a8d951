#include "explain/run_explain.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "advisor/advisor.h"
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

// The advisor's index for this query, attached to the finding on its table
// (or, without one, as a finding of its own on the top node).
void attach_index_advice(const ExplainOptions& options, PlanAnalysis& analysis) {
    bool asks = std::any_of(analysis.findings.begin(), analysis.findings.end(), [](const Finding& f) {
        return f.rule == "plan-rows-removed-by-filter" || f.rule == "plan-sort-spilled" || f.rule == "plan-sort-for-limit";
    });
    if (!asks) return;
    AdviseOptions advise;
    advise.target = options.target;
    advise.statements = {options.sql};
    advise.hygiene = false;
    auto advice = advise_indexes(advise);
    if (!advice) {
        analysis.notes.push_back("index advice not asked: " + advice.status().message());
        return;
    }
    if (advice->create.empty()) {
        analysis.notes.push_back("the index advisor found no index that makes this query cheaper by at least 0.5%");
        return;
    }
    for (const auto& a : advice->create) {
        std::string ddl = a.index.ddl(true);
        std::string evidence = fmt::format("dbsage advise indexes: {} takes this query from cost {:.0f} to {:.0f} (planner's "
                                           "what-if estimate with HypoPG; {})",
                                           ddl, advice->cost_before, advice->cost_after, a.index.reason);
        auto on_table = std::find_if(analysis.findings.begin(), analysis.findings.end(), [&](const Finding& f) {
            return f.location.object.find(" on " + a.index.table) != std::string::npos && !f.fix;
        });
        if (on_table != analysis.findings.end()) {
            on_table->fix = ddl;
            on_table->help += "; " + evidence;
            continue;
        }
        Finding f;
        f.rule = "plan-index-advice";
        f.severity = Severity::info;
        f.message = "an index would make this query cheaper";
        f.help = evidence;
        f.location.file = analysis.plan.source;
        f.location.line = 1;
        f.location.object = analysis.plan.root.type;
        f.fix = ddl;
        analysis.findings.push_back(std::move(f));
    }
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
    if (!analysis) return analysis;
    analysis->plan.query = options.sql;
    if (options.advise && !writing) attach_index_advice(options, *analysis);
    return analysis;
}

}  // namespace dbsage
