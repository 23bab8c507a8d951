#include <unistd.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "commands.h"
#include "explain/explain.h"
#include "report/plan_report.h"

namespace dbsage::cli {

Runner register_explain(CLI::App& app) {
    struct Args {
        std::vector<std::string> files;
        std::string format = "text";
        std::string fail_on = "warning";
    };
    auto args = std::make_shared<Args>();
    auto* explain = app.add_subcommand("explain", "Read an execution plan: where the time goes, what is wrong, what fixes it");
    explain->add_option("plan", args->files, "files of EXPLAIN (FORMAT JSON) output, bare or as psql prints it; - for stdin")
        ->required();
    explain->add_option("--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}));
    explain->add_option("--fail-on", args->fail_on, "exit 1 on findings at or above: error, warning, info, never")
        ->check(CLI::IsMember({"error", "warning", "info", "never"}));
    return [args]() {
        int exit_code = 0;
        std::optional<Severity> threshold = parse_severity(args->fail_on);
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
            if (args->format == "json") std::cout << format_plan_json(*analysis);
            else std::cout << format_plan_text(*analysis, isatty(STDOUT_FILENO) && !getenv("NO_COLOR"));
            for (const auto& f : analysis->findings)
                if (threshold && f.severity >= *threshold && exit_code == 0) exit_code = 1;
        }
        return exit_code;
    };
}

}  // namespace dbsage::cli
