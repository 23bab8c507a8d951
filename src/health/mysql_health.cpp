// MySQL/MariaDB: connections, long statements and idle transactions, lock
// waits, AUTO_INCREMENT near its type's end, the buffer pool and temporary
// tables on disk, the index set (the advisor's hygiene) and sizes.
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "advisor/advise_mysql.h"
#include "connectors/mysql/mysql_connection.h"
#include "connectors/row_fields.h"
#include "health/check_support.h"
#include "health/engine_health.h"
#include "util/strings.h"

namespace dbsage {
namespace {

struct Ctx {
    MysqlConnection& conn;
    const HealthOptions& options;
    HealthReport& report;
    std::map<std::string, double> status;     // SHOW GLOBAL STATUS
    std::map<std::string, std::string> vars;  // SHOW GLOBAL VARIABLES

    std::optional<std::vector<MyRow>> rows(const std::string& what, const std::string& sql) {
        auto r = conn.query(sql);
        if (r) return std::move(*r);
        report.notes.push_back(what + " not checked: " + r.status().message());
        return std::nullopt;
    }
    void add(HealthFinding f) { report.findings.push_back(std::move(f)); }
};


void connections(Ctx& c) {
    double max = std::atof(c.vars["max_connections"].c_str());
    double now = c.status["Threads_connected"], peak = c.status["Max_used_connections"];
    if (max <= 0) return;
    mark_checked(c.report, "connections");
    const auto& l = c.options.limits;
    double percent = 100.0 * now / max;
    c.report.metrics.push_back({"connections", now, "", l.connections_warning_percent * max / 100, l.connections_critical_percent * max / 100});
    HealthLevel level = level_for(percent, l.connections_warning_percent, l.connections_critical_percent);
    if (level >= HealthLevel::warning)
        c.add({"connections", "connections", level, "max_connections",
               fmt::format("{:.0f} of {:.0f} connections in use ({:.0f}%); the peak since start was {:.0f}", now, max, percent, peak),
               "When they run out, new clients get 'Too many connections'. Pool connections in the application.", ""});
}

void sessions(Ctx& c) {
    auto rows = c.rows("long-running statements",
                       "SELECT ID, USER, COMMAND, TIME, COALESCE(STATE, ''), COALESCE(INFO, '') FROM information_schema.PROCESSLIST "
                       "WHERE COMMAND NOT IN ('Sleep', 'Daemon', 'Binlog Dump') AND ID <> CONNECTION_ID() ORDER BY TIME DESC");
    if (!rows) return;
    mark_checked(c.report, "activity");
    const auto& l = c.options.limits;
    for (const auto& r : *rows) {
        if (field_number(r, 3) < l.long_running_seconds || field_text(r, 5).empty()) continue;
        c.add({"long-running-query", "activity", level_for(field_number(r, 3), l.long_running_seconds, l.long_running_critical_seconds),
               "connection " + field_text(r, 0), fmt::format("running for {} as {} ({}): {}", human_seconds(field_number(r, 3)), field_text(r, 1), field_text(r, 4), shorten(field_text(r, 5), 120)),
               "It holds its locks and its read view (purge cannot remove old row versions) until it ends.",
               "KILL QUERY " + field_text(r, 0) + ";"});
    }
    auto trx = c.rows("idle transactions",
                      "SELECT p.ID, p.USER, TIMESTAMPDIFF(SECOND, x.trx_started, NOW()), p.TIME, x.trx_rows_locked "
                      "FROM information_schema.INNODB_TRX x JOIN information_schema.PROCESSLIST p ON p.ID = x.trx_mysql_thread_id "
                      "WHERE p.COMMAND = 'Sleep'");
    if (!trx) return;
    for (const auto& r : *trx) {
        if (field_number(r, 3) < l.idle_in_transaction_seconds) continue;
        c.add({"idle-in-transaction", "activity", level_for(field_number(r, 3), l.idle_in_transaction_seconds, l.idle_in_transaction_critical_seconds),
               "connection " + field_text(r, 0),
               fmt::format("idle for {} in a transaction open {} as {}, {:.0f} rows locked", human_seconds(field_number(r, 3)),
                           human_seconds(field_number(r, 2)), field_text(r, 1), field_number(r, 4)),
               "An open transaction keeps its row locks and stops purge, so the history list grows.", "KILL " + field_text(r, 0) + ";"});
    }
}

void lock_waits(Ctx& c) {
    auto rows = c.conn.is_mariadb()
                    ? c.rows("lock waits",
                             "SELECT r.trx_mysql_thread_id, b.trx_mysql_thread_id, TIMESTAMPDIFF(SECOND, r.trx_wait_started, NOW()), "
                             "  COALESCE(r.trx_query, ''), COALESCE(b.trx_query, '') FROM information_schema.INNODB_LOCK_WAITS w "
                             "JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id "
                             "JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id")
                    : c.rows("lock waits",
                             "SELECT waiting_pid, blocking_pid, wait_age_secs, COALESCE(waiting_query, ''), "
                             "  COALESCE(blocking_query, '') FROM sys.innodb_lock_waits");
    if (!rows) return;
    for (const auto& r : *rows)
        c.add({"blocked-query", "activity", field_number(r, 2) >= c.options.limits.blocked_critical_seconds ? HealthLevel::critical : HealthLevel::warning,
               "connection " + field_text(r, 0),
               fmt::format("waiting {} for a row lock held by connection {} ({}): {}", human_seconds(field_number(r, 2)), field_text(r, 1),
                           field_text(r, 4).empty() ? "idle in its transaction" : shorten(field_text(r, 4), 120), shorten(field_text(r, 3), 120)),
               "It waits until the holder ends or innodb_lock_wait_timeout passes.", "KILL " + field_text(r, 1) + ";"});
}

double int_max(const std::string& type, bool is_unsigned) {
    double bits = type == "tinyint" ? 8 : type == "smallint" ? 16 : type == "mediumint" ? 24 : type == "int" ? 32 : 64;
    return std::pow(2.0, is_unsigned ? bits : bits - 1) - 1;
}

void auto_increment(Ctx& c, Snapshot& snapshot) {
    auto rows = c.rows("AUTO_INCREMENT columns",
                       "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE LIKE '%unsigned%', "
                       "  t.AUTO_INCREMENT FROM information_schema.TABLES t JOIN information_schema.COLUMNS c "
                       "  ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.EXTRA LIKE '%auto_increment%' "
                       "WHERE t.AUTO_INCREMENT IS NOT NULL AND t.TABLE_SCHEMA NOT IN ('mysql', 'sys', 'performance_schema', "
                       "'information_schema')");
    if (!rows) return;
    mark_checked(c.report, "sequences");
    const auto& l = c.options.limits;
    for (const auto& r : *rows) {
        bool is_unsigned = field_text(r, 4) == "1";
        double max = int_max(field_text(r, 3), is_unsigned), next = field_number(r, 5);
        double percent = 100.0 * (next - 1) / max;
        snapshot.values.push_back({"seq_last", field_text(r, 0) + "." + field_text(r, 1), next - 1, ""});
        snapshot.values.push_back({"seq_limit", field_text(r, 0) + "." + field_text(r, 1), max, ""});
        HealthLevel level = level_for(percent, l.sequence_warning_percent, l.sequence_critical_percent);
        if (level < HealthLevel::warning) continue;
        std::string table = "`" + field_text(r, 0) + "`.`" + field_text(r, 1) + "`";
        c.add({"sequence-overflow", "sequences", level, field_text(r, 0) + "." + field_text(r, 1),
               fmt::format("AUTO_INCREMENT {:.0f} is {:.1f}% of {}{} {} (limit {:.0f})", next, percent, field_text(r, 3),
                           is_unsigned ? " unsigned" : "", field_text(r, 2), max),
               "At the limit every insert fails with a duplicate key error. Widening the column copies the table "
               "(ALGORITHM=COPY): plan it with pt-online-schema-change or gh-ost.",
               "ALTER TABLE " + table + " MODIFY `" + field_text(r, 2) + "` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT;"});
    }
}

void engine_ratios(Ctx& c) {
    const auto& l = c.options.limits;
    double requests = c.status["Innodb_buffer_pool_read_requests"], disk = c.status["Innodb_buffer_pool_reads"];
    if (requests >= l.cache_min_blocks) {
        mark_checked(c.report, "cache");
        double hit = 100.0 * (requests - disk) / requests;
        c.report.metrics.push_back({"buffer_pool_hit_ratio", hit, "%", 0, 0});
        if (hit < l.mysql_buffer_pool_hit_percent)
            c.add({"buffer-pool-hit", "cache", HealthLevel::warning, "innodb_buffer_pool_size",
                   fmt::format("{:.2f}% of InnoDB page reads came from the buffer pool ({:.0f} of {:.0f} went to disk); "
                               "innodb_buffer_pool_size {}",
                               hit, disk, requests, human_bytes(std::stoull("0" + c.vars["innodb_buffer_pool_size"]))),
                   "Reads that miss the buffer pool go to disk. dbsage tune compares the pool with the data size.", ""});
    }
    double tmp = c.status["Created_tmp_tables"], tmp_disk = c.status["Created_tmp_disk_tables"];
    if (tmp >= 100) {
        mark_checked(c.report, "queries");
        double percent = 100.0 * tmp_disk / tmp;
        if (percent > l.mysql_tmp_disk_percent)
            c.add({"tmp-tables-on-disk", "queries", HealthLevel::warning, "tmp_table_size",
                   fmt::format("{:.0f}% of {:.0f} temporary tables went to disk (tmp_table_size {}, max_heap_table_size {})", percent,
                               tmp, c.vars["tmp_table_size"], c.vars["max_heap_table_size"]),
                   "Queries whose GROUP BY, DISTINCT or UNION outgrow the in-memory limit (or have TEXT/BLOB columns) "
                   "write their temporary table to disk.",
                   ""});
    }
}

void index_set(Ctx& c) {
    AdviseOptions advise;
    advise.target = c.options.target;
    auto advice = advise_mysql(advise);
    if (!advice) {
        c.report.notes.push_back("index hygiene not checked: " + advice.status().message());
        return;
    }
    mark_checked(c.report, "indexes");
    for (const auto& item : advice->existing)
        c.add({item.kind == "unused" ? "unused-index" : item.kind, "indexes", HealthLevel::warning, item.object, item.what,
               "It costs every write and the buffer pool, and buys nothing.", item.sql});
}

void sizes(Ctx& c, Snapshot& snapshot) {
    auto rows = c.rows("sizes",
                       "SELECT TABLE_SCHEMA, TABLE_NAME, DATA_LENGTH + INDEX_LENGTH, TABLE_ROWS, DATA_FREE "
                       "FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA NOT IN "
                       "('mysql', 'sys', 'performance_schema', 'information_schema') ORDER BY 3 DESC");
    if (!rows) return;
    mark_checked(c.report, "space");
    double total = 0;
    std::vector<std::string> largest;
    for (const auto& r : *rows) {
        std::string name = field_text(r, 0) + "." + field_text(r, 1);
        total += field_number(r, 2);
        if (largest.size() < 5) largest.push_back(name + " " + bytes_text(field_number(r, 2)));
        snapshot.values.push_back({"table_bytes", name, field_number(r, 2), ""});
        snapshot.values.push_back({"table_rows", name, field_number(r, 3), ""});
    }
    snapshot.values.push_back({"database_size", "", total, ""});
    c.add({"database-size", "space", HealthLevel::info, "server",
           fmt::format("{} in {} tables; largest: {}", bytes_text(total), rows->size(),
                       largest.empty() ? "none" : join(largest, ", ")),
           "", ""});
}

}  // namespace

Status check_mysql_health(const HealthOptions& options, HealthReport& report, Snapshot& snapshot) {
    auto conn = MysqlConnection::open_read_only(options.target);
    if (!conn) return conn.status();
    report.engine = (*conn)->server_name();
    Ctx c{**conn, options, report, {}, {}};
    if (auto rows = c.rows("server status", "SHOW GLOBAL STATUS"))
        for (const auto& r : *rows) c.status[field_text(r, 0)] = field_number(r, 1);
    if (auto rows = c.rows("server variables", "SHOW GLOBAL VARIABLES"))
        for (const auto& r : *rows) c.vars[field_text(r, 0)] = field_text(r, 1);
    connections(c);
    sessions(c);
    lock_waits(c);
    auto_increment(c, snapshot);
    engine_ratios(c);
    index_set(c);
    sizes(c, snapshot);
    return Status::ok();
}

}  // namespace dbsage
