// What dbsage health --record keeps of a PostgreSQL database: the numbers
// trends are drawn from (sizes, rows, dead tuples, index scans, sequences,
// xid ages, statement totals, free disk) and the settings.
#include "health/pg_health.h"
#include "util/strings.h"

namespace dbsage {

void collect_pg_snapshot(PgHealthContext& ctx, Snapshot& snapshot) {
    auto add = [&](const std::string& kind, const std::string& object, double value, std::string text = {}) {
        snapshot.values.push_back({kind, object, value, std::move(text)});
    };
    if (auto rows = ctx.rows("snapshot of tables",
                             "SELECT schemaname || '.' || relname, pg_total_relation_size(relid), n_live_tup, n_dead_tup "
                             "FROM pg_stat_user_tables"))
        for (const auto& r : *rows) {
            add("table_bytes", field_text(r, 0), field_number(r, 1));
            add("table_rows", field_text(r, 0), field_number(r, 2));
            add("dead_tuples", field_text(r, 0), field_number(r, 3));
        }
    // Indexes that enforce a constraint are never unused: their scans are
    // not kept.
    if (auto rows = ctx.rows("snapshot of indexes",
                             "SELECT s.schemaname || '.' || s.indexrelname, pg_relation_size(s.indexrelid), s.idx_scan, "
                             "  s.schemaname || '.' || s.relname, i.indisunique OR i.indisprimary "
                             "  OR s.indexrelid IN (SELECT conindid FROM pg_constraint WHERE conindid <> 0) "
                             "FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid"))
        for (const auto& r : *rows) {
            add("index_bytes", field_text(r, 0), field_number(r, 1), field_text(r, 3));
            if (field_text(r, 4) != "t") add("index_scans", field_text(r, 0), field_number(r, 2), field_text(r, 3));
        }
    if (auto rows = ctx.rows("snapshot of sequences",
                             "SELECT schemaname || '.' || sequencename, last_value, max_value FROM pg_sequences "
                             "WHERE last_value IS NOT NULL AND increment_by > 0"))
        for (const auto& r : *rows) {
            add("seq_last", field_text(r, 0), field_number(r, 1));
            add("seq_limit", field_text(r, 0), field_number(r, 2));
        }
    for (const auto& m : ctx.report.metrics)
        if (m.name == "disk_free" || m.name == "database_size") add(m.name, "", m.value);
    if (auto rows = ctx.rows("snapshot of transaction ages",
                             "SELECT datname, age(datfrozenxid), mxid_age(datminmxid) FROM pg_database WHERE datallowconn"))
        for (const auto& r : *rows) {
            add("xid_age", field_text(r, 0), field_number(r, 1));
            add("mxid_age", field_text(r, 0), field_number(r, 2));
        }
    if (auto rows = ctx.rows("snapshot of settings",
                             "SELECT name, setting FROM pg_settings WHERE source NOT IN ('default', 'override')"))
        for (const auto& r : *rows) add("setting", field_text(r, 0), 0, field_text(r, 1));
    auto schema = ctx.extension_schema("pg_stat_statements");
    if (!schema) return;
    if (auto rows = ctx.rows("snapshot of statements",
                             "SELECT queryid, calls, total_exec_time, left(query, 300) FROM " +
                                 *schema + ".pg_stat_statements "
                                 "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                                 "ORDER BY total_exec_time DESC LIMIT 500"))
        for (const auto& r : *rows) {
            add("stmt_calls", field_text(r, 0), field_number(r, 1), field_text(r, 3));
            add("stmt_ms", field_text(r, 0), field_number(r, 2));
        }
}

}  // namespace dbsage
