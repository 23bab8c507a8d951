// dbsage health --watch: a top-like view of the sessions, their waits and
// locks, and the transaction rate, refreshed until interrupted. Only reads.
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <thread>

#include "connectors/mysql/mysql_connection.h"
#include "connectors/postgres/pg_connection.h"
#include "connectors/row_fields.h"
#include "connectors/target.h"
#include "health/check_support.h"
#include "health/health.h"
#include "util/strings.h"

namespace dbsage {
namespace {


std::string clock_text() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

// One view; transactions is the running total, for the rate between views.
Status postgres_view(PgConnection& conn, double interval, double& transactions, std::ostream& out) {
    auto totals = conn.query(
        "SELECT (SELECT sum(xact_commit + xact_rollback) FROM pg_stat_database), "
        "  (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'), "
        "  (SELECT count(*) FILTER (WHERE state = 'active') FROM pg_stat_activity WHERE backend_type = 'client backend'), "
        "  (SELECT count(*) FILTER (WHERE state LIKE 'idle in transaction%') FROM pg_stat_activity), "
        "  (SELECT count(*) FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0), "
        "  current_setting('max_connections')");
    if (!totals) return totals.status();
    const DbRow& t = (*totals)[0];
    double total = field_number(t, 0);
    std::string rate = transactions > 0 ? fmt::format("{:.0f} tx/s", (total - transactions) / interval) : "… tx/s";
    transactions = total;
    out << fmt::format("sessions {} of {} · active {} · idle in transaction {} · waiting on locks {} · {}\n\n", field_text(t, 1),
                       field_text(t, 5), field_text(t, 2), field_text(t, 3), field_text(t, 4), rate);
    auto rows = conn.query(
        "SELECT pid, coalesce(usename, ''), coalesce(state, ''), "
        "  coalesce(extract(epoch FROM now() - CASE WHEN state = 'active' THEN query_start ELSE state_change END), 0), "
        "  coalesce(wait_event_type || ':' || wait_event, ''), array_to_string(pg_blocking_pids(pid), ','), query "
        "FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND state <> 'idle' "
        "ORDER BY 4 DESC LIMIT 25");
    if (!rows) return rows.status();
    out << fmt::format("{:>7}  {:<12} {:<20} {:>9}  {:<22} {:<8} {}\n", "PID", "USER", "STATE", "TIME", "WAIT", "BLOCKER", "QUERY");
    for (const auto& r : *rows)
        out << fmt::format("{:>7}  {:<12} {:<20} {:>9}  {:<22} {:<8} {}\n", field_text(r, 0), shorten(field_text(r, 1), 12), shorten(field_text(r, 2), 20),
                           human_seconds(field_number(r, 3)), shorten(field_text(r, 4), 22), field_text(r, 5), shorten(field_text(r, 6), 70));
    if (rows->empty()) out << "  (no session is running a statement or holding a transaction open)\n";
    return Status::ok();
}

Status mysql_view(MysqlConnection& conn, std::ostream& out) {
    auto rows = conn.query(
        "SELECT ID, USER, COMMAND, TIME, COALESCE(STATE, ''), COALESCE(INFO, '') FROM information_schema.PROCESSLIST "
        "WHERE COMMAND NOT IN ('Sleep', 'Daemon') AND ID <> CONNECTION_ID() ORDER BY TIME DESC LIMIT 25");
    if (!rows) return rows.status();
    out << fmt::format("{:>7}  {:<12} {:<10} {:>9}  {:<24} {}\n", "ID", "USER", "COMMAND", "TIME", "STATE", "QUERY");
    for (const auto& r : *rows)
        out << fmt::format("{:>7}  {:<12} {:<10} {:>9}  {:<24} {}\n", field_text(r, 0), shorten(field_text(r, 1), 12), field_text(r, 2),
                           human_seconds(field_number(r, 3)), shorten(field_text(r, 4), 24), shorten(field_text(r, 5), 70));
    if (rows->empty()) out << "  (no session is running a statement)\n";
    return Status::ok();
}

}  // namespace

Status watch(const std::string& target, double interval_seconds, int count, bool clear, std::ostream& out) {
    TargetKind kind = classify_target(target);
    if (kind != TargetKind::postgres && kind != TargetKind::mysql)
        return Status::error(mask_target(target) + ": --watch needs a live PostgreSQL or MySQL/MariaDB");
    std::unique_ptr<PgConnection> pg;
    std::unique_ptr<MysqlConnection> my;
    if (kind == TargetKind::postgres) {
        auto c = PgConnection::open_read_only(target);
        if (!c) return c.status();
        pg = std::move(*c);
    } else {
        auto c = MysqlConnection::open_read_only(target);
        if (!c) return c.status();
        my = std::move(*c);
    }
    double transactions = 0;
    for (int shown = 0; count == 0 || shown < count; ++shown) {
        if (shown > 0) std::this_thread::sleep_for(std::chrono::duration<double>(interval_seconds));
        if (clear) out << "\033[H\033[2J";
        out << fmt::format("dbsage health --watch · {} · {} · every {} s, Ctrl-C to stop\n", mask_target(target), clock_text(),
                           interval_seconds);
        Status s = pg ? postgres_view(*pg, interval_seconds, transactions, out) : mysql_view(*my, out);
        if (!s.is_ok()) return s;
        out << std::flush;
    }
    return Status::ok();
}

}  // namespace dbsage
