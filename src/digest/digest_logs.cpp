// The digest's entry points: each input's format is told from its first
// bytes and the input goes through the block pipeline in that format.
#include <algorithm>
#include <ctime>
#include <string>
#include <thread>

#include "digest/block_pipeline.h"
#include "digest/digest.h"
#include "digest/log_input.h"
#include "digest/stderr_reader.h"
#include "digest/structured_readers.h"
#include "digest/syslog_input.h"

namespace dbsage {
namespace {

constexpr size_t k_head_bytes = 4096;

int current_year() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return local.tm_year + 1900;
}

void digest_input(LogInput& in, const DigestOptions& options, DigestReport& report, std::uint64_t& bytes_read) {
    std::string head(k_head_bytes, '\0');
    head.resize(read_full(in, head.data(), head.size()));
    LogFormat format = detect_log_format(head);
    // log_statement + log_duration put a statement and its duration on
    // separate lines, maybe far apart: such a log is read in order.
    bool logs_statements = format == LogFormat::stderr_text && (head.find("LOG:  statement: ") != std::string::npos ||
                                                                head.find("LOG:  execute ") != std::string::npos);
    bool is_syslog = format == LogFormat::stderr_text && looks_like_syslog(head);
    PrefixedInput whole(std::move(head), in);
    // syslog lines are rewritten to the stderr shape first; the server's own
    // prefix then comes after the one the rewriting puts.
    std::unique_ptr<LogInput> syslog;
    DigestOptions syslog_options;
    if (is_syslog) {
        syslog = syslog_as_stderr(whole, current_year());
        syslog_options = options;
        if (!options.prefix.empty()) syslog_options.prefix = std::string(k_syslog_rewritten_prefix) + options.prefix;
    }
    LogInput& input = syslog ? *syslog : whole;
    const DigestOptions& read_options = syslog ? syslog_options : options;
    int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    BlockFormat blocks = format == LogFormat::csv          ? csv_block_format()
                       : format == LogFormat::json       ? json_block_format()
                       : format == LogFormat::mysql_slow ? mysql_slow_block_format()
                                                         : stderr_block_format(read_options);
    if (logs_statements) blocks.in_order = true;
    digest_blocks(input, blocks, read_options, threads, report, bytes_read);
}

Status check_something_read(const std::vector<std::string>& paths, const DigestOptions& options, const DigestReport& report) {
    std::string name = paths.empty() ? std::string("input") : paths.front();
    if (report.statements == 0 && !report.warnings.empty()) return Status::error(report.warnings.front());
    if (report.lines == 0) return Status::error(name + ": the log is empty");
    // Blank and stray continuation lines are not records either: a file of
    // garbage has nothing but those and skipped lines.
    if (report.records == 0 && !options.prefix.empty())
        return Status::error(name + ": no line matches --prefix '" + options.prefix +
                             "'; compare it with the server's log_line_prefix");
    if (report.records == 0)
        return Status::error(name + ": no PostgreSQL log lines recognized (is log_line_prefix unusual?)");
    return Status::ok();
}

}  // namespace

void digest_text(std::string_view text, const DigestOptions& options, DigestReport& report) {
    auto in = text_input(text);
    std::uint64_t bytes_read = 0;
    digest_input(*in, options, report, bytes_read);
    finish_report(report);
}

Result<DigestReport> digest_logs(const std::vector<std::string>& paths, const DigestOptions& options) {
    DigestReport report;
    std::uint64_t bytes_read = 0;
    std::string first_error;
    LogPaths inputs = expand_log_paths(paths);
    report.notes = inputs.notes;
    for (const auto& path : inputs.files) {
        auto in = open_log(path);
        if (!in) {
            // One unreadable file does not lose the others: said, and skipped.
            if (first_error.empty()) first_error = in.status().message();
            report.warnings.push_back(in.status().message() + "; the other inputs were read");
            continue;
        }
        report.files.push_back(path);
        digest_input(**in, options, report, bytes_read);
        if (!(*in)->status().is_ok()) report.warnings.push_back((*in)->status().message() + "; what came before was read");
    }
    finish_report(report);
    if (report.files.empty() && !first_error.empty()) return Status::error(first_error);
    if (Status status = check_something_read(paths, options, report); !status.is_ok()) return status;
    return report;
}

}  // namespace dbsage
