#include <iostream>

#include "commands.h"
#include "output.h"
#include "dbsage/migrate.h"
#include "report/locks_report.h"

namespace dbsage::cli {
namespace {

struct MigrateArgs {
    MigrateOptions options;
    std::string format;
};

// A report and whether it was traced (both commands print the same report).
struct LocksOutput {
    const LocksReport& report;
    bool traced;
};

const Formats<LocksOutput> k_locks_formats{
    {"text", [](const LocksOutput& o) { return format_locks_text(o.report, o.traced); }},
    {"json", [](const LocksOutput& o) { return format_locks_json(o.report, o.traced); }}};

int run(const MigrateArgs& args, bool trace) {
    auto report = trace ? trace_locks(args.options) : predict_locks(args.options);
    if (!report) {
        std::cerr << "dbsage: " << report.status().message() << "\n";
        return 2;
    }
    std::cout << k_locks_formats.render(args.format, LocksOutput{*report, trace});
    for (const auto& error : report->input_errors) std::cerr << "dbsage: " << error << "\n";
    if (!report->input_errors.empty()) return 2;
    // A statement that fails on the server fails the migration.
    return trace && (!report->disagreements.empty() || report->failed() > 0) ? 1 : 0;
}

void common(CLI::App* cmd, MigrateArgs& args) {
    cmd->add_option("targets", args.options.targets, "migration files or directories (applied in name order)")->required();
    cmd->add_option("--schema", args.options.schema_file, "baseline schema script applied before the migrations");
    k_locks_formats.add_option(cmd, args.format);
    cmd->add_option("--config", args.options.config_path, "config file (default: .dbsage.toml found upward)");
    cmd->add_option("--dialect", args.options.dialect, "dialect of the files: postgres or mysql (default: detected)")
        ->check(CLI::IsMember({"postgres", "mysql", "mariadb"}));
    cmd->add_option("--mysql-version", args.options.mysql_version,
                    "MySQL/MariaDB version the online DDL is predicted for, e.g. 8.0.35 or 10.11 (default: the scratch MariaDB's)");
}

}  // namespace

Runner register_migrate(CLI::App& app) {
    auto* migrate = app.add_subcommand("migrate", "Migration analysis: predicted and traced locks");
    migrate->require_subcommand(1);
    auto locks_args = std::make_shared<MigrateArgs>();
    auto* locks = migrate->add_subcommand("locks", "Predict the locks, rewrites and scans of each statement");
    common(locks, *locks_args);
    locks->add_option("--pg-version", locks_args->options.pg_version, "target PostgreSQL major version (10 to 18)")
        ->check(CLI::Range(10, 18));
    auto trace_args = std::make_shared<MigrateArgs>();
    auto* trace = migrate->add_subcommand("trace", "Run the migrations on a scratch PostgreSQL and observe their locks");
    common(trace, *trace_args);
    trace->add_option("--db", trace_args->options.database,
                      "PostgreSQL: trace on this database (rolled back); MySQL: read its definitions (read-only) and trace on a scratch MariaDB");
    trace->add_flag("--commit", trace_args->options.commit, "keep the changes (with --db; default: roll back)");
    return [=] { return locks->parsed() ? run(*locks_args, false) : run(*trace_args, true); };
}

}  // namespace dbsage::cli
