#include "connectors/postgres/pg_stat_statements.h"

#include "connectors/postgres/pg_connection.h"
#include "connectors/target.h"
#include "digest/normalizer.h"

namespace dbsage {

Result<DigestReport> read_pg_stat_statements(const std::string& target) {
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
    DigestReport report;
    report.files.push_back(mask_target(target));
    for (const auto& r : *rows) {
        if (!r[0] || !r[1] || !r[2]) continue;
        std::string normalized = normalize_query(*r[0]);
        QueryStats& q = report.queries[fingerprint_id(normalized)];
        if (q.calls == 0) {
            q.query = normalized;
            q.example = *r[0];
        }
        std::uint64_t calls = std::stoull(*r[1]);
        double total = std::stod(*r[2]);
        q.calls += calls;
        q.total_ms += total;
        if (r[3]) q.rows_sent += std::stoull(*r[3]);
        report.statements += calls;
        report.total_ms += total;
    }
    return report;
}

}  // namespace dbsage
