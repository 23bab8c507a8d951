// Sessions: long-running statements, idle transactions, lock chains,
// connection use and forgotten prepared transactions.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "health/pg_health.h"
#include "util/strings.h"

namespace dbsage {
namespace {

void long_running(PgHealthContext& ctx) {
    auto rows = ctx.rows("long-running queries",
                         "SELECT pid, coalesce(usename, ''), coalesce(application_name, ''), "
                         "       extract(epoch FROM now() - query_start), query "
                         "FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend' "
                         "  AND pid <> pg_backend_pid() AND query_start IS NOT NULL "
                         "ORDER BY query_start");
    if (!rows) return;
    ctx.checked("activity");
    const auto& l = ctx.limits();
    for (const auto& r : *rows) {
        double seconds = field_number(r, 3);
        if (seconds < l.long_running_seconds) continue;
        ctx.add({"long-running-query", "activity", level_for(seconds, l.long_running_seconds, l.long_running_critical_seconds),
                 "pid " + field_text(r, 0),
                 fmt::format("running for {} as {} ({}): {}", human_seconds(seconds), field_text(r, 1),
                             field_text(r, 2).empty() ? "no application_name" : field_text(r, 2), shorten(field_text(r, 4), 120)),
                 "A statement this long holds its snapshot (vacuum cannot remove rows dead since it began) and its "
                 "locks; cancel it if it is not expected, and give the role a statement_timeout.",
                 "SELECT pg_cancel_backend(" + field_text(r, 0) + ");"});
    }
}

void idle_in_transaction(PgHealthContext& ctx) {
    auto rows = ctx.rows("idle transactions",
                         "SELECT pid, coalesce(usename, ''), coalesce(application_name, ''), state, "
                         "       extract(epoch FROM now() - state_change), extract(epoch FROM now() - xact_start), "
                         "       query, backend_xmin IS NOT NULL "
                         "FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' AND pid <> pg_backend_pid() "
                         "ORDER BY state_change");
    if (!rows) return;
    const auto& l = ctx.limits();
    std::string timeout = ctx.setting("idle_in_transaction_session_timeout");
    for (const auto& r : *rows) {
        double idle = field_number(r, 4);
        if (idle < l.idle_in_transaction_seconds) continue;
        ctx.add({"idle-in-transaction", "activity",
                 level_for(idle, l.idle_in_transaction_seconds, l.idle_in_transaction_critical_seconds), "pid " + field_text(r, 0),
                 fmt::format("{} for {} (transaction open {}) as {} ({}); last statement: {}", field_text(r, 3),
                             human_seconds(idle), human_seconds(field_number(r, 5)), field_text(r, 1),
                             field_text(r, 2).empty() ? "no application_name" : field_text(r, 2), shorten(field_text(r, 6), 120)),
                 std::string("An open transaction keeps its locks and stops vacuum from removing any row dead "
                             "since it began, across the whole database. End it, and let the server do so: "
                             "idle_in_transaction_session_timeout is ") +
                     (timeout.empty() || timeout == "0" ? "off" : timeout + " ms") + ".",
                 "SELECT pg_terminate_backend(" + field_text(r, 0) + ");"});
    }
}

struct Session {
    std::string state, user, query, lock;
    double waited = 0, xact = 0;
    std::vector<std::string> blockers;
};

// Follows each blocked session's blockers to the sessions that block and
// wait on nothing: those are the ones to end.
void blocked(PgHealthContext& ctx) {
    auto rows = ctx.rows(
        "blocked queries",
        "SELECT a.pid, a.state, coalesce(a.usename, ''), a.query, array_to_string(pg_blocking_pids(a.pid), ','), "
        "  extract(epoch FROM now() - coalesce(a.state_change, a.query_start)), extract(epoch FROM now() - a.xact_start), "
        "  coalesce((SELECT l.mode || ' on ' || l.relation::regclass FROM pg_locks l "
        "            WHERE l.pid = a.pid AND NOT l.granted AND l.relation IS NOT NULL LIMIT 1), "
        "           (SELECT 'a row of ' || l.relation::regclass FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'tuple' LIMIT 1), "
        "           (SELECT l.mode || ' on a ' || l.locktype FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted LIMIT 1), '') "
        "FROM pg_stat_activity a WHERE a.backend_type = 'client backend'");
    if (!rows) return;
    std::map<std::string, Session> sessions;
    for (const auto& r : *rows) {
        Session s{field_text(r, 1), field_text(r, 2), shorten(field_text(r, 3), 120), field_text(r, 7), field_number(r, 5), field_number(r, 6), {}};
        if (!field_text(r, 4).empty()) s.blockers = split(field_text(r, 4), ',');
        sessions[field_text(r, 0)] = std::move(s);
    }
    const auto& l = ctx.limits();
    for (const auto& [pid, s] : sessions) {
        if (s.blockers.empty()) continue;
        std::vector<std::string> chain{"pid " + pid + " (" + s.query + ") waits for " + s.lock};
        std::set<std::string> seen{pid};
        std::vector<std::string> roots;
        std::vector<std::string> todo = s.blockers;
        while (!todo.empty()) {
            std::string b = todo.back();
            todo.pop_back();
            if (!seen.insert(b).second) continue;
            auto it = sessions.find(b);
            if (it == sessions.end()) {
                chain.push_back("held by pid " + b);
                roots.push_back(b);
                continue;
            }
            const Session& h = it->second;
            chain.push_back(fmt::format("held by pid {} ({}, transaction open {}: {})", b, h.state, human_seconds(h.xact), h.query));
            if (h.blockers.empty()) roots.push_back(b);
            for (const auto& next : h.blockers) todo.push_back(next);
        }
        std::string sql;
        for (const auto& root : roots) {
            auto it = sessions.find(root);
            bool idle = it != sessions.end() && starts_with_ci(it->second.state, "idle");
            sql += fmt::format("SELECT {}({});{}", idle ? "pg_terminate_backend" : "pg_cancel_backend", root,
                               idle ? "  -- idle in its transaction: only ending the session frees the lock" : "");
            sql += "\n";
        }
        if (!sql.empty()) sql.pop_back();
        ctx.add({"blocked-query", "activity", s.waited >= l.blocked_critical_seconds ? HealthLevel::critical : HealthLevel::warning,
                 "pid " + pid,
                 fmt::format("waiting {} behind {}: {}", human_seconds(s.waited), join(roots, ", "), join(chain, "; ")),
                 "Everything queued behind a lock waits with it, and new lockers queue behind the waiter. End the "
                 "session at the head of the chain; a lock_timeout on DDL keeps it from happening again.",
                 sql});
    }
}

void connections(PgHealthContext& ctx) {
    auto rows = ctx.rows("connections",
                         "SELECT coalesce(state, backend_type), coalesce(usename, ''), coalesce(application_name, ''), count(*) "
                         "FROM pg_stat_activity WHERE backend_type = 'client backend' GROUP BY 1, 2, 3 ORDER BY 4 DESC");
    if (!rows) return;
    ctx.checked("connections");
    double max = std::atof(ctx.setting("max_connections").c_str());
    double reserved = std::atof(ctx.setting("superuser_reserved_connections").c_str());
    double total = 0;
    std::map<std::string, double> by_state, by_user, by_app;
    for (const auto& r : *rows) {
        double n = field_number(r, 3);
        total += n;
        by_state[field_text(r, 0)] += n;
        by_user[field_text(r, 1).empty() ? "?" : field_text(r, 1)] += n;
        by_app[field_text(r, 2).empty() ? "(none)" : field_text(r, 2)] += n;
    }
    const auto& l = ctx.limits();
    double percent = max > 0 ? 100.0 * total / max : 0;
    ctx.metric({"connections", total, "", l.connections_warning_percent * max / 100, l.connections_critical_percent * max / 100});
    auto top = [](const std::map<std::string, double>& m) {
        std::vector<std::pair<double, std::string>> v;
        for (const auto& [k, n] : m) v.push_back({n, k});
        std::sort(v.rbegin(), v.rend());
        std::vector<std::string> out;
        for (size_t i = 0; i < v.size() && i < 4; ++i) out.push_back(fmt::format("{} {}", v[i].second, v[i].first));
        return join(out, ", ");
    };
    HealthLevel level = level_for(percent, l.connections_warning_percent, l.connections_critical_percent);
    if (total >= l.total_connections && level < HealthLevel::warning) level = HealthLevel::warning;
    if (level < HealthLevel::warning) level = HealthLevel::info;  // the breakdown is evidence even when fine
    ctx.add({"connections", "connections", level, "max_connections",
             fmt::format("{} of {} connections in use ({:.0f}%, {} reserved for superusers); by state: {}; by user: {}; "
                         "by application: {}",
                         total, max, percent, reserved, top(by_state), top(by_user), top(by_app)),
             level == HealthLevel::info ? ""
                                        : "When the slots run out new sessions are refused. Idle connections each hold memory: "
                                          "put a pooler (PgBouncer) in front rather than raising max_connections.",
             ""});
}

void prepared(PgHealthContext& ctx) {
    auto rows = ctx.rows("prepared transactions",
                         "SELECT gid, owner, database, extract(epoch FROM now() - prepared) FROM pg_prepared_xacts ORDER BY prepared");
    if (!rows) return;
    const auto& l = ctx.limits();
    for (const auto& r : *rows) {
        double age = field_number(r, 3);
        if (age < l.prepared_warning_seconds) continue;
        ctx.add({"prepared-transaction", "activity", level_for(age, l.prepared_warning_seconds, l.prepared_critical_seconds),
                 "transaction " + field_text(r, 0),
                 fmt::format("prepared {} ago by {} in database {}", human_seconds(age), field_text(r, 1), field_text(r, 2)),
                 "A prepared transaction survives restarts and holds its locks and its xmin until it is committed "
                 "or rolled back: vacuum stops, and wraparound comes closer. Ask its transaction manager first.",
                 "ROLLBACK PREPARED " + quote_literal(field_text(r, 0)) + ";  -- or COMMIT PREPARED, connected to " + field_text(r, 2)});
    }
}

}  // namespace

void check_pg_activity(PgHealthContext& ctx) {
    long_running(ctx);
    idle_in_transaction(ctx);
    blocked(ctx);
    connections(ctx);
    prepared(ctx);
}

}  // namespace dbsage
