#include <unistd.h>

#include <iostream>

#include "commands.h"
#include "dbsage/lint.h"
#include "report/report.h"
#include "rules/rule.h"
#include "rules/rule_docs.h"

namespace dbsage::cli {
namespace {

struct LintArgs {
    std::vector<std::string> targets;
    std::string format = "text";
    std::string fail_on = "warning";
    std::string config;
    int pg_version = 0;
    bool quiet = false;
};

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
    auto result = lint(options);
    if (!result) {
        std::cerr << "dbsage: " << result.status().message() << "\n";
        return 2;
    }
    auto metadata = rule_metadata();
    ReportContext ctx{*result, metadata, isatty(STDOUT_FILENO) && !getenv("NO_COLOR")};
    std::string output;
    if (args.format == "json") output = format_json(ctx);
    else if (args.format == "sarif") output = format_sarif(ctx);
    else if (args.format == "github") output = format_github(ctx);
    else if (args.format == "markdown") output = format_markdown(ctx);
    else if (!args.quiet || !result->findings.empty()) output = format_text(ctx);
    std::cout << output;
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
                    "SQL files or directories, sqlite:PATH or an SQLite file, postgres:// URL or key=value conninfo")
        ->required();
    cmd->add_option("--format", args->format, "text, json, sarif, github or markdown")
        ->check(CLI::IsMember({"text", "json", "sarif", "github", "markdown"}));
    cmd->add_option("--fail-on", args->fail_on, "lowest severity that makes the exit code 1: error, warning, info, never");
    cmd->add_option("--config", args->config, "config file (default: .dbsage.toml found upward)");
    cmd->add_option("--pg-version", args->pg_version, "target PostgreSQL major version");
    cmd->add_flag("-q,--quiet", args->quiet, "print nothing when there are no findings");
    return [args] { return run_lint(*args); };
}

}  // namespace dbsage::cli
