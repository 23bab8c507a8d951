#include <iostream>
#include <regex>

#include "advisor/advisor.h"
#include "commands.h"
#include "output.h"
#include "report/advice_report.h"

namespace dbsage::cli {

std::uint64_t parse_size(const std::string& text) {
    static const std::regex k_size(R"(^\s*([0-9]+(\.[0-9]+)?)\s*([kKmMgGtT]?)[bB]?\s*$)");
    std::smatch m;
    if (!std::regex_match(text, m, k_size)) return 0;
    double value = std::stod(m[1]);
    switch (std::tolower(m[3].str().empty() ? ' ' : m[3].str()[0])) {
        case 'k': value *= 1024.0; break;
        case 'm': value *= 1048576.0; break;
        case 'g': value *= 1073741824.0; break;
        case 't': value *= 1099511627776.0; break;
        default: break;
    }
    return static_cast<std::uint64_t>(value);
}

namespace {

const Formats<AdviceReport> k_advice_formats{
    {"text", format_advice_text}, {"markdown", format_advice_markdown}, {"sql", format_advice_sql}, {"json", format_advice_json}};

}  // namespace

Runner register_advise(CLI::App& app) {
    struct Args {
        AdviseOptions options;
        std::string budget;
        std::string clone_max;
        std::string format;
    };
    auto args = std::make_shared<Args>();
    auto* advise = app.add_subcommand("advise", "Advice drawn from a workload");
    advise->require_subcommand(1);
    auto* indexes = advise->add_subcommand("indexes", "Indexes a workload needs, by the planner's what-if costs (HypoPG)");
    indexes->add_option("target", args->options.target, "a live PostgreSQL (postgres:// URL or key=value conninfo), an SQLite file, or a live MySQL/MariaDB (mysql://: existing indexes judged); only read")
        ->required();
    indexes->add_option("--queries", args->options.query_files, "SQL files of the workload (-- calls: N before a statement weighs it)");
    indexes->add_option("--workload", args->options.workload_files, "workload files from dbsage digest --workload-out or dbsage workload");
    indexes->add_option("--log", args->options.log_files, "slow-query logs, digested on the fly (any format dbsage digest reads)");
    indexes->add_option("--max-columns", args->options.max_columns, "widest index to consider")->check(CLI::Range(1, 8));
    indexes->add_option("--budget", args->budget, "space the new indexes may take (e.g. 500MB; default: no limit)");
    indexes->add_flag("--verify", args->options.verify,
                      "time the queries on a scratch copy before and after; withdraw what is not faster");
    indexes->add_flag("--clone", args->options.clone,
                      "cost on a scratch copy of the workload's tables (no hypopg needed in the database; GIN candidates are built there)");
    indexes->add_option("--clone-max", args->clone_max, "largest copy --verify and --clone make (default 2GB)");
    k_advice_formats.add_option(indexes, args->format);
    return [args] {
        if (!args->budget.empty()) {
            args->options.budget_bytes = parse_size(args->budget);
            if (args->options.budget_bytes == 0) {
                std::cerr << "dbsage: --budget " << args->budget << ": not a size (e.g. 500MB, 2GB)\n";
                return 2;
            }
        }
        if (!args->clone_max.empty()) {
            args->options.clone_max_bytes = parse_size(args->clone_max);
            if (args->options.clone_max_bytes == 0) {
                std::cerr << "dbsage: --clone-max " << args->clone_max << ": not a size (e.g. 500MB, 2GB)\n";
                return 2;
            }
        }
        auto report = advise_indexes(args->options);
        if (!report) {
            std::cerr << "dbsage: " << report.status().message() << "\n";
            return 2;
        }
        std::cout << k_advice_formats.render(args->format, *report);
        return 0;
    };
}

}  // namespace dbsage::cli
