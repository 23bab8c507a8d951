// dbsage tune on PostgreSQL: PGTune's numbers, moved by what the live
// server shows (data size against RAM, temp files, forced checkpoints, the
// cache hit ratio), compared with pg_settings; and the memory budget of the
// live configuration.
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <map>

#include "connectors/postgres/pg_connection.h"
#include "connectors/row_fields.h"
#include "connectors/target.h"
#include "tune/tune.h"
#include "util/strings.h"

namespace dbsage {
namespace {

struct Live {
    std::string setting, unit, context;
};


// A pg_settings value in kB for memory units, else as it is.
double base_value(const Live& live) {
    double v = std::atof(live.setting.c_str());
    if (live.unit == "8kB") return v * 8;
    if (live.unit == "16MB") return v * 16384;
    if (live.unit == "MB") return v * 1024;
    if (live.unit == "B") return v / 1024;
    return v;
}

std::string live_text(const Live& live, bool memory) {
    if (memory && !live.unit.empty()) return conf_kb(base_value(live));
    return live.setting;
}

bool is_memory(const std::string& unit) { return unit == "8kB" || unit == "kB" || unit == "MB" || unit == "16MB" || unit == "B"; }

}  // namespace

Result<TuneReport> tune_postgres(const TuneOptions& options, Machine machine, const std::string& given) {
    TuneReport report;
    std::string source = given;
    std::unique_ptr<PgConnection> conn;
    std::map<std::string, Live> live;
    std::map<std::string, std::string> evidence;  // setting -> what moved it
    if (!options.target.empty()) {
        auto c = PgConnection::open_read_only(options.target);
        if (!c) return c.status();
        conn = std::move(*c);
        report.target = mask_target(options.target);
        machine.pg_version = conn->server_version() / 10000;
        auto rows = conn->query("SELECT name, setting, coalesce(unit, ''), context FROM pg_settings");
        if (!rows) return Status::error(report.target + ": cannot read pg_settings: " + rows.status().message());
        for (const auto& r : *rows) live[field_text(r, 0)] = {field_text(r, 1), field_text(r, 2), field_text(r, 3)};
        report.engine = "PostgreSQL " + live["server_version"].setting;
        if (machine.ram_bytes == 0 || machine.cpus == 0) {
            auto local = conn->query("SELECT coalesce(host(inet_server_addr()), 'socket')");
            std::string addr = local && !local->empty() ? field_text((*local)[0], 0) : "";
            std::string found;
            if ((addr == "socket" || addr == "127.0.0.1" || addr == "::1") && fill_local_machine(machine, found))
                source = source.empty() ? found : found.empty() ? source : source + ", " + found;
        }
    } else {
        report.engine = fmt::format("PostgreSQL {} (no server: formulas only)", machine.pg_version);
    }
    if (machine.ram_bytes == 0)
        return Status::error("tune needs the server's RAM: give --ram (and --cpus), or run dbsage on the database server");
    double ram_kb = machine.ram_bytes / 1024.0;
    if (conn) {
        if (auto size = conn->query("SELECT sum(pg_database_size(oid)) FROM pg_database"); size && !size->empty()) {
            double bytes = field_number((*size)[0], 0);
            machine.data = bytes < 0.75 * machine.ram_bytes ? DataFit::less_than_ram
                         : bytes > 1.5 * machine.ram_bytes  ? DataFit::more_than_ram
                                                            : DataFit::about_ram;
            std::string fit = fmt::format("all databases take {} against {} of RAM", human_bytes(static_cast<unsigned long long>(bytes)),
                                          human_bytes(machine.ram_bytes));
            evidence["random_page_cost"] = fit;
            evidence["work_mem"] = fit;
        }
        if (machine.max_connections == 0) {
            machine.max_connections = std::atoi(live["max_connections"].setting.c_str());
            auto used = conn->query("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'");
            evidence["max_connections"] = fmt::format("the live max_connections, {} in use now",
                                                      used && !used->empty() ? field_text((*used)[0], 0) : "?");
        }
        if (auto t = conn->query("SELECT sum(temp_files), sum(temp_bytes), sum(blks_hit), sum(blks_read) FROM pg_stat_database");
            t && !t->empty()) {
            double files = field_number((*t)[0], 0), bytes = field_number((*t)[0], 1);
            double hit = field_number((*t)[0], 2), read = field_number((*t)[0], 3);
            if (files > 0)
                evidence["work_mem"] += fmt::format("{}{:.0f} temp files ({}) written since the stats reset: sorts spill at the live "
                                                    "work_mem",
                                                    evidence["work_mem"].empty() ? "" : "; ", files,
                                                    human_bytes(static_cast<unsigned long long>(bytes)));
            if (hit + read > 1000)
                evidence["shared_buffers"] = fmt::format("cache hit ratio {:.2f}%", 100.0 * hit / (hit + read));
        }
        std::string sql = machine.pg_version >= 17 ? "SELECT num_timed, num_requested FROM pg_stat_checkpointer"
                                                   : "SELECT checkpoints_timed, checkpoints_req FROM pg_stat_bgwriter";
        if (auto c = conn->query(sql); c && !c->empty()) {
            double timed = field_number((*c)[0], 0), req = field_number((*c)[0], 1);
            if (timed + req >= 10 && req > timed)
                evidence["max_wal_size"] = fmt::format("{:.0f} of {:.0f} checkpoints were forced by WAL volume", req, timed + req);
        }
    }
    report.machine = describe_machine(machine, source, options.storage, options.workload);
    auto settings = pgtune(machine);
    std::vector<std::string> restart, lines;
    for (auto& s : settings) {
        auto it = live.find(s.name);
        if (s.name == "max_wal_size" && it != live.end() && evidence.count("max_wal_size")) {
            double doubled = base_value(it->second) * 2;
            if (doubled > s.number) {
                s.number = doubled;
                s.value = conf_kb(doubled);
                s.why = "twice the live value";
            }
        }
        std::string why = s.why + (evidence.count(s.name) ? "; " + evidence[s.name] : "");
        if (!conn) {
            report.items.push_back({s.name, "", s.value, why, false});
            lines.push_back(fmt::format("ALTER SYSTEM SET {} = '{}';", s.name, s.value));
            continue;
        }
        if (it == live.end()) continue;  // not in this version
        ++report.settings_checked;
        const Live& l = it->second;
        bool memory = is_memory(l.unit);
        bool off = s.is_number ? std::fabs(base_value(l) - s.number) > 0.05 * std::max(std::fabs(s.number), 1e-9)
                               : to_lower(l.setting) != to_lower(s.value);
        if (!off) continue;
        bool needs_restart = l.context == "postmaster";
        report.items.push_back({s.name, live_text(l, memory), s.value, why, needs_restart});
        lines.push_back(fmt::format("ALTER SYSTEM SET {} = '{}';", s.name, s.value));
        if (needs_restart) restart.push_back(s.name);
    }
    if (!lines.empty()) {
        report.apply = join(lines, "\n") + "\n";
        if (conn) {
            if (restart.size() < report.items.size()) report.apply += "SELECT pg_reload_conf();\n";
            if (!restart.empty()) report.apply += "-- restart the server for: " + join(restart, ", ") + "\n";
        }
    }
    if (conn) {
        // The live configuration's worst case: every connection running two
        // work_mem operations, every autovacuum worker at its limit.
        double shared = base_value(live["shared_buffers"]), work = base_value(live["work_mem"]);
        double maint = base_value(live["maintenance_work_mem"]);
        double av = base_value(live["autovacuum_work_mem"]);
        double workers = std::atof(live["autovacuum_max_workers"].setting.c_str());
        double conns = std::atof(live["max_connections"].setting.c_str());
        double budget = shared + work * conns * 2 + (av > 0 ? av : maint) * workers + base_value(live["wal_buffers"]);
        if (budget > ram_kb)
            report.warnings.push_back(fmt::format(
                "the live settings can ask for {} against {} of RAM: shared_buffers {} + work_mem {} x {:.0f} connections x 2 + "
                "{} x {:.0f} autovacuum workers; lower work_mem or max_connections (a pooler), or the OOM killer may end the "
                "postmaster's children",
                conf_kb(budget), human_bytes(machine.ram_bytes), conf_kb(shared), conf_kb(work), conns, conf_kb(av > 0 ? av : maint),
                workers));
    }
    return report;
}

}  // namespace dbsage
