// Performance: slow statements (pg_stat_statements), cache hit ratios,
// temporary files and checkpoints forced by WAL volume.
#include <fmt/format.h>

#include "health/pg_health.h"
#include "util/strings.h"

namespace dbsage {
namespace {

void slow_queries(PgHealthContext& ctx) {
    auto schema = ctx.extension_schema("pg_stat_statements");
    if (!schema) {
        ctx.report.notes.push_back(
            "slow queries not checked: pg_stat_statements is not installed in this database (add it to "
            "shared_preload_libraries, restart, then CREATE EXTENSION pg_stat_statements)");
        return;
    }
    const auto& l = ctx.limits();
    auto rows = ctx.rows("slow queries",
                         fmt::format("SELECT queryid, calls, total_exec_time, mean_exec_time, rows, query "
                                     "FROM {}.pg_stat_statements "
                                     "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                                     "  AND calls >= {} AND mean_exec_time >= {} ORDER BY total_exec_time DESC LIMIT 10",
                                     *schema, l.slow_query_calls, l.slow_query_ms));
    if (!rows) return;
    ctx.checked("queries");
    for (const auto& r : *rows) {
        ctx.add({"slow-query", "queries", HealthLevel::warning, "queryid " + field_text(r, 0),
                 fmt::format("{:.0f} calls, mean {:.1f} ms, total {}, {:.0f} rows: {}", field_number(r, 1), field_number(r, 3),
                             human_seconds(field_number(r, 2) / 1000.0), field_number(r, 4), shorten(field_text(r, 5), 160)),
                 "On average it takes longer than the slow-query limit and it runs often. Read its plan "
                 "(dbsage explain) and ask the index advisor (dbsage advise indexes --workload).",
                 ""});
    }
}

void cache_hit(PgHealthContext& ctx) {
    auto rows = ctx.rows("cache hit ratios",
                         "SELECT (SELECT coalesce(sum(heap_blks_hit), 0) FROM pg_statio_user_tables), "
                         "       (SELECT coalesce(sum(heap_blks_read), 0) FROM pg_statio_user_tables), "
                         "       (SELECT coalesce(sum(idx_blks_hit), 0) FROM pg_statio_user_indexes), "
                         "       (SELECT coalesce(sum(idx_blks_read), 0) FROM pg_statio_user_indexes)");
    if (!rows || rows->empty()) return;
    ctx.checked("cache");
    const auto& r = (*rows)[0];
    const auto& l = ctx.limits();
    std::string shared_buffers = ctx.setting("shared_buffers");
    for (int kind : {0, 2}) {
        double hit = field_number(r, kind), read = field_number(r, kind + 1);
        if (hit + read < l.cache_min_blocks) continue;
        double ratio = 100.0 * hit / (hit + read);
        const char* what = kind == 0 ? "table" : "index";
        ctx.metric({std::string(what) + "_hit_ratio", ratio, "%", 0, 0});
        HealthLevel level = ratio < l.cache_hit_critical_percent ? HealthLevel::critical
                          : ratio < l.cache_hit_warning_percent  ? HealthLevel::warning
                                                                 : HealthLevel::ok;
        if (level == HealthLevel::ok) continue;
        ctx.add({std::string(what) + "-cache-hit", "cache", level, "database",
                 fmt::format("{} hit ratio {:.2f}%: {:.0f} blocks from shared buffers, {:.0f} read from the OS or disk "
                             "(shared_buffers {} blocks of 8 kB)",
                             what, ratio, hit, read, shared_buffers),
                 "Reads that miss shared buffers go to the OS cache or the disk. Either the working set outgrew "
                 "shared_buffers (dbsage tune) or large scans push it out (missing indexes).",
                 ""});
    }
}

void temp_files(PgHealthContext& ctx) {
    auto rows = ctx.rows("temporary files",
                         "SELECT temp_files, temp_bytes, coalesce(stats_reset::text, ''), current_setting('work_mem') "
                         "FROM pg_stat_database WHERE datname = current_database()");
    if (!rows || rows->empty()) return;
    ctx.checked("wal");
    const auto& r = (*rows)[0];
    ctx.metric({"temp_bytes", field_number(r, 1), "B", ctx.limits().temp_bytes, 0});
    if (field_number(r, 1) < ctx.limits().temp_bytes || field_number(r, 0) == 0) return;
    ctx.add({"temp-files", "wal", HealthLevel::warning, "database",
             fmt::format("{:.0f} temporary files, {} written {} (work_mem {})", field_number(r, 0),
                         bytes_text(field_number(r, 1)),
                         field_text(r, 2).empty() ? "since the statistics began" : "since " + field_text(r, 2), field_text(r, 3)),
             "Sorts and hashes that do not fit in work_mem spill to disk. Log them to find the statements, then "
             "raise work_mem for those (per role or per query) rather than for everyone.",
             "ALTER SYSTEM SET log_temp_files = 0;\nSELECT pg_reload_conf();"});
}

void checkpoints(PgHealthContext& ctx) {
    std::string sql = ctx.version >= 170000
                          ? "SELECT num_timed, num_requested FROM pg_stat_checkpointer"
                          : "SELECT checkpoints_timed, checkpoints_req FROM pg_stat_bgwriter";
    auto rows = ctx.rows("checkpoints", sql);
    if (!rows || rows->empty()) return;
    double timed = field_number((*rows)[0], 0), requested = field_number((*rows)[0], 1);
    if (timed + requested < 10) return;
    double percent = 100.0 * requested / (timed + requested);
    ctx.metric({"checkpoints_requested_percent", percent, "%", ctx.limits().checkpoints_requested_percent, 0});
    if (percent < ctx.limits().checkpoints_requested_percent) return;
    ctx.add({"checkpoints-requested", "wal", HealthLevel::warning, "max_wal_size",
             fmt::format("{:.0f} of {:.0f} checkpoints ({:.0f}%) were requested by WAL volume, not by "
                         "checkpoint_timeout (max_wal_size {})",
                         requested, timed + requested, percent, ctx.setting("max_wal_size")),
             "Checkpoints forced by WAL volume come more often than planned, and each one makes the next "
             "write of every page a full-page image. Raise max_wal_size (dbsage tune).",
             ""});
}

}  // namespace

void check_pg_performance(PgHealthContext& ctx) {
    slow_queries(ctx);
    cache_hit(ctx);
    temp_files(ctx);
    checkpoints(ctx);
}

}  // namespace dbsage
