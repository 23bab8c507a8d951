// One function per subcommand; main.cpp holds the single dispatch table.
#pragma once

#include <CLI/CLI.hpp>

namespace dbsage::cli {

// Each register_* adds its subcommand to app and returns a runner that is
// called when that subcommand was chosen; the runner returns the exit code.
using Runner = std::function<int()>;

// "100MB", "1.5 GB", "512kB", "4096": bytes (0 when unreadable).
std::uint64_t parse_size(const std::string& text);

Runner register_lint(CLI::App& app);
Runner register_rules(CLI::App& app);
Runner register_migrate(CLI::App& app);
Runner register_digest(CLI::App& app);
Runner register_workload(CLI::App& app);
Runner register_advise(CLI::App& app);
Runner register_explain(CLI::App& app);
Runner register_health(CLI::App& app);
Runner register_tune(CLI::App& app);

}  // namespace dbsage::cli
