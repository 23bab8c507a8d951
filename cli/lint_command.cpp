#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "output.h"
#include "dbsage/lint.h"
#include "report/report.h"
#include "rules/rule.h"
#include "rules/rule_docs.h"

namespace dbsage::cli {
namespace {

struct LintArgs {
    std::vector<std::string> targets;
    std::string format;
    std::string fail_on = "warning";
    std::string config;
    int pg_version = 0;
    std::string dialect;
    bool quiet = false;
    bool assume_in_transaction = false;
    std::string schema;
    std::string db;
};

const Formats<ReportContext> k_lint_formats{
    {"text", format_text}, {"json", format_json}, {"sarif", format_sarif}, {"github", format_github}, {"markdown", format_markdown}};

std::vector<RuleMeta> rule_metadata() {
    std::vector<RuleMeta> out;
    for (const auto& rule : all_rules()) {
        const auto& info = rule->info();
        out.push_back({std::string(info.id), std::string(info.summary), info.severity, std::string(rule_doc(info.id))});
    }
    return out;
}

int run_lint(const LintArgs& args) {
    std::optional<Severity> threshold;
    if (args.fail_on != "never") {
        threshold = parse_severity(args.fail_on);
        if (!threshold) {
            std::cerr << "dbsage: --fail-on must be error, warning, info or never\n";
            return 2;
        }
    }
    LintOptions options;
    options.targets = args.targets;
    options.config_path = args.config;
    options.pg_version = args.pg_version;
    options.dialect = args.dialect;
    options.assume_in_transaction = args.assume_in_transaction;
    if (!args.schema.empty() && !args.db.empty()) {
        std::cerr << "dbsage: give --schema or --db as the baseline, not both\n";
        return 2;
    }
    options.baseline = args.db.empty() ? args.schema : args.db;
    // A progress line for long runs, only where a person watches stderr.
    bool show_progress = isatty(STDERR_FILENO) && !args.quiet;
    auto started = std::chrono::steady_clock::now();
    auto last = started;
    bool drawn = false;
    if (show_progress) {
        options.progress = [&](int files, size_t bytes) {
            auto now = std::chrono::steady_clock::now();
            if (now - started < std::chrono::milliseconds(500) || now - last < std::chrono::milliseconds(100)) return;
            last = now;
            drawn = true;
            std::fprintf(stderr, "\rdbsage: read %d files, %.1f MB", files, static_cast<double>(bytes) / (1 << 20));
        };
    }
    auto result = lint(options);
    if (drawn) std::fprintf(stderr, "\r\x1b[K");
    if (!result) {
        std::cerr << "dbsage: " << result.status().message() << "\n";
        return 2;
    }
    auto metadata = rule_metadata();
    ReportContext ctx{*result, metadata, stdout_color()};
    // -q: the text report of a clean run is nothing at all.
    if (args.format != "text" || !args.quiet || !result->findings.empty()) std::cout << k_lint_formats.render(args.format, ctx);
    for (const auto& note : result->notes) std::cerr << "dbsage: note: " << note << "\n";
    for (const auto& error : result->input_errors) std::cerr << "dbsage: " << error << "\n";
    if (!result->input_errors.empty()) return 2;
    if (!threshold) return 0;
    for (const auto& f : result->findings)
        if (f.severity >= *threshold) return 1;
    return 0;
}

}  // namespace

Runner register_lint(CLI::App& app) {
    auto args = std::make_shared<LintArgs>();
    auto* cmd = app.add_subcommand("lint", "Check schemas and queries in SQL files, directories or a live database");
    cmd->add_option("targets", args->targets,
                    "SQL files or directories, sqlite:PATH or an SQLite file, postgres:// URL or key=value conninfo, mysql:// URL")
        ->required();
    k_lint_formats.add_option(cmd, args->format);
    cmd->add_option("--fail-on", args->fail_on, "lowest severity that makes the exit code 1: error, warning, info, never");
    cmd->add_option("--config", args->config, "config file (default: .dbsage.toml found upward)");
    cmd->add_option("--pg-version", args->pg_version, "target PostgreSQL major version (10 to 18)")
        ->check(CLI::Range(10, 18));
    cmd->add_option("--dialect", args->dialect, "dialect of the SQL files: postgres, mysql or sqlite (default: detected)")
        ->check(CLI::IsMember({"postgres", "mysql", "mariadb", "sqlite"}));
    cmd->add_flag("-q,--quiet", args->quiet, "print nothing when there are no findings");
    cmd->add_option("--schema", args->schema, "baseline schema script the migrations are applied to");
    cmd->add_option("--db", args->db, "baseline: a live PostgreSQL or MySQL/MariaDB the migrations are applied to (read-only)");
    cmd->add_flag("--assume-in-transaction", args->assume_in_transaction,
                  "the migration runner wraps each file in a transaction (Rails, Flyway, Django)");
    return [args] { return run_lint(*args); };
}

}  // namespace dbsage::cli
