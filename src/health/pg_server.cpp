// The server: replication and its slots, WAL archiving, and settings that
// trade the data's safety away.
#include <fmt/format.h>

#include "health/pg_health.h"
#include "util/strings.h"

namespace dbsage {
namespace {

void replication(PgHealthContext& ctx) {
    const auto& l = ctx.limits();
    auto standby = ctx.rows("recovery state",
                            "SELECT pg_is_in_recovery(), extract(epoch FROM now() - pg_last_xact_replay_timestamp())");
    if (!standby || standby->empty()) return;
    ctx.checked("replication");
    if (field_text((*standby)[0], 0) == "t") {
        double lag = field_number((*standby)[0], 1);
        ctx.metric({"replication_lag", lag, "s", l.replication_lag_seconds, 0});
        if (lag >= l.replication_lag_seconds)
            ctx.add({"replication-lag", "replication", HealthLevel::warning, "this standby",
                     fmt::format("last transaction replayed {} ago", human_seconds(lag)),
                     "Reads here are that far behind the primary (on an idle primary this grows by itself).", ""});
        return;
    }
    auto rows = ctx.rows("replication", "SELECT coalesce(application_name, ''), coalesce(client_addr::text, 'local'), state, "
                                        "  extract(epoch FROM replay_lag), "
                                        "  pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) FROM pg_stat_replication");
    if (rows)
        for (const auto& r : *rows) {
            // replay_lag is only measured once a position is replayed, so a
            // standby that stopped replaying shows in the bytes behind.
            if (field_number(r, 3) < l.replication_lag_seconds && field_number(r, 4) < l.replication_lag_bytes) continue;
            ctx.add({"replication-lag", "replication", HealthLevel::warning, "standby " + field_text(r, 0) + " at " + field_text(r, 1),
                     fmt::format("{} of WAL not replayed, replay_lag {}, state {}", bytes_text(field_number(r, 4)),
                                 r[3] ? human_seconds(field_number(r, 3)) : "not measured", field_text(r, 2)),
                     "A standby this far behind serves old data and would lose that much on failover.", ""});
        }
    auto slots = ctx.rows("replication slots",
                          "SELECT slot_name, slot_type, active, coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0) "
                          "FROM pg_replication_slots");
    if (!slots) return;
    for (const auto& r : *slots) {
        bool active = field_text(r, 2) == "t";
        double retained = field_number(r, 3);
        if (active && retained < l.slot_retained_bytes) continue;
        ctx.add({"replication-slot", "replication", retained >= l.slot_retained_bytes ? HealthLevel::critical : HealthLevel::warning,
                 "slot " + field_text(r, 0),
                 fmt::format("{} {} slot retains {} of WAL", active ? "active" : "inactive", field_text(r, 1),
                             bytes_text(retained)),
                 "A slot keeps every WAL segment its consumer has not confirmed, and (logical slots) the catalog "
                 "xmin: the disk fills and vacuum stalls. Drop it if its consumer is gone; cap it with "
                 "max_slot_wal_keep_size.",
                 "SELECT pg_drop_replication_slot(" + quote_literal(field_text(r, 0)) + ");"});
    }
}

void archiving(PgHealthContext& ctx) {
    if (ctx.setting("archive_mode") == "off") return;
    const auto& l = ctx.limits();
    auto rows = ctx.rows("WAL archiver",
                         "SELECT failed_count, coalesce(last_failed_wal, ''), coalesce(last_failed_time::text, ''), "
                         "  coalesce(last_archived_time::text, ''), coalesce(last_failed_time > last_archived_time "
                         "    OR (last_archived_time IS NULL AND failed_count > 0), false) FROM pg_stat_archiver");
    if (!rows || rows->empty()) return;
    ctx.checked("wal");
    const auto& r = (*rows)[0];
    if (field_text(r, 4) == "t")
        ctx.add({"archive-failing", "wal", HealthLevel::critical, "archive_command",
                 fmt::format("{:.0f} failures; the last, of {} at {}, came after the last success ({})", field_number(r, 0), field_text(r, 1),
                             field_text(r, 2), field_text(r, 3).empty() ? "never" : field_text(r, 3)),
                 "WAL that cannot be archived stays in pg_wal until it fills the disk, and backups cannot be "
                 "restored past it. The server log has archive_command's error.",
                 ""});
    auto ready = ctx.rows("WAL waiting to be archived",
                          "SELECT count(*) FROM pg_ls_archive_statusdir() WHERE name LIKE '%.ready'");
    if (!ready || ready->empty()) return;
    double n = field_number((*ready)[0], 0);
    ctx.metric({"archive_ready", n, "", l.archive_ready_warning, l.archive_ready_critical});
    HealthLevel level = level_for(n, l.archive_ready_warning, l.archive_ready_critical);
    if (level >= HealthLevel::warning)
        ctx.add({"archive-ready", "wal", level, "pg_wal/archive_status", fmt::format("{:.0f} WAL files wait to be archived", n),
                 "The archiver is falling behind (or failing): pg_wal grows with it.", ""});
}

void dangerous_settings(PgHealthContext& ctx) {
    auto rows = ctx.rows("settings", "SELECT name, setting, coalesce(sourcefile, ''), coalesce(sourceline::text, '') "
                                     "FROM pg_settings WHERE name IN ('fsync', 'full_page_writes', 'zero_damaged_pages', "
                                     "'ignore_checksum_failure')");
    if (!rows) return;
    ctx.checked("settings");
    for (const auto& r : *rows) {
        std::string name = field_text(r, 0), value = field_text(r, 1);
        bool bad = (name == "fsync" || name == "full_page_writes") ? value == "off" : value == "on";
        if (!bad) continue;
        std::string where = field_text(r, 2).empty() ? "" : " (set in " + field_text(r, 2) + ":" + field_text(r, 3) + ")";
        ctx.add({"dangerous-setting", "settings", HealthLevel::critical, name, name + " = " + value + where,
                 name == "fsync" ? "A crash of the OS or the machine can corrupt the whole cluster, not just lose recent commits."
                 : name == "full_page_writes" ? "A crash during a page write can leave torn pages that recovery cannot repair."
                                              : "Damaged pages are silently skipped or zeroed: data is lost without an error.",
                 "ALTER SYSTEM SET " + name + " = " + (value == "off" ? "on" : "off") + ";\nSELECT pg_reload_conf();"});
    }
}

}  // namespace

void check_pg_server(PgHealthContext& ctx) {
    replication(ctx);
    archiving(ctx);
    dangerous_settings(ctx);
}

}  // namespace dbsage
