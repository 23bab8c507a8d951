#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "commands.h"
#include "output.h"
#include "explain/explain.h"
#include "explain/run_explain.h"
#include "report/plan_report.h"
#include "util/files.h"

namespace dbsage::cli {
namespace {

const Formats<PlanAnalysis> k_plan_formats{
    {"text", [](const PlanAnalysis& a) { return format_plan_text(a, stdout_color()); }},
    {"json", format_plan_json},
    {"markdown", format_plan_markdown},
    {"html", format_plan_html}};

const Formats<PlanDiff> k_plan_diff_formats{
    {"text", [](const PlanDiff& d) { return format_plan_diff_text(d, stdout_color()); }},
    {"json", format_plan_diff_json}};

struct DiffArgs {
    std::vector<std::string> inputs;
    std::string format;
    std::optional<double> fail_if_slower;
    std::string command, command_file;
    ExplainDiffOptions run;
};

int run_diff(DiffArgs& args) {
    std::unique_ptr<PlanDiff> diff;
    if (!args.command.empty() || !args.command_file.empty()) {
        args.run.run.sql = args.command;
        if (!args.command_file.empty()) {
            auto sql = read_file_text(args.command_file);
            if (!sql) {
                std::cerr << "dbsage: " << sql.status().message() << "\n";
                return 2;
            }
            args.run.run.sql = *sql;
        }
        bool two = args.inputs.size() == 2 && args.run.index_ddl.empty();
        bool indexed = args.inputs.size() == 1 && !args.run.index_ddl.empty();
        if (!two && !indexed) {
            std::cerr << "dbsage: with -c or -f, give two targets, or one target and --index 'CREATE INDEX …'\n";
            return 2;
        }
        args.run.run.target = args.inputs[0];
        if (two) args.run.other_target = args.inputs[1];
        auto made = explain_diff_query(args.run);
        if (!made) {
            std::cerr << "dbsage: " << made.status().message() << "\n";
            return 2;
        }
        diff = std::move(*made);
    } else {
        if (args.inputs.size() != 2) {
            std::cerr << "dbsage: explain diff takes two plan files (BEFORE AFTER)\n";
            return 2;
        }
        auto before = analyze_plan_file(args.inputs[0]);
        auto after = before ? analyze_plan_file(args.inputs[1]) : Result<PlanAnalysis>(before.status());
        if (!before || !after) {
            std::cerr << "dbsage: " << (before ? after : before).status().message() << "\n";
            return 2;
        }
        diff = diff_plans(std::move(*before), std::move(*after));
    }
    std::cout << k_plan_diff_formats.render(args.format, *diff);
    if (args.fail_if_slower && diff->change_percent() > *args.fail_if_slower) {
        std::cerr << "dbsage: the after plan is " << fmt::format("{:.1f}", diff->change_percent()) << "% slower, over --fail-if-slower "
                  << *args.fail_if_slower << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

Runner register_explain(CLI::App& app) {
    struct Args {
        std::vector<std::string> files;
        std::string format;
        std::string fail_on = "warning";
        std::string command, command_file;
        ExplainOptions run;
    };
    auto args = std::make_shared<Args>();
    auto* explain = app.add_subcommand("explain", "Read an execution plan: where the time goes, what is wrong, what fixes it");
    explain->add_option("plan", args->files, "plan files (EXPLAIN output, JSON or text, bare or as psql prints it; - for stdin), or with -c/-f the target");
    explain->add_option("-c,--command", args->command, "a statement to EXPLAIN on the target (the first argument)");
    explain->add_option("-f,--file", args->command_file, "a file holding the statement to EXPLAIN on the target");
    explain->add_flag("--analyze", args->run.analyze, "execute it (EXPLAIN ANALYZE, BUFFERS) in a read-only transaction that is rolled back");
    explain->add_flag("--allow-writes", args->run.allow_writes, "with --analyze, let a writing statement run (still rolled back)");
    explain->add_option("--timeout", args->run.timeout_seconds, "statement_timeout in seconds (default 30)");
    explain->add_option("--param", args->run.params, "the value of $1, $2, … in order (repeat); without: the generic plan");
    k_plan_formats.add_option(explain, args->format, "html: one file, no network");
    explain->add_option("--fail-on", args->fail_on, "exit 1 on findings at or above: error, warning, info, never")
        ->check(CLI::IsMember({"error", "warning", "info", "never"}));
    auto diff_args = std::make_shared<DiffArgs>();
    auto* diff = explain->add_subcommand("diff", "Compare two plans of one query: nodes appeared, vanished, changed; the verdict");
    diff->add_option("inputs", diff_args->inputs, "BEFORE AFTER plan files; with -c/-f two targets, or one target and --index")->required();
    diff->add_option("-c,--command", diff_args->command, "a statement to EXPLAIN on both sides");
    diff->add_option("-f,--file", diff_args->command_file, "a file holding the statement");
    diff->add_option("--index", diff_args->run.index_ddl, "CREATE INDEX to compare before and after, on a scratch copy of the tables");
    diff->add_flag("--analyze", diff_args->run.run.analyze, "execute the statement (read-only, rolled back) and compare times");
    diff->add_flag("--allow-writes", diff_args->run.run.allow_writes, "with --analyze, let a writing statement run (still rolled back)");
    diff->add_option("--timeout", diff_args->run.run.timeout_seconds, "statement_timeout in seconds (default 30)");
    diff->add_option("--param", diff_args->run.run.params, "the value of $1, $2, … in order (repeat)");
    k_plan_diff_formats.add_option(diff, diff_args->format);
    diff->add_option("--fail-if-slower", diff_args->fail_if_slower, "exit 1 when the after plan is more than PCT percent slower (costlier)");
    return [args, diff, diff_args]() {
        if (diff->parsed()) return run_diff(*diff_args);
        if (args->files.empty()) {
            std::cerr << "dbsage: explain needs plan files, or a target with -c/-f\n";
            return 2;
        }
        int exit_code = 0;
        std::optional<Severity> threshold = parse_severity(args->fail_on);
        auto print = [&](const PlanAnalysis& analysis) {
            std::cout << k_plan_formats.render(args->format, analysis);
            for (const auto& f : analysis.findings)
                if (threshold && f.severity >= *threshold && exit_code == 0) exit_code = 1;
        };
        if (!args->command.empty() || !args->command_file.empty()) {
            if (args->files.size() != 1) {
                std::cerr << "dbsage: with -c or -f, give one target (a PostgreSQL URL or conninfo)\n";
                return 2;
            }
            args->run.target = args->files[0];
            args->run.sql = args->command;
            if (!args->command_file.empty()) {
                auto sql = read_file_text(args->command_file);
                if (!sql) {
                    std::cerr << "dbsage: " << sql.status().message() << "\n";
                    return 2;
                }
                args->run.sql = *sql;
            }
            auto analysis = explain_query(args->run);
            if (!analysis) {
                std::cerr << "dbsage: " << analysis.status().message() << "\n";
                return 2;
            }
            print(*analysis);
            return exit_code;
        }
        for (const auto& file : args->files) {
            auto analysis = analyze_plan_file(file);
            if (!analysis) {
                std::cerr << "dbsage: " << analysis.status().message() << "\n";
                exit_code = 2;
                continue;
            }
            print(*analysis);
        }
        return exit_code;
    };
}

}  // namespace dbsage::cli
