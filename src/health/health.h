// dbsage health: the live checks of a database (PostgreSQL, SQLite,
// MySQL/MariaDB), the history store they can append to, and the trends read
// back from it. The library entry points are check_health() and watch();
// the CLI and reports call nothing else of this module.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "dbsage/status.h"
#include "health/thresholds.h"

namespace dbsage {

enum class HealthLevel { info, ok, warning, critical };
const char* level_name(HealthLevel level);

// One thing found. Every finding names its object and carries its evidence;
// sql is what a person would run to act on it (dbsage never runs it).
struct HealthFinding {
    std::string check;   // "idle-in-transaction", "sequence-overflow", …
    std::string area;    // "activity", "vacuum", … (k_health_areas)
    HealthLevel level = HealthLevel::warning;
    std::string object;  // "public.orders", "pid 4711", "database shop"
    std::string what;    // the evidence, in one line, with its numbers
    std::string why;     // why it matters, and what to do
    std::string sql;     // ready to run; empty when the act is not SQL
};

// A number for monitoring (Nagios performance data, JSON).
struct HealthMetric {
    std::string name;  // "connections", "xid_age", …
    double value = 0;
    std::string unit;  // "", "%", "s", "B"
    double warn = 0, crit = 0;  // 0: none
};

// The overview line of one area, as pgHero's front page shows it.
struct HealthArea {
    std::string name;
    HealthLevel level = HealthLevel::ok;
    bool checked = false;  // false: nothing could be read (see notes)
};

struct HealthReport {
    std::string engine;   // "PostgreSQL 15.8", "SQLite 3.40.1", "MariaDB 10.11.6"
    std::string target;   // masked
    std::vector<HealthArea> areas;
    std::vector<HealthFinding> findings;
    std::vector<HealthMetric> metrics;
    std::vector<std::string> notes;  // checks that could not run, and why
    int snapshots = 0;               // history snapshots the trends were read from
    std::string recorded_to;         // history file a snapshot was appended to

    HealthLevel worst() const;
    // 0 OK, 1 warning, 3 critical: the exit codes monitoring expects.
    int exit_code() const;
};

// The areas, in the overview's order.
const std::vector<std::string>& health_areas();

struct HealthOptions {
    std::string target;       // postgres:// or key=value, sqlite file, mysql:// URL
    std::string config_path;  // .dbsage.toml; empty: search upward
    HealthThresholds limits;  // defaults, overridden by the [health] table of the config
    std::map<std::string, std::string> overrides;  // key = value over both (--limit)
    bool exact = false;       // table bloat from pgstattuple, where installed
    bool deep = false;        // SQLite: integrity_check instead of quick_check
    bool record = false;      // append a snapshot to the history
    bool trends = false;      // read the history back even when it would not be
    std::string history;      // history file; empty: default_history_path()
    std::int64_t now = 0;     // unix seconds of this run; 0: the clock (tests set it)
};

// Runs every check against options.target through a read-only session
// whose statements are under a statement timeout. A check that needs an
// extension or privilege the session lacks adds a note and the rest go on.
// Fails only when the target cannot be reached or read at all.
Result<HealthReport> check_health(HealthOptions options);

// $XDG_DATA_HOME/dbsage/history.sqlite, else ~/.local/share/dbsage/history.sqlite.
std::string default_history_path();

// A top-like view of a live PostgreSQL or MySQL/MariaDB: sessions by state,
// waits and locks, the slowest running statements. Refreshes every
// interval_seconds until count views were shown (0: until interrupted);
// clears the screen between views when clear is set. Read-only.
Status watch(const std::string& target, double interval_seconds, int count, bool clear, std::ostream& out);

}  // namespace dbsage
