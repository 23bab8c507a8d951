// EXPLAIN on an SQLite file: EXPLAIN QUERY PLAN, the row count of each table
// it scans, and with analyze the statement's time, measured inside a
// savepoint that is rolled back.
#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>

#include "explain/run_explain_sqlite.h"
#include "explain/sqlite_plan.h"
#include "util/strings.h"

namespace dbsage {
namespace {

using Handle = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

Result<StmtHandle> prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
        sqlite3_finalize(st);
        return Status::error(sqlite3_errmsg(db));
    }
    return StmtHandle(st, sqlite3_finalize);
}

// Rows of table: sqlite_stat1's count when ANALYZE has run, else counted.
double table_rows(sqlite3* db, const std::string& table) {
    if (auto st = prepare(db, "SELECT stat FROM sqlite_stat1 WHERE tbl = ?1 LIMIT 1"); st) {
        sqlite3_bind_text(st->get(), 1, table.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st->get()) == SQLITE_ROW && sqlite3_column_text(st->get(), 0))
            return std::strtod(reinterpret_cast<const char*>(sqlite3_column_text(st->get(), 0)), nullptr);
    }
    auto st = prepare(db, "SELECT count(*) FROM " + quote_ident(table));
    if (st && sqlite3_step(st->get()) == SQLITE_ROW) return sqlite3_column_double(st->get(), 0);
    return 0;
}

struct Deadline {
    std::chrono::steady_clock::time_point at;
};

int past_deadline(void* arg) { return std::chrono::steady_clock::now() > static_cast<Deadline*>(arg)->at ? 1 : 0; }

}  // namespace

Result<PlanAnalysis> explain_sqlite(const ExplainOptions& options, const std::string& path, const Workspace& ws) {
    sqlite3* raw = nullptr;
    int flags = options.allow_writes ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Handle db(raw, sqlite3_close);
    if (rc != SQLITE_OK) return Status::error(path + ": " + (raw ? sqlite3_errmsg(raw) : "cannot open"));
    if (!options.allow_writes) sqlite3_exec(raw, "PRAGMA query_only = 1", nullptr, nullptr, nullptr);
    Deadline deadline{std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_seconds)};
    sqlite3_progress_handler(raw, 10000, past_deadline, &deadline);

    auto bind = [&](sqlite3_stmt* st) {
        for (size_t i = 0; i < options.params.size(); ++i)
            sqlite3_bind_text(st, static_cast<int>(i + 1), options.params[i].c_str(), -1, SQLITE_TRANSIENT);
    };
    auto eqp = prepare(raw, "EXPLAIN QUERY PLAN " + options.sql);
    if (!eqp) return Status::error("EXPLAIN failed: " + eqp.status().message());
    int wanted = sqlite3_bind_parameter_count(eqp->get());
    if (!options.params.empty() && wanted != static_cast<int>(options.params.size()))
        return Status::error(fmt::format("the statement has {} parameters and {} --param values were given", wanted, options.params.size()));
    bind(eqp->get());
    std::vector<SqlitePlanRow> rows;
    while (sqlite3_step(eqp->get()) == SQLITE_ROW) {
        auto* detail = sqlite3_column_text(eqp->get(), 3);
        rows.push_back({sqlite3_column_int(eqp->get(), 0), sqlite3_column_int(eqp->get(), 1),
                        detail ? reinterpret_cast<const char*>(detail) : ""});
    }
    Plan plan = sqlite_plan_from_rows(rows, "the query");
    plan.query = options.sql;

    // SQLite names a table by its alias in the plan: the statement says which table that is.
    std::map<std::string, std::string> tables;
    std::function<void(const Query&)> collect = [&](const Query& q) {
        for (const auto& ref : q.tables) {
            tables[ref.name] = ref.name;
            if (!ref.alias.empty()) tables[ref.alias] = ref.name;
        }
        for (const auto& c : q.ctes) collect(c);
        for (const auto& s : q.subqueries) collect(s);
    };
    if (!ws.statements.empty() && ws.statements[0].query) collect(*ws.statements[0].query);
    std::function<void(PlanNode&)> sized = [&](PlanNode& n) {
        // The node names the table as the plan does (its alias); the relation is the table.
        if (auto it = tables.find(n.relation); it != tables.end() && !n.relation.empty()) {
            n.relation = it->second;
            if (n.access_type == "ALL") n.plan_rows = table_rows(raw, it->second);
        }
        for (auto& c : n.children) sized(c);
    };
    sized(plan.root);

    if (options.analyze) {
        if (sqlite3_exec(raw, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
            return Status::error(std::string("cannot begin a transaction: ") + sqlite3_errmsg(raw));
        auto start = std::chrono::steady_clock::now();
        auto run = prepare(raw, options.sql);
        double returned = 0;
        int step = SQLITE_DONE;
        if (run) bind(run->get());
        if (run)
            while ((step = sqlite3_step(run->get())) == SQLITE_ROW) ++returned;
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        std::string error = step == SQLITE_DONE ? "" : sqlite3_errmsg(raw);
        if (run) run->reset();  // finalized before the rollback
        if (sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr) != SQLITE_OK && sqlite3_get_autocommit(raw) == 0)
            return Status::error(std::string("the rollback failed: ") + sqlite3_errmsg(raw));
        if (!error.empty())
            return Status::error(step == SQLITE_INTERRUPT ? fmt::format("the statement ran past --timeout {} s", options.timeout_seconds)
                                                          : "the statement failed: " + error);
        plan.analyzed = true;
        plan.execution_ms = ms;
        plan.root.analyzed = true;
        plan.root.actual_total_ms = ms;
        plan.root.actual_rows = returned;
    }
    return analyze_plan(std::move(plan));
}

}  // namespace dbsage
