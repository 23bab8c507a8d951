#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "output.h"
#include "digest/digest.h"
#include "digest/log_input.h"
#include "report/digest_report.h"
#include "workload/workload.h"

namespace dbsage::cli {
namespace {

// The size on disk of every log to read, for the progress line; 0 when one
// of them has no size to tell (standard input).
std::uint64_t total_file_bytes(const std::vector<std::string>& logs) {
    std::uint64_t total = 0;
    for (const auto& path : expand_log_paths(logs).files) {
        std::error_code ec;
        auto size = path == "-" ? 0 : std::filesystem::file_size(path, ec);
        if (ec || size == 0) return 0;
        total += size;
    }
    return total;
}

}  // namespace

Runner register_digest(CLI::App& app) {
    struct Args {
        std::vector<std::string> logs;
        std::string format;
        int top = 20;
        std::string workload_out;
        DigestOptions options;
    };
    auto args = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("digest", "Digest slow-query logs into a ranked workload");
    cmd->add_option("logs", args->logs,
                    "PostgreSQL stderr, csvlog, jsonlog or syslog, or a MySQL/MariaDB slow log: files (.gz and .zst "
                    "too), directories, - for stdin")
        ->required();
    // --top is read when the report is rendered, after parsing.
    auto formats = std::make_shared<Formats<DigestReport>>(Formats<DigestReport>{
        {"text", [args](const DigestReport& r) { return format_digest_text(r, args->top); }},
        {"json", [args](const DigestReport& r) { return format_digest_json(r, args->top); }},
        {"markdown", [args](const DigestReport& r) { return format_digest_markdown(r, args->top); }},
        {"html", [args](const DigestReport& r) { return format_digest_html(r, args->top); }}});
    formats->add_option(cmd, args->format);
    cmd->add_option("--workload-out", args->workload_out, "also write the workload file for the index advisor");
    cmd->add_option("--top", args->top, "how many queries to list (0: all)");
    cmd->add_option("--prefix", args->options.prefix, "the server's log_line_prefix, to read fields exactly");
    cmd->add_option("--threads", args->options.threads, "threads for PostgreSQL logs (default: one per core)")
        ->check(CLI::Range(1, 256));
    cmd->add_option("--n-plus-one-min", args->options.n_plus_one_min, "executions in a row that make an N+1 pattern")
        ->check(CLI::Range(2, 1000000));
    cmd->add_option("--n-plus-one-window-ms", args->options.n_plus_one_window_ms, "within this many milliseconds")
        ->check(CLI::PositiveNumber);
    return [args, formats] {
        // A progress line for long inputs, only where a person watches stderr.
        auto started = std::chrono::steady_clock::now();
        bool drawn = false;
        if (isatty(STDERR_FILENO)) {
            std::uint64_t total = total_file_bytes(args->logs);  // 0: unknown (stdin)
            args->options.progress = [&, total](std::uint64_t bytes) {
                double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                if (s < 0.5) return;
                drawn = true;
                double mb = static_cast<double>(bytes) / (1 << 20);
                if (total > 0)
                    std::fprintf(stderr, "\rdbsage: read %.0f of %.0f MB (%.0f%%, %.0f MB/s)", mb,
                                 static_cast<double>(total) / (1 << 20), 100.0 * static_cast<double>(bytes) / static_cast<double>(total),
                                 mb / s);
                else
                    std::fprintf(stderr, "\rdbsage: read %.0f MB (%.0f MB/s)", mb, mb / s);
            };
        }
        auto report = digest_logs(args->logs, args->options);
        if (drawn) std::fprintf(stderr, "\r\x1b[K");
        if (!report) {
            std::cerr << "dbsage: " << report.status().message() << "\n";
            return 2;
        }
        std::cout << formats->render(args->format, *report);
        if (!args->workload_out.empty()) {
            std::ofstream out(args->workload_out);
            out << format_workload(*report, args->logs.size() == 1 ? args->logs[0] : "logs");
            if (!out) {
                std::cerr << "dbsage: " << args->workload_out << ": cannot write the workload file\n";
                return 2;
            }
        }
        for (const auto& note : report->notes) std::cerr << "dbsage: note: " << note << "\n";
        for (const auto& warning : report->warnings) std::cerr << "dbsage: " << warning << "\n";
        return 0;
    };
}

Runner register_workload(CLI::App& app) {
    struct Args {
        std::string db;
        std::string out;
    };
    auto args = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("workload", "Write the workload file from a live server's pg_stat_statements or performance_schema");
    cmd->add_option("--db", args->db, "postgres:// URL, key=value conninfo or mysql:// URL (read-only)")->required();
    cmd->add_option("-o,--out", args->out, "the workload file (default: standard output)");
    return [args] {
        auto report = read_server_digest(args->db);
        if (!report) {
            std::cerr << "dbsage: " << report.status().message() << "\n";
            return 2;
        }
        std::string text = format_workload(*report, report->files.front());
        if (args->out.empty()) {
            std::cout << text;
            return 0;
        }
        std::ofstream out(args->out);
        out << text;
        if (!out) {
            std::cerr << "dbsage: " << args->out << ": cannot write the workload file\n";
            return 2;
        }
        return 0;
    };
}

}  // namespace dbsage::cli
