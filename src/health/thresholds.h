// The limits dbsage health judges by. Defaults are the peers' defaults
// (pgHero, check_postgres, MySQLTuner) where they have one; every limit can
// be set in the [health] table of .dbsage.toml under its key.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "dbsage/status.h"

namespace dbsage {

struct HealthThresholds {
    double long_running_seconds = 60;             // pgHero long_running_query_sec
    double long_running_critical_seconds = 300;   // check_postgres query_time (5 min used as critical)
    double idle_in_transaction_seconds = 60;      // pgHero (shown with the long-running queries)
    double idle_in_transaction_critical_seconds = 600;
    double blocked_critical_seconds = 120;        // check_postgres lockwait critical (2 min)
    double connections_warning_percent = 90;      // check_postgres backends
    double connections_critical_percent = 95;
    double total_connections = 500;               // pgHero total_connections_threshold
    double xid_age_warning = 1.3e9;               // check_postgres txn_wraparound
    double xid_age_critical = 1.4e9;
    double xid_remaining = 10e6;                  // pgHero transaction_id_danger
    double freeze_warning_percent = 90;           // check_postgres autovac_freeze
    double freeze_critical_percent = 95;
    double sequence_warning_percent = 85;         // check_postgres sequence (pgHero: 90)
    double sequence_critical_percent = 95;
    double unused_index_bytes = 10485760;         // pgHero unused_index_megabytes (10)
    double index_bloat_bytes = 104857600;         // pgHero index_bloat_bytes (100 MB)
    double table_bloat_warning_bytes = 1073741824;   // check_postgres bloat (1 GB)
    double table_bloat_critical_bytes = 5368709120;  // check_postgres bloat (5 GB)
    double table_bloat_percent = 50;              // and at least this share of the table
    double missing_index_rows = 10000;            // pgHero missing_indexes: tables of 10,000+ rows
    double missing_index_percent = 95;            // … whose index use is under 95%
    double slow_query_ms = 20;                    // pgHero slow_query_ms
    double slow_query_calls = 100;                // pgHero slow_query_calls
    double cache_hit_warning_percent = 99;        // pgHero cache_hit_rate_threshold
    double cache_hit_critical_percent = 95;       // postgres-mcp's buffer health threshold
    double cache_min_blocks = 10000;              // fewer block reads than this (80 MB): too early to judge
    double dead_tuples_percent = 20;              // dead tuples over live + dead
    double dead_tuples_min = 1000;
    double vacuum_overdue_seconds = 86400;        // check_postgres last_vacuum/last_analyze (1 day)
    double vacuum_overdue_critical_seconds = 172800;  // (2 days)
    double temp_bytes = 104857600;                // temp files written since the stats reset
    double checkpoints_requested_percent = 50;    // requested over all checkpoints
    double replication_lag_seconds = 60;
    double replication_lag_bytes = 67108864;      // WAL a standby has not replayed (64 MB)
    double slot_retained_bytes = 1073741824;
    double archive_ready_warning = 10;            // check_postgres archive_ready
    double archive_ready_critical = 15;
    double prepared_warning_seconds = 1;          // check_postgres prepared_txns
    double prepared_critical_seconds = 30;
    double sqlite_free_percent = 25;              // free pages over all pages: VACUUM
    double sqlite_wal_bytes = 67108864;           // a WAL past 64 MB is not being checkpointed
    double mysql_tmp_disk_percent = 25;           // MySQLTuner: temporary tables on disk
    double mysql_buffer_pool_hit_percent = 95;    // reads served from the buffer pool
};

// One limit as the config and the docs name it.
struct ThresholdInfo {
    const char* key;
    double HealthThresholds::*field;
    const char* source;  // where the default comes from
};
const std::vector<ThresholdInfo>& threshold_table();

// Sets limits from a [health] table's key = value pairs. An unknown key or
// a value that is not a number fails with the key and the config's line.
Status apply_thresholds(const std::map<std::string, std::string>& values, const std::map<std::string, int>& lines,
                        const std::string& config_path, HealthThresholds& limits);
// The same from the [health] table of the config file at config_path (the
// one load_config found; empty: nothing changes).
Status load_thresholds(const std::string& config_path, HealthThresholds& limits);

}  // namespace dbsage
