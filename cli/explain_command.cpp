#include <unistd.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "commands.h"
#include "explain/explain.h"
#include "explain/run_explain.h"
#include "report/plan_report.h"

namespace dbsage::cli {

Runner register_explain(CLI::App& app) {
    struct Args {
        std::vector<std::string> files;
        std::string format = "text";
        std::string fail_on = "warning";
        std::string command, command_file;
        ExplainOptions run;
    };
    auto args = std::make_shared<Args>();
    auto* explain = app.add_subcommand("explain", "Read an execution plan: where the time goes, what is wrong, what fixes it");
    explain->add_option("plan", args->files, "plan files (EXPLAIN output, JSON or text, bare or as psql prints it; - for stdin), or with -c/-f the target")
        ->required();
    explain->add_option("-c,--command", args->command, "a statement to EXPLAIN on the target (the first argument)");
    explain->add_option("-f,--file", args->command_file, "a file holding the statement to EXPLAIN on the target");
    explain->add_flag("--analyze", args->run.analyze, "execute it (EXPLAIN ANALYZE, BUFFERS) in a read-only transaction that is rolled back");
    explain->add_flag("--allow-writes", args->run.allow_writes, "with --analyze, let a writing statement run (still rolled back)");
    explain->add_option("--timeout", args->run.timeout_seconds, "statement_timeout in seconds (default 30)");
    explain->add_option("--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}));
    explain->add_option("--fail-on", args->fail_on, "exit 1 on findings at or above: error, warning, info, never")
        ->check(CLI::IsMember({"error", "warning", "info", "never"}));
    return [args]() {
        int exit_code = 0;
        std::optional<Severity> threshold = parse_severity(args->fail_on);
        auto print = [&](const PlanAnalysis& analysis) {
            if (args->format == "json") std::cout << format_plan_json(analysis);
            else std::cout << format_plan_text(analysis, isatty(STDOUT_FILENO) && !getenv("NO_COLOR"));
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
                std::ifstream in(args->command_file);
                if (!in) {
                    std::cerr << "dbsage: " << args->command_file << ": cannot be read\n";
                    return 2;
                }
                std::ostringstream s;
                s << in.rdbuf();
                args->run.sql = s.str();
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
            std::string text;
            if (file == "-") {
                text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
            } else {
                std::ifstream in(file, std::ios::binary);
                if (!in) {
                    std::cerr << "dbsage: " << file << ": cannot be read\n";
                    exit_code = 2;
                    continue;
                }
                std::ostringstream s;
                s << in.rdbuf();
                text = s.str();
            }
            auto analysis = analyze_plan_text(text, file == "-" ? "<stdin>" : file);
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
