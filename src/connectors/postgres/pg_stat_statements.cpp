#include "connectors/postgres/pg_stat_statements.h"

#include "connectors/postgres/pg_connection.h"
#include "connectors/target.h"

namespace dbsage {

Result<std::vector<StatementStats>> read_pg_stat_statements(const std::string& target) {
    auto db = PgConnection::open_read_only(target);
    if (!db) return db.status();
    auto installed = (*db)->query("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'");
    if (!installed) return installed.status();
    if (installed->empty())
        return Status::error(mask_target(target) +
                             ": pg_stat_statements is not installed in this database (add it to "
                             "shared_preload_libraries, restart, then CREATE EXTENSION pg_stat_statements)");
    // total_exec_time from PostgreSQL 13, total_time before.
    std::string time_column = (*db)->server_version() >= 130000 ? "total_exec_time" : "total_time";
    auto rows = (*db)->query("SELECT query, calls, " + time_column + ", rows FROM pg_stat_statements "
                             "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())");
    if (!rows) return Status::error(mask_target(target) + ": reading pg_stat_statements failed: " + rows.status().message());
    std::vector<StatementStats> out;
    for (const auto& r : *rows) {
        if (!r[0] || !r[1] || !r[2]) continue;
        StatementStats stats;
        stats.text = *r[0];
        stats.calls = std::stoull(*r[1]);
        stats.total_ms = std::stod(*r[2]);
        if (r[3]) stats.rows_sent = std::stoull(*r[3]);
        out.push_back(std::move(stats));
    }
    return out;
}

}  // namespace dbsage
