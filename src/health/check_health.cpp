// The entry point of dbsage health: reach the target, run its engine's
// checks, rate each area, then record and read back the history.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "config/config.h"
#include "connectors/target.h"
#include "health/check_support.h"
#include "health/engine_health.h"
#include "health/pg_health.h"
#include "health/trends.h"
#include "util/strings.h"

namespace dbsage {

const char* level_name(HealthLevel level) {
    switch (level) {
        case HealthLevel::info: return "info";
        case HealthLevel::ok: return "ok";
        case HealthLevel::warning: return "warning";
        case HealthLevel::critical: return "critical";
    }
    return "?";
}

HealthLevel HealthReport::worst() const {
    HealthLevel worst = HealthLevel::ok;
    for (const auto& f : findings) worst = std::max(worst, f.level);
    return worst;
}

int HealthReport::exit_code() const {
    switch (worst()) {
        case HealthLevel::warning: return 1;
        case HealthLevel::critical: return 3;
        default: return 0;
    }
}

const std::vector<std::string>& health_areas() {
    static const std::vector<std::string> k_areas = {"connections", "activity", "vacuum", "sequences", "indexes",
                                                     "schema", "queries", "cache", "space", "replication", "wal",
                                                     "settings", "integrity", "trends"};
    return k_areas;
}

std::string human_seconds(double seconds) {
    if (seconds < 120) return fmt::format("{:.0f} s", seconds);
    if (seconds < 7200) return fmt::format("{:.0f} min", seconds / 60);
    if (seconds < 172800) return fmt::format("{:.1f} h", seconds / 3600);
    return fmt::format("{:.1f} days", seconds / 86400);
}

HealthLevel level_for(double value, double warn, double crit) {
    if (crit > 0 && value >= crit) return HealthLevel::critical;
    if (value >= warn) return HealthLevel::warning;
    return HealthLevel::ok;
}

void mark_checked(HealthReport& report, const std::string& area) {
    for (auto& a : report.areas)
        if (a.name == area) return;
    report.areas.push_back({area, HealthLevel::ok, true});
}

std::string bytes_text(double bytes) { return human_bytes(static_cast<unsigned long long>(std::max(bytes, 0.0))); }

std::string shorten(const std::string& sql, size_t width) {
    std::string line = one_line(sql);
    return line.size() > width ? line.substr(0, width - 3) + "..." : line;
}


std::optional<std::string> PgHealthContext::extension_schema(const std::string& name) {
    auto ext = rows(name, "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = " + quote_literal(name));
    if (!ext || ext->empty()) return std::nullopt;
    return quote_ident(field_text((*ext)[0], 0));
}


std::optional<std::vector<PgRow>> PgHealthContext::rows(const std::string& what, const std::string& sql) {
    auto result = conn.query(sql);
    if (result) return std::move(*result);
    report.notes.push_back(what + " not checked: " + result.status().message());
    return std::nullopt;
}

std::string PgHealthContext::setting(const std::string& name) {
    auto it = settings.find(name);
    return it == settings.end() ? std::string() : it->second;
}

namespace {

Status check_postgres(const HealthOptions& options, HealthReport& report, Snapshot& snapshot) {
    auto conn = PgConnection::open_read_only(options.target);
    if (!conn) return conn.status();
    PgHealthContext ctx{**conn, options, report, (*conn)->server_version(), {}};
    if (auto rows = (*conn)->query("SELECT name, setting FROM pg_settings"))
        for (const auto& r : *rows) ctx.settings[field_text(r, 0)] = field_text(r, 1);
    report.engine = "PostgreSQL " + ctx.setting("server_version");
    auto monitor = (*conn)->query("SELECT rolsuper OR pg_has_role(current_user, 'pg_read_all_stats', 'member'), current_user "
                                  "FROM pg_roles WHERE rolname = current_user");
    if (monitor && !monitor->empty() && field_text((*monitor)[0], 0) == "f")
        report.notes.push_back("other roles' sessions show no query text and some statistics are hidden: "
                               "GRANT pg_monitor TO " + quote_ident(field_text((*monitor)[0], 1)) + ";");
    check_pg_activity(ctx);
    check_pg_vacuum(ctx);
    check_pg_objects(ctx);
    check_pg_performance(ctx);
    check_pg_space(ctx);
    check_pg_server(ctx);
    if (snapshot.wanted) collect_pg_snapshot(ctx, snapshot);
    return Status::ok();
}

// Areas in the overview's order, each as bad as its worst finding.
void rate_areas(HealthReport& report) {
    std::vector<HealthArea> areas;
    for (const auto& name : health_areas()) {
        HealthArea area{name, HealthLevel::ok, false};
        for (const auto& a : report.areas)
            if (a.name == name) area.checked = true;
        bool any = false;
        for (const auto& f : report.findings)
            if (f.area == name) {
                any = true;
                area.level = std::max(area.level, f.level == HealthLevel::info ? HealthLevel::ok : f.level);
            }
        if (any) area.checked = true;
        if (area.checked) areas.push_back(area);
    }
    report.areas = std::move(areas);
}

}  // namespace

std::string default_history_path() {
    const char* data = std::getenv("XDG_DATA_HOME");
    if (data && *data) return std::string(data) + "/dbsage/history.sqlite";
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.local/share/dbsage/history.sqlite";
}

Result<HealthReport> check_health(HealthOptions options) {
    auto config = load_config(options.config_path);
    if (!config) return config.status();
    if (auto s = load_thresholds(config->path, options.limits); !s.is_ok()) return s;
    if (auto s = apply_thresholds(options.overrides, {}, "--limit", options.limits); !s.is_ok()) return s;
    HealthReport report;
    report.target = mask_target(options.target);
    Snapshot current;
    current.taken_at = options.now != 0 ? options.now : static_cast<std::int64_t>(std::time(nullptr));
    std::string path = options.history.empty() ? default_history_path() : options.history;
    std::error_code ec;
    current.wanted = options.record || options.trends || std::filesystem::exists(path, ec);
    Status status;
    switch (classify_target(options.target)) {
        case TargetKind::postgres: status = check_postgres(options, report, current); break;
        case TargetKind::sqlite: status = check_sqlite_health(options, report, current); break;
        case TargetKind::mysql: status = check_mysql_health(options, report, current); break;
        case TargetKind::sql_path:
            return Status::error(report.target + ": not a database: health needs a live PostgreSQL (postgres://… or "
                                                 "key=value), an SQLite file or a MySQL/MariaDB (mysql://…)");
    }
    if (!status.is_ok()) return status;
    if (options.record) {
        if (auto s = append_snapshot(path, report.target, current); !s.is_ok()) return s;
        report.recorded_to = path;
    }
    auto past = read_snapshots(path, report.target);
    if (!past) {
        report.notes.push_back("trends not read: " + past.status().message());
    } else if (options.trends || !past->empty()) {
        if (!options.record) past->push_back(std::move(current));
        add_trends(*past, report);
    }
    rate_areas(report);
    return report;
}

}  // namespace dbsage
