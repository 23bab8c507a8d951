#include "connectors/mysql/mysql_statements.h"

#include "connectors/mysql/mysql_connection.h"
#include "connectors/target.h"

namespace dbsage {

Result<std::vector<StatementStats>> read_mysql_statement_digests(const std::string& url) {
    auto db = MysqlConnection::open_read_only(url);
    if (!db) return db.status();
    auto on = (*db)->query("SELECT @@performance_schema");
    if (!on) return Status::error(mask_target(url) + ": " + on.status().message());
    if (on->empty() || on->front()[0].value_or("0") != "1")
        return Status::error(mask_target(url) +
                             ": performance_schema is off on this server (set performance_schema = ON under [mysqld] "
                             "and restart; it is on by default in MySQL 8)");
    // Timers are in picoseconds.
    auto rows = (*db)->query(
        "SELECT s.DIGEST_TEXT, s.COUNT_STAR, s.SUM_TIMER_WAIT / 1000000000, s.SUM_ROWS_SENT, s.SUM_ROWS_EXAMINED, "
        "s.MIN_TIMER_WAIT / 1000000000, s.MAX_TIMER_WAIT / 1000000000, s.SCHEMA_NAME, "
        "(SELECT h.SQL_TEXT FROM performance_schema.events_statements_history_long h WHERE h.DIGEST = s.DIGEST "
        "ORDER BY h.TIMER_WAIT DESC LIMIT 1) "
        "FROM performance_schema.events_statements_summary_by_digest s "
        "WHERE s.DIGEST_TEXT IS NOT NULL AND (DATABASE() IS NULL OR s.SCHEMA_NAME = DATABASE())");
    if (!rows)
        return Status::error(mask_target(url) + ": reading performance_schema.events_statements_summary_by_digest failed: " +
                             rows.status().message());
    std::vector<StatementStats> out;
    for (const auto& r : *rows) {
        if (!r[0] || !r[1] || !r[2]) continue;
        StatementStats stats;
        stats.text = *r[0];
        stats.example = r[8].value_or("");
        stats.calls = std::stoull(*r[1]);
        stats.total_ms = std::stod(*r[2]);
        if (r[3]) stats.rows_sent = std::stoull(*r[3]);
        if (r[4]) stats.rows_examined = std::stoull(*r[4]);
        if (r[5]) stats.min_ms = std::stod(*r[5]);
        if (r[6]) stats.max_ms = std::stod(*r[6]);
        stats.database = r[7].value_or("");
        out.push_back(std::move(stats));
    }
    return out;
}

}  // namespace dbsage
