#include "report/digest_report.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace dbsage {
namespace {

std::vector<std::pair<std::uint64_t, const QueryStats*>> ranked(const DigestReport& report, int top) {
    std::vector<std::pair<std::uint64_t, const QueryStats*>> out;
    for (const auto& [id, q] : report.queries) out.emplace_back(id, &q);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.second->total_ms != b.second->total_ms ? a.second->total_ms > b.second->total_ms : a.first < b.first;
    });
    if (top > 0 && out.size() > static_cast<size_t>(top)) out.resize(top);
    return out;
}

std::string hex(std::uint64_t id) { return fmt::format("{:016x}", id); }

std::string cut_line(const std::string& s, size_t width) {
    std::string out;
    for (char c : s) out += (c == '\n' || c == '\t') ? ' ' : c;
    if (out.size() > width) out = out.substr(0, width - 1) + "…";
    return out;
}

}  // namespace

std::string format_digest_text(const DigestReport& report, int top) {
    std::string out = fmt::format("{} statements, {:.1f} ms in total, from {} to {} ({} lines read",
                                  report.statements, report.total_ms, report.first.empty() ? "-" : report.first,
                                  report.last.empty() ? "-" : report.last, report.lines);
    if (report.skipped_lines) {
        // "first at line 1 1" read as a typo: the numbers are listed with
        // commas, and said to be per file when there are several files.
        out += fmt::format(", {} skipped, the first at line{}", report.skipped_lines,
                           report.skipped_examples.size() == 1 ? "" : "s");
        for (size_t i = 0; i < report.skipped_examples.size(); ++i)
            out += fmt::format("{} {}", i ? "," : "", report.skipped_examples[i]);
        if (report.files.size() > 1) out += " (numbered within each file)";
    }
    out += fmt::format(")\nparse {:.1f} ms, bind {:.1f} ms (reported apart; a statement's time is its execution)\n\n",
                       report.parse_ms, report.bind_ms);
    out += fmt::format("{:>4} {:>8} {:>11} {:>6} {:>9} {:>9} {:>9} {:>9}  {}\n", "RANK", "CALLS", "TOTAL ms", "SHARE",
                       "MEAN ms", "P95 ms", "P99 ms", "MAX ms", "QUERY");
    int rank = 0;
    for (const auto& [id, q] : ranked(report, top)) {
        double share = report.total_ms > 0 ? 100.0 * q->total_ms / report.total_ms : 0;
        out += fmt::format("{:>4} {:>8} {:>11.3f} {:>5.1f}% {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f}  {}\n", ++rank, q->calls,
                           q->total_ms, share, q->total_ms / static_cast<double>(q->calls), q->histogram.percentile(95),
                           q->histogram.percentile(99), q->max_ms, cut_line(q->query, 90));
    }
    if (!report.n_plus_one.empty()) {
        out += "\nN+1 patterns (one session running the same statement many times in a row):\n";
        for (const auto& n : report.n_plus_one)
            out += fmt::format("  session {}: {} times in {:.0f} ms: {}\n", n.session, n.count, n.span_ms,
                               cut_line(n.example, 90));
    }
    if (!report.errors.empty()) {
        out += "\nErrors:\n";
        for (const auto& [message, count] : report.errors) out += fmt::format("  {:>6}  {}\n", count, cut_line(message, 100));
    }
    out += fmt::format("\nlock waits {}, temp files {}, autovacuum {}, autoanalyze {}, checkpoints {}, connections {}, "
                       "disconnections {}\n",
                       report.lock_waits, report.temp_files, report.autovacuum, report.autoanalyze, report.checkpoints,
                       report.connections, report.disconnections);
    return out;
}

std::string format_digest_markdown(const DigestReport& report, int top) {
    auto cell = [](const std::string& s) {
        std::string out;
        for (char c : cut_line(s, 120)) out += c == '|' ? std::string("\\|") : std::string(1, c);
        return out;
    };
    std::string out = fmt::format("**{} statements, {:.1f} ms**, {} to {}\n\n", report.statements, report.total_ms,
                                  report.first.empty() ? "-" : report.first, report.last.empty() ? "-" : report.last);
    out += "| # | calls | total ms | share | mean ms | p95 ms | p99 ms | max ms | query |\n";
    out += "|---:|---:|---:|---:|---:|---:|---:|---:|---|\n";
    int rank = 0;
    for (const auto& [id, q] : ranked(report, top)) {
        double share = report.total_ms > 0 ? 100.0 * q->total_ms / report.total_ms : 0;
        out += fmt::format("| {} | {} | {:.3f} | {:.1f}% | {:.3f} | {:.3f} | {:.3f} | {:.3f} | `{}` |\n", ++rank, q->calls,
                           q->total_ms, share, q->total_ms / static_cast<double>(q->calls), q->histogram.percentile(95),
                           q->histogram.percentile(99), q->max_ms, cell(q->query));
    }
    if (!report.n_plus_one.empty()) {
        out += "\n**N+1 patterns**\n\n| session | count | span ms | example |\n|---|---:|---:|---|\n";
        for (const auto& n : report.n_plus_one)
            out += fmt::format("| {} | {} | {:.0f} | `{}` |\n", n.session, n.count, n.span_ms, cell(n.example));
    }
    return out;
}

std::string format_workload(const DigestReport& report, const std::string& source) {
    using nlohmann::json;
    json queries = json::array();
    for (const auto& [id, q] : ranked(report, 0))
        queries.push_back({{"fingerprint", hex(id)}, {"query", q->query}, {"example", q->example}, {"calls", q->calls},
                           {"total_ms", q->total_ms}});
    json out = {{"workload", {{"source", source}, {"statements", report.statements}, {"total_ms", report.total_ms}}},
                {"queries", queries}};
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string format_digest_json(const DigestReport& report, int top) {
    using nlohmann::json;
    json queries = json::array();
    for (const auto& [id, q] : ranked(report, top)) {
        json users = json::object(), databases = json::object(), applications = json::object();
        for (const auto& [k, v] : q->users) users[k] = v;
        for (const auto& [k, v] : q->databases) databases[k] = v;
        for (const auto& [k, v] : q->applications) applications[k] = v;
        queries.push_back({
            {"fingerprint", hex(id)}, {"query", q->query}, {"example", q->example}, {"calls", q->calls},
            {"total_ms", q->total_ms}, {"mean_ms", q->total_ms / static_cast<double>(q->calls)}, {"min_ms", q->min_ms},
            {"max_ms", q->max_ms}, {"p50_ms", q->histogram.percentile(50)}, {"p95_ms", q->histogram.percentile(95)},
            {"p99_ms", q->histogram.percentile(99)},
            {"share", report.total_ms > 0 ? q->total_ms / report.total_ms : 0.0},
            {"first", q->first}, {"last", q->last}, {"users", users}, {"databases", databases}, {"applications", applications},
            {"rows_sent", q->rows_sent}, {"rows_examined", q->rows_examined},
        });
    }
    json n_plus_one = json::array();
    for (const auto& n : report.n_plus_one)
        n_plus_one.push_back({{"fingerprint", hex(n.fingerprint)}, {"session", n.session}, {"count", n.count},
                              {"span_ms", n.span_ms}, {"example", n.example}});
    json errors = json::array();
    for (const auto& [message, count] : report.errors) errors.push_back({{"message", message}, {"count", count}});
    json per_minute = json::array();
    for (const auto& [minute, stats] : report.per_minute)
        per_minute.push_back({{"minute", minute}, {"calls", stats.first}, {"total_ms", stats.second}});
    json out = {
        {"summary", {{"statements", report.statements}, {"total_ms", report.total_ms},
                     {"first", report.first}, {"last", report.last}, {"parse_ms", report.parse_ms},
                     {"bind_ms", report.bind_ms}, {"lines", report.lines}, {"skipped_lines", report.skipped_lines},
                     {"skipped_line_numbers", report.skipped_examples}, {"lock_waits", report.lock_waits},
                     {"temp_files", report.temp_files}, {"autovacuum", report.autovacuum},
                     {"autoanalyze", report.autoanalyze}, {"checkpoints", report.checkpoints},
                     {"connections", report.connections}, {"disconnections", report.disconnections}}},
        {"queries", queries},
        {"n_plus_one", n_plus_one},
        {"errors", errors},
        {"per_minute", per_minute},
    };
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace dbsage
