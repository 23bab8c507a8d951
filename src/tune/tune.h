// dbsage tune: configuration advice from the machine, the workload and the
// live server's own evidence, for PostgreSQL (PGTune's current formulas),
// SQLite (PRAGMAs) and MySQL/MariaDB (MySQLTuner's checks). tune() is the
// module's entry point; pgtune() is its pure formula, exposed for tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dbsage/status.h"

namespace dbsage {

enum class Storage { ssd, hdd, san, nvme };
enum class Workload { web, oltp, dw, mixed, desktop };
// How the data compares with RAM (PGTune's "database size" input).
enum class DataFit { less_than_ram, about_ram, more_than_ram };

struct Machine {
    std::uint64_t ram_bytes = 0;
    int cpus = 0;               // 0: unknown (no parallel settings)
    Storage storage = Storage::ssd;
    Workload workload = Workload::web;
    int max_connections = 0;    // 0: the workload's default
    int pg_version = 17;        // major
    DataFit data = DataFit::about_ram;
};

// One recommended setting. number is in the setting's base unit (kB for
// memory, plain for the rest) so it compares with pg_settings; value is how
// postgresql.conf writes it ("4GB", "1.1", "lz4").
struct TunedSetting {
    std::string name;
    std::string value;
    double number = 0;
    bool is_number = true;
    std::string why;
};

// PGTune's formulas (its 2025–2026 version: the work_mem correction that
// counts parallel workers among the connections and floors at 4 MB, data fit
// against RAM, jit off for web/oltp/mixed, wal_compression lz4 from 15,
// parallel settings only from 4 CPUs) for machine.
std::vector<TunedSetting> pgtune(const Machine& machine);

// "4GB", "20971kB": a kB count as postgresql.conf writes it.
std::string conf_kb(double kb);

struct TuneOptions {
    std::string target;          // empty: formulas only, no server
    std::uint64_t ram_bytes = 0;  // 0: this machine's, when the server is local
    int cpus = 0;
    std::string storage = "ssd";
    std::string workload = "web";
    int max_connections = 0;
};

struct TuneItem {
    std::string name;
    std::string live;         // "" when there is no server
    std::string recommended;
    std::string why;          // the formula and the evidence that moved it
    bool restart = false;     // pg_settings.context is postmaster
};

struct TuneReport {
    std::string engine, target;
    std::string machine;                // "16 GB RAM (/proc/meminfo), 8 CPUs, ssd, web"
    std::vector<TuneItem> items;        // only settings more than 5% off
    int settings_checked = 0;
    std::vector<std::string> warnings;  // the memory budget, and the like
    std::vector<std::string> notes;
    std::string apply;                  // ALTER SYSTEM / PRAGMA / SET GLOBAL lines, ready to run
};

// Reads the live settings through a read-only session (never changes them)
// and recommends. RAM and CPUs come from options or, when the server runs
// on this machine, from /proc; a remote server without --ram is an error.
Result<TuneReport> tune(const TuneOptions& options);

// This host's RAM (/proc/meminfo) and CPUs into the fields machine leaves
// at 0, for a server on this host; source says where they came from.
bool fill_local_machine(Machine& machine, std::string& source);
// "16 GB RAM, 8 CPUs, ssd storage, web workload (RAM from /proc/meminfo)".
std::string describe_machine(const Machine& machine, const std::string& source, const std::string& storage,
                             const std::string& workload);

// The PostgreSQL part of tune(), once the machine is known (tune_postgres.cpp);
// SQLite and MySQL have their own.
Result<TuneReport> tune_postgres(const TuneOptions& options, Machine machine, const std::string& machine_source);
Result<TuneReport> tune_sqlite(const TuneOptions& options);
Result<TuneReport> tune_mysql(const TuneOptions& options, const Machine& machine, const std::string& machine_source);

}  // namespace dbsage
