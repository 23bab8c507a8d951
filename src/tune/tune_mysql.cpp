// dbsage tune on MySQL/MariaDB: MySQLTuner's checks with its thresholds
// (buffer pool against data and RAM, an hour of redo, buffer pool
// instances, connections against the peak, temporary tables on disk, the
// table cache hit rate), read from a read-only session.
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <map>

#include "connectors/mysql/mysql_connection.h"
#include "connectors/target.h"
#include "tune/tune.h"
#include "util/strings.h"

namespace dbsage {
namespace {

constexpr double k_mib = 1048576.0;

std::string bytes_setting(double bytes) {
    double mb = std::ceil(bytes / k_mib);
    if (std::fmod(mb, 1024) == 0) return fmt::format("{:.0f}G", mb / 1024);
    return fmt::format("{:.0f}M", mb);
}

}  // namespace

Result<TuneReport> tune_mysql(const TuneOptions& options, const Machine& given, const std::string& given_source) {
    auto conn = MysqlConnection::open_read_only(options.target);
    if (!conn) return conn.status();
    MysqlConnection& c = **conn;
    TuneReport report;
    report.engine = c.server_name();
    report.target = mask_target(options.target);
    std::map<std::string, std::string> vars;
    std::map<std::string, double> status;
    if (auto rows = c.query("SHOW GLOBAL VARIABLES"))
        for (const auto& r : *rows) vars[r[0].value_or("")] = r[1].value_or("");
    if (auto rows = c.query("SHOW GLOBAL STATUS"))
        for (const auto& r : *rows) status[r[0].value_or("")] = std::atof(r[1].value_or("0").c_str());
    Machine machine = given;
    std::string source = given_source;
    auto params = parse_mysql_url(options.target);
    bool local = params && (params->host.empty() || params->host == "localhost" || params->host == "127.0.0.1" || !params->socket.empty());
    if ((machine.ram_bytes == 0 || machine.cpus == 0) && local) {
        std::string found;
        if (fill_local_machine(machine, found)) source = source.empty() ? found : source + ", " + found;
    }
    if (machine.ram_bytes == 0)
        return Status::error("tune needs the server's RAM: give --ram (and --cpus), or run dbsage on the database server");
    report.machine = describe_machine(machine, source, options.storage, options.workload);
    double ram = static_cast<double>(machine.ram_bytes);
    double data = 0;
    if (auto rows = c.query("SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) FROM information_schema.TABLES WHERE ENGINE = 'InnoDB'");
        rows && !rows->empty())
        data = std::atof((*rows)[0][0].value_or("0").c_str());
    std::vector<std::string> lines, restart;
    auto recommend = [&](const std::string& name, const std::string& live, const std::string& value, const std::string& why,
                         bool needs_restart) {
        report.items.push_back({name, live, value, why, needs_restart});
        if (needs_restart) restart.push_back(name);
        else lines.push_back(fmt::format("SET GLOBAL {} = {};", name, value));
    };
    // The buffer pool: the InnoDB data with room to grow, within 75% of RAM.
    double pool = std::atof(vars["innodb_buffer_pool_size"].c_str());
    double want = std::min(std::max(std::ceil(data * 1.25 / (128 * k_mib)) * 128 * k_mib, 128 * k_mib), 0.75 * ram);
    ++report.settings_checked;
    if ((pool < data && pool < want) || pool > 0.8 * ram)
        recommend("innodb_buffer_pool_size", bytes_setting(pool), bytes_setting(want),
                  fmt::format("InnoDB data and indexes take {} against {} of RAM: the pool should hold them, within 75% of RAM",
                              human_bytes(static_cast<unsigned long long>(data)), human_bytes(machine.ram_bytes)),
                  false);
    // An hour of redo writes (MySQLTuner), once the server has run an hour.
    double uptime = status["Uptime"], written = status["Innodb_os_log_written"];
    bool capacity_var = vars.count("innodb_redo_log_capacity") > 0;
    double redo = capacity_var ? std::atof(vars["innodb_redo_log_capacity"].c_str())
                               : std::atof(vars["innodb_log_file_size"].c_str()) *
                                     std::max(1.0, std::atof(vars["innodb_log_files_in_group"].c_str()));
    ++report.settings_checked;
    if (uptime >= 3600) {
        double hourly = written / uptime * 3600;
        if (redo < hourly)
            recommend(capacity_var ? "innodb_redo_log_capacity" : "innodb_log_file_size", bytes_setting(redo), bytes_setting(hourly),
                      fmt::format("{} of redo written per hour over {:.1f} h of uptime: a smaller log forces flushes",
                                  human_bytes(static_cast<unsigned long long>(hourly)), uptime / 3600),
                      !capacity_var && c.is_mariadb() && c.server_version() < 100900);
    } else {
        report.notes.push_back(fmt::format("redo log capacity not judged: the server has run {:.0f} min, less than the hour of writes it is sized by",
                                           uptime / 60));
    }
    if (!c.is_mariadb() || c.server_version() < 100500) {
        ++report.settings_checked;
        double instances = std::atof(vars["innodb_buffer_pool_instances"].c_str());
        double want_instances = pool >= 1024 * k_mib ? std::min(64.0, std::floor(pool / (1024 * k_mib))) : 1;
        if (instances != want_instances)
            recommend("innodb_buffer_pool_instances", vars["innodb_buffer_pool_instances"], fmt::format("{:.0f}", want_instances),
                      "one instance per GB of buffer pool, at most 64", true);
    }
    double max_conn = std::atof(vars["max_connections"].c_str()), peak = status["Max_used_connections"];
    ++report.settings_checked;
    if (max_conn > 0 && peak / max_conn >= 0.85)
        recommend("max_connections", vars["max_connections"], fmt::format("{:.0f}", std::ceil(peak * 1.2)),
                  fmt::format("the peak since start was {:.0f} of {:.0f} (85% or more)", peak, max_conn), false);
    double tmp = status["Created_tmp_tables"], tmp_disk = status["Created_tmp_disk_tables"];
    ++report.settings_checked;
    if (tmp >= 100 && tmp_disk / tmp > 0.25) {
        double size = std::min(std::atof(vars["tmp_table_size"].c_str()) * 2, 256 * k_mib);
        std::string why = fmt::format("{:.0f}% of {:.0f} temporary tables went to disk (over 25%)", 100 * tmp_disk / tmp, tmp);
        recommend("tmp_table_size", bytes_setting(std::atof(vars["tmp_table_size"].c_str())), bytes_setting(size), why, false);
        recommend("max_heap_table_size", bytes_setting(std::atof(vars["max_heap_table_size"].c_str())), bytes_setting(size),
                  "the in-memory limit is the smaller of the two", false);
    }
    double hits = status["Table_open_cache_hits"], misses = status["Table_open_cache_misses"];
    ++report.settings_checked;
    if (hits + misses >= 1000 && hits / (hits + misses) < 0.2)
        recommend("table_open_cache", vars["table_open_cache"], fmt::format("{:.0f}", std::atof(vars["table_open_cache"].c_str()) * 2),
                  fmt::format("table cache hit rate {:.1f}% (under 20%)", 100 * hits / (hits + misses)), false);
    if (!lines.empty() || !restart.empty()) {
        report.apply = join(lines, "\n") + (lines.empty() ? "" : "\n");
        report.apply += "-- and the same under [mysqld] in the server's option file, so a restart keeps them\n";
        if (!restart.empty()) report.apply += "-- only in the option file, then restart: " + join(restart, ", ") + "\n";
    }
    return report;
}

}  // namespace dbsage
