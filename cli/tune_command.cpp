#include <iostream>

#include "commands.h"
#include "output.h"
#include "report/tune_report.h"
#include "tune/tune.h"

namespace dbsage::cli {
namespace {

const Formats<TuneReport> k_tune_formats{{"text", format_tune_text}, {"json", format_tune_json}, {"sql", format_tune_sql}};

}  // namespace

Runner register_tune(CLI::App& app) {
    struct Args {
        TuneOptions options;
        std::string ram;
        std::string format;
    };
    auto args = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("tune", "Configuration advice from the machine, the workload and the live settings");
    cmd->add_option("target", args->options.target,
                    "a live PostgreSQL, an SQLite file or a MySQL/MariaDB (only read); none: PGTune's formulas for --ram/--cpus");
    cmd->add_option("--ram", args->ram, "the server's memory, e.g. 16GB (default: this host's, when the server runs here)");
    cmd->add_option("--cpus", args->options.cpus, "the server's CPUs")->check(CLI::Range(1, 4096));
    cmd->add_option("--storage", args->options.storage, "ssd, hdd, san or nvme")->check(CLI::IsMember({"ssd", "hdd", "san", "nvme"}));
    cmd->add_option("--workload", args->options.workload, "web, oltp, dw, mixed or desktop")
        ->check(CLI::IsMember({"web", "oltp", "dw", "mixed", "desktop"}));
    cmd->add_option("--max-connections", args->options.max_connections, "connections to plan for (default: the live max_connections)")
        ->check(CLI::Range(1, 100000));
    k_tune_formats.add_option(cmd, args->format);
    return [args] {
        if (!args->ram.empty()) {
            args->options.ram_bytes = parse_size(args->ram);
            if (args->options.ram_bytes == 0) {
                std::cerr << "dbsage: --ram " << args->ram << ": not a size (e.g. 16GB)\n";
                return 2;
            }
        }
        auto report = tune(args->options);
        if (!report) {
            std::cerr << "dbsage: " << report.status().message() << "\n";
            return 2;
        }
        std::cout << k_tune_formats.render(args->format, *report);
        return 0;
    };
}

}  // namespace dbsage::cli
