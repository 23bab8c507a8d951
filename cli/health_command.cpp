#include <iostream>

#include "commands.h"
#include "output.h"
#include "health/health.h"
#include "report/health_report.h"

namespace dbsage::cli {
namespace {

const Formats<HealthReport> k_health_formats{
    {"text", [](const HealthReport& r) { return format_health_text(r, stdout_color()); }},
    {"markdown", format_health_markdown},
    {"json", format_health_json}};

}  // namespace

Runner register_health(CLI::App& app) {
    struct Args {
        HealthOptions options;
        std::vector<std::string> limits;
        std::string format;
        bool nagios = false;
        double watch = 0;
        int count = 0;
    };
    auto args = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("health", "Live health checks of a database, with history and trends (never writes to it)");
    cmd->add_option("target", args->options.target,
                    "a live PostgreSQL (postgres:// URL or key=value conninfo), an SQLite file, or a MySQL/MariaDB (mysql://)")
        ->required();
    k_health_formats.add_option(cmd, args->format);
    cmd->add_flag("--nagios", args->nagios, "one Nagios/Icinga line with performance data; exits as a Nagios plugin (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)");
    cmd->add_flag("--record", args->options.record, "append a snapshot of sizes, counters and settings to the history");
    cmd->add_option("--history", args->options.history, "the history file (default: ~/.local/share/dbsage/history.sqlite)");
    cmd->add_flag("--trends", args->options.trends, "read the history back: growth, projections, slower queries");
    cmd->add_flag("--exact", args->options.exact, "table bloat measured by pgstattuple where it is installed");
    cmd->add_flag("--deep", args->options.deep, "SQLite: PRAGMA integrity_check instead of quick_check");
    cmd->add_option("--limit", args->limits, "override a threshold, e.g. --limit long_running_seconds=30 (see docs/health.md)");
    cmd->add_option("--config", args->options.config_path, "the .dbsage.toml to read ([health] table)");
    cmd->add_option("--watch", args->watch, "a live view of sessions and locks, refreshed every SECONDS")->check(CLI::PositiveNumber);
    cmd->add_option("--count", args->count, "with --watch: stop after this many views")->check(CLI::NonNegativeNumber);
    return [args] {
        for (const auto& limit : args->limits) {
            auto eq = limit.find('=');
            if (eq == std::string::npos) {
                std::cerr << "dbsage: --limit " << limit << ": expected KEY=VALUE\n";
                return 2;
            }
            args->options.overrides[limit.substr(0, eq)] = limit.substr(eq + 1);
        }
        if (args->watch > 0) {
            Status s = watch(args->options.target, args->watch, args->count, stdout_color(), std::cout);
            if (!s.is_ok()) {
                std::cerr << "dbsage: " << s.message() << "\n";
                return 2;
            }
            return 0;
        }
        auto report = check_health(args->options);
        if (!report) {
            std::cerr << "dbsage: " << report.status().message() << "\n";
            // The Nagios plugin API: 3 is UNKNOWN there, and CRITICAL is 2.
            if (args->nagios) std::cout << "DBSAGE HEALTH UNKNOWN - " << report.status().message() << "\n";
            return args->nagios ? 3 : 2;
        }
        if (args->nagios) {
            std::cout << format_health_nagios(*report);
            return report->exit_code() == 3 ? 2 : report->exit_code();
        }
        std::cout << k_health_formats.render(args->format, *report);
        return report->exit_code();
    };
}

}  // namespace dbsage::cli
