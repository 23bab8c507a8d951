#include "health/thresholds.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

namespace dbsage {

const std::vector<ThresholdInfo>& threshold_table() {
    using T = HealthThresholds;
    static const std::vector<ThresholdInfo> k_table = {
        {"long_running_seconds", &T::long_running_seconds, "pgHero long_running_query_sec"},
        {"long_running_critical_seconds", &T::long_running_critical_seconds, "dbsage"},
        {"idle_in_transaction_seconds", &T::idle_in_transaction_seconds, "pgHero long_running_query_sec"},
        {"idle_in_transaction_critical_seconds", &T::idle_in_transaction_critical_seconds, "dbsage"},
        {"blocked_critical_seconds", &T::blocked_critical_seconds, "check_postgres lockwait"},
        {"connections_warning_percent", &T::connections_warning_percent, "check_postgres backends"},
        {"connections_critical_percent", &T::connections_critical_percent, "check_postgres backends"},
        {"total_connections", &T::total_connections, "pgHero total_connections_threshold"},
        {"xid_age_warning", &T::xid_age_warning, "check_postgres txn_wraparound"},
        {"xid_age_critical", &T::xid_age_critical, "check_postgres txn_wraparound"},
        {"xid_remaining", &T::xid_remaining, "pgHero transaction_id_danger"},
        {"freeze_warning_percent", &T::freeze_warning_percent, "check_postgres autovac_freeze"},
        {"freeze_critical_percent", &T::freeze_critical_percent, "check_postgres autovac_freeze"},
        {"sequence_warning_percent", &T::sequence_warning_percent, "check_postgres sequence"},
        {"sequence_critical_percent", &T::sequence_critical_percent, "check_postgres sequence"},
        {"unused_index_bytes", &T::unused_index_bytes, "pgHero unused_index_megabytes"},
        {"index_bloat_bytes", &T::index_bloat_bytes, "pgHero index_bloat_bytes"},
        {"table_bloat_warning_bytes", &T::table_bloat_warning_bytes, "check_postgres bloat"},
        {"table_bloat_critical_bytes", &T::table_bloat_critical_bytes, "check_postgres bloat"},
        {"table_bloat_percent", &T::table_bloat_percent, "dbsage"},
        {"missing_index_rows", &T::missing_index_rows, "pgHero missing_indexes"},
        {"missing_index_percent", &T::missing_index_percent, "pgHero missing_indexes"},
        {"slow_query_ms", &T::slow_query_ms, "pgHero slow_query_ms"},
        {"slow_query_calls", &T::slow_query_calls, "pgHero slow_query_calls"},
        {"cache_hit_warning_percent", &T::cache_hit_warning_percent, "pgHero cache_hit_rate_threshold"},
        {"cache_hit_critical_percent", &T::cache_hit_critical_percent, "postgres-mcp buffer health"},
        {"cache_min_blocks", &T::cache_min_blocks, "dbsage"},
        {"dead_tuples_percent", &T::dead_tuples_percent, "dbsage"},
        {"dead_tuples_min", &T::dead_tuples_min, "dbsage"},
        {"vacuum_overdue_seconds", &T::vacuum_overdue_seconds, "check_postgres last_vacuum"},
        {"vacuum_overdue_critical_seconds", &T::vacuum_overdue_critical_seconds, "check_postgres last_vacuum"},
        {"temp_bytes", &T::temp_bytes, "dbsage"},
        {"checkpoints_requested_percent", &T::checkpoints_requested_percent, "dbsage"},
        {"replication_lag_seconds", &T::replication_lag_seconds, "dbsage"},
        {"replication_lag_bytes", &T::replication_lag_bytes, "dbsage"},
        {"slot_retained_bytes", &T::slot_retained_bytes, "dbsage"},
        {"archive_ready_warning", &T::archive_ready_warning, "check_postgres archive_ready"},
        {"archive_ready_critical", &T::archive_ready_critical, "check_postgres archive_ready"},
        {"prepared_warning_seconds", &T::prepared_warning_seconds, "check_postgres prepared_txns"},
        {"prepared_critical_seconds", &T::prepared_critical_seconds, "check_postgres prepared_txns"},
        {"sqlite_free_percent", &T::sqlite_free_percent, "dbsage"},
        {"sqlite_wal_bytes", &T::sqlite_wal_bytes, "dbsage"},
        {"mysql_tmp_disk_percent", &T::mysql_tmp_disk_percent, "MySQLTuner"},
        {"mysql_buffer_pool_hit_percent", &T::mysql_buffer_pool_hit_percent, "MySQLTuner"},
    };
    return k_table;
}

Status apply_thresholds(const std::map<std::string, std::string>& values, const std::map<std::string, int>& lines,
                        const std::string& config_path, HealthThresholds& limits) {
    for (const auto& [key, text] : values) {
        auto where = [&, key = key] {
            auto line = lines.find(key);
            return line == lines.end() ? config_path + ": " : config_path + ":" + std::to_string(line->second) + ": ";
        };
        const ThresholdInfo* info = nullptr;
        for (const auto& t : threshold_table())
            if (key == t.key) info = &t;
        if (!info) return Status::error(where() + "unknown [health] setting " + key + " (the list is in docs/health.md)");
        char* end = nullptr;
        double value = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0' || value < 0)
            return Status::error(where() + "[health] " + key + " must be a number, not " + text);
        limits.*(info->field) = value;
    }
    return Status::ok();
}

Status load_thresholds(const std::string& config_path, HealthThresholds& limits) {
    if (config_path.empty()) return Status::ok();
    std::ifstream in(config_path);
    if (!in) return Status::ok();  // load_config already judged the file
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = toml::parse(text.str(), config_path);
    if (!parsed) return Status::ok();
    const toml::table* health = parsed.table()["health"].as_table();
    if (!health) return Status::ok();
    std::map<std::string, std::string> values;
    std::map<std::string, int> lines;
    for (const auto& [key, node] : *health) {
        std::string name(key.str());
        lines[name] = static_cast<int>(node.source().begin.line);
        if (auto v = node.value<double>()) values[name] = std::to_string(*v);
        else if (auto s = node.value<std::string>()) values[name] = *s;
        else values[name] = "";
    }
    return apply_thresholds(values, lines, config_path, limits);
}

}  // namespace dbsage
