#include "explain/run_explain.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "advisor/advisor.h"
#include "advisor/clone.h"
#include "advisor/parameter_values.h"
#include "connectors/postgres/pg_connection.h"
#include "connectors/target.h"
#include "explain/plan_checks.h"
#include "explain/run_explain_sqlite.h"
#include "model/workspace.h"
#include "sql/script_reader.h"
#include "util/strings.h"

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
        return f.rule == "plan-rows-removed-by-filter" || f.rule == "plan-sort-spilled" || f.rule == "plan-sort-for-limit" ||
               f.rule == "plan-full-table-scan" || f.rule == "plan-sort-without-index" || f.rule == "plan-nested-loop-inner-scan" ||
               f.rule == "plan-automatic-index";
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
    // The relation of each node, by number, to find the finding on the index's table.
    std::vector<const PlanNode*> nodes = nodes_in_order(analysis.plan.root);
    for (const auto& a : advice->create) {
        std::string ddl = advice->sqlite ? a.index.ddl_sqlite() : a.index.ddl(true);
        std::string evidence =
            advice->sqlite && !advice->queries.empty()
                ? fmt::format("dbsage advise indexes: with {} SQLite plans it as: {} ({})", ddl, one_line(advice->queries[0].plan_after),
                              a.index.reason)
                : fmt::format("dbsage advise indexes: {} takes this query from cost {:.0f} to {:.0f} (the planner's what-if "
                              "estimate with HypoPG; {})",
                              ddl, advice->cost_before, advice->cost_after, a.index.reason);
        auto on_table = std::find_if(analysis.findings.begin(), analysis.findings.end(), [&](const Finding& f) {
            size_t at = static_cast<size_t>(f.location.line) - 1;
            return !f.fix && at < nodes.size() && nodes[at]->relation == a.index.table;
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


// The one statement of options.sql, and whether it writes; refused when it
// writes and would be executed without allow_writes.
Result<bool> check_statement(const ExplainOptions& options, Workspace& ws) {
    read_sql_text("the query", options.sql, ws);
    if (ws.statements.size() != 1) return Status::error("give one statement to explain (got " + std::to_string(ws.statements.size()) + ")");
    const Statement& st = ws.statements[0];
    bool writing = st.kind != StatementKind::select || (st.query && writes(*st.query));
    if (writing && options.analyze && !options.allow_writes)
        return Status::error("the statement writes: EXPLAIN ANALYZE would execute it; give --allow-writes to run it "
                             "inside a transaction that is rolled back");
    return writing;
}

// EXPLAIN of options.sql on conn inside a transaction that is rolled back.
Result<PlanAnalysis> explain_on(PgConnection& conn, const ExplainOptions& options, const std::string& source) {
    std::string begin = options.allow_writes ? "BEGIN" : "BEGIN READ ONLY";
    if (auto started = conn.query(begin); !started) return started.status();
    conn.query("SET LOCAL statement_timeout = '" + std::to_string(options.timeout_seconds) + "s'");
    std::string body = options.sql;
    while (!body.empty() && (body.back() == ';' || std::isspace(static_cast<unsigned char>(body.back())))) body.pop_back();
    std::string explain = std::string("EXPLAIN (") + (options.analyze ? "ANALYZE, BUFFERS, " : "") + "SETTINGS, FORMAT JSON) ";
    std::string generic_note;
    if (int n = highest_parameter(body); n > 0) {
        // $n parameters: a prepared statement executed with the values given
        // (typed as the statement needs them), or its generic plan.
        if (!options.params.empty() && static_cast<int>(options.params.size()) != n) {
            conn.query("ROLLBACK");
            return Status::error(fmt::format("the statement has ${} parameters and {} --param value{} were given", n,
                                             options.params.size(), options.params.size() == 1 ? "" : "s"));
        }
        if (options.params.empty() && options.analyze) {
            conn.query("ROLLBACK");
            return Status::error(fmt::format("the statement has parameter{} {}: give {} with --param to run it, "
                                             "or leave out --analyze for its generic plan", n == 1 ? "" : "s",
                                             n == 1 ? "$1" : "$1.." + fmt::format("${}", n), n == 1 ? "its value" : "their values"));
        }
        if (auto prepared = conn.query("PREPARE dbsage_explain AS " + body); !prepared) {
            conn.query("ROLLBACK");
            return Status::error(source + ": EXPLAIN failed: " + prepared.status().message());
        }
        std::string values;
        for (int i = 0; i < n; ++i)
            values += (i ? ", " : "") + (options.params.empty() ? std::string("NULL") : quote_literal(options.params[static_cast<size_t>(i)]));
        if (options.params.empty()) {
            conn.query("SET LOCAL plan_cache_mode = force_generic_plan");
            generic_note = "the generic plan: $n parameters had no values (give them with --param)";
        }
        body = "EXECUTE dbsage_explain(" + values + ")";
    }
    auto rows = conn.query(explain + body);
    conn.query("ROLLBACK");
    conn.query("DEALLOCATE ALL");
    if (!rows) return Status::error(source + ": EXPLAIN failed: " + rows.status().message());
    if (rows->empty() || rows->front().empty() || !rows->front()[0]) return Status::error(source + ": EXPLAIN returned no plan");
    auto analysis = analyze_plan_text(*rows->front()[0], source);
    if (!analysis) return analysis;
    analysis->plan.query = options.sql;
    if (!generic_note.empty()) analysis->notes.push_back(generic_note);
    return analysis;
}

Result<std::unique_ptr<PgConnection>> open_for(const ExplainOptions& options, const std::string& target) {
    return options.allow_writes ? PgConnection::open_for_changes(target) : PgConnection::open_read_only(target);
}

// A misestimate on a table modified a lot since its last ANALYZE: stale
// statistics, the likeliest cause, with the counts from pg_stat_user_tables.
void add_stale_statistics(PgConnection& conn, PlanAnalysis& analysis) {
    std::set<std::string> seen;
    std::vector<Finding> added;
    std::vector<const PlanNode*> nodes = nodes_in_order(analysis.plan.root);
    for (const auto& f : analysis.findings) {
        size_t at = static_cast<size_t>(f.location.line) - 1;
        if (f.rule != "plan-row-misestimate" || at >= nodes.size() || nodes[at]->relation.empty()) continue;
        const PlanNode& n = *nodes[at];
        std::string name = n.schema.empty() ? quote_ident(n.relation) : quote_ident(n.schema) + "." + quote_ident(n.relation);
        if (!seen.insert(name).second) continue;
        auto rows = conn.query("SELECT n_mod_since_analyze, n_live_tup, coalesce(greatest(last_analyze, last_autoanalyze)::text, 'never') "
                               "FROM pg_stat_user_tables WHERE relid = to_regclass(" + quote_literal(name) + ")");
        if (!rows || rows->empty() || !(*rows)[0][0] || !(*rows)[0][1]) continue;
        double modified = std::strtod((*rows)[0][0]->c_str(), nullptr), live = std::strtod((*rows)[0][1]->c_str(), nullptr);
        // Autovacuum's own trigger (50 rows + 10%) for analyze: past it, the statistics are stale by the server's measure.
        if (modified < 50 + 0.1 * live) continue;
        Finding s = f;
        s.rule = "plan-stale-statistics";
        s.severity = Severity::warning;
        s.message = fmt::format("{} has had {:.0f} rows modified since its last analyze ({}), {:.0f}% of its {:.0f} rows", n.relation,
                                modified, (*rows)[0][2].value_or("never"), 100 * modified / std::max(live, 1.0), live);
        s.help = "the misestimate on this node follows from statistics that no longer describe the table; analyze it now, "
                 "and lower autovacuum_analyze_scale_factor for it if it changes this fast";
        s.fix = "ANALYZE " + name + ";";
        added.push_back(std::move(s));
    }
    analysis.findings.insert(analysis.findings.end(), added.begin(), added.end());
}

// "schema.table" of every table the statement and the index read, as the
// live database resolves their names.
Result<std::set<std::string>> tables_to_copy(PgConnection& conn, const Workspace& query, const Workspace& index) {
    std::vector<std::string> names;
    std::function<void(const Query&)> add = [&](const Query& q) {
        for (const auto& ref : q.tables) names.push_back(ref.schema.empty() ? quote_ident(ref.name) : quote_ident(ref.schema) + "." + quote_ident(ref.name));
        for (const auto& c : q.ctes) add(c);
        for (const auto& sub : q.subqueries) add(sub);
    };
    if (query.statements[0].query) add(*query.statements[0].query);
    for (const auto& op : index.statements[0].ddl)
        names.push_back(op.schema.empty() ? quote_ident(op.table) : quote_ident(op.schema) + "." + quote_ident(op.table));
    std::set<std::string> out;
    for (const auto& name : names) {
        auto rows = conn.query("SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                               "WHERE c.oid = to_regclass(" + quote_literal(name) + ") AND c.relkind IN ('r', 'p', 'm')");
        if (!rows) return rows.status();
        if (!rows->empty() && rows->front()[0]) out.insert(*rows->front()[0]);
    }
    return out;
}

}  // namespace

Result<PlanAnalysis> explain_query(const ExplainOptions& options) {
    Workspace ws;
    auto writing = check_statement(options, ws);
    if (!writing) return writing.status();
    if (classify_target(options.target) == TargetKind::sqlite) {
        std::string path = options.target.rfind("sqlite:", 0) == 0 ? options.target.substr(7) : options.target;
        auto analysis = explain_sqlite(options, path, ws);
        if (analysis && options.advise && !*writing) attach_index_advice(options, *analysis);
        return analysis;
    }
    auto conn = open_for(options, options.target);
    if (!conn) return conn.status();
    auto analysis = explain_on(**conn, options, "the query");
    if (!analysis) return analysis;
    add_stale_statistics(**conn, *analysis);
    if (options.advise && !*writing) attach_index_advice(options, *analysis);
    return analysis;
}

Result<std::unique_ptr<PlanDiff>> explain_diff_query(const ExplainDiffOptions& options) {
    Workspace ws;
    auto writing = check_statement(options.run, ws);
    if (!writing) return writing.status();
    if (!options.other_target.empty()) {
        auto first = open_for(options.run, options.run.target);
        if (!first) return first.status();
        auto before = explain_on(**first, options.run, "the first target");
        if (!before) return before.status();
        auto second = open_for(options.run, options.other_target);
        if (!second) return second.status();
        auto after = explain_on(**second, options.run, "the second target");
        if (!after) return after.status();
        return diff_plans(std::move(*before), std::move(*after));
    }
    Workspace index;
    read_sql_text("--index", options.index_ddl, index);
    if (index.statements.size() != 1 || index.statements[0].ddl.empty() || index.statements[0].ddl[0].kind != DdlKind::create_index)
        return Status::error("--index: give one CREATE INDEX statement");
    auto live = PgConnection::open_read_only(options.run.target);
    if (!live) return live.status();
    auto tables = tables_to_copy(**live, ws, index);
    if (!tables) return tables.status();
    std::string copied;
    auto scratch = clone_tables(options.run.target, *tables, options.clone_max_bytes, copied);
    if (!scratch) return scratch.status();
    auto clone = PgConnection::open_for_changes((*scratch)->conninfo());
    if (!clone) return clone.status();
    auto before = explain_on(**clone, options.run, "before the index (" + copied + ")");
    if (!before) return before.status();
    std::string ddl = options.index_ddl;
    // CONCURRENTLY buys nothing on a copy no one else uses.
    if (size_t at = to_lower(ddl).find("concurrently"); at != std::string::npos) ddl.erase(at, std::string("concurrently").size());
    if (auto built = (*clone)->query(ddl); !built) return Status::error("--index: " + built.status().message());
    const DdlOp& op = index.statements[0].ddl[0];
    if (auto analyzed = (*clone)->query("ANALYZE " + (op.schema.empty() ? "" : quote_ident(op.schema) + ".") + quote_ident(op.table)); !analyzed)
        return analyzed.status();
    auto after = explain_on(**clone, options.run, "after the index");
    if (!after) return after.status();
    return diff_plans(std::move(*before), std::move(*after));
}

}  // namespace dbsage
