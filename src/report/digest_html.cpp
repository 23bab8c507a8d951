// A single-file HTML report: inline CSS and SVG charts, nothing fetched.
#include <algorithm>

#include <fmt/format.h>

#include "util/strings.h"

#include "report/digest_report.h"

namespace dbsage {
namespace {


// Vertical bars, one per minute, scaled to the busiest minute.
std::string per_minute_chart(const DigestReport& report) {
    if (report.per_minute.empty()) return "<p>No timestamps in the log.</p>";
    const int width = 900, height = 160;
    double peak = 0;
    for (const auto& [minute, stats] : report.per_minute) peak = std::max(peak, stats.second);
    // At most 40 px a minute, so a short log does not turn into one wide block.
    double bar = std::min(40.0, static_cast<double>(width) / static_cast<double>(report.per_minute.size()));
    std::string svg = fmt::format("<svg viewBox=\"0 0 {} {}\" class=\"chart\" role=\"img\" aria-label=\"time per minute\">",
                                  width, height + 20);
    int i = 0;
    for (const auto& [minute, stats] : report.per_minute) {
        double h = peak > 0 ? stats.second / peak * height : 0;
        svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"><title>{}: {} calls, {:.1f} ms</title></rect>",
                           i * bar, height - h, std::max(1.0, bar - 1), h, escape_html(minute), stats.first, stats.second);
        ++i;
    }
    svg += fmt::format("<text x=\"0\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text></svg>",
                       height + 16, escape_html(report.per_minute.begin()->first), width, height + 16,
                       escape_html(report.per_minute.rbegin()->first));
    return svg;
}

}  // namespace

std::string format_digest_html(const DigestReport& report, int top) {
    std::vector<std::pair<std::uint64_t, const QueryStats*>> rows;
    for (const auto& [id, q] : report.queries) rows.emplace_back(id, &q);
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second->total_ms > b.second->total_ms; });
    if (top > 0 && rows.size() > static_cast<size_t>(top)) rows.resize(top);
    double biggest = rows.empty() ? 0 : rows.front().second->total_ms;

    std::string html = R"(<!doctype html><html lang="en"><meta charset="utf-8"><title>dbsage digest</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}
td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:right;vertical-align:top}td.q,th.q{text-align:left}
code{font:12px ui-monospace,monospace;white-space:pre-wrap}.chart rect{fill:#3b82f6}.chart text{font-size:11px;fill:#555}
.bar{background:#3b82f6;height:8px}.stats{display:flex;gap:2em;margin:1em 0}.stats div{font-size:20px}
.stats span{display:block;font-size:12px;color:#666}details{margin-top:4px}</style>
<h1>dbsage digest</h1>)";
    html += fmt::format("<div class=\"stats\"><div>{}<span>statements</span></div><div>{:.1f} ms<span>total time</span></div>"
                        "<div>{}<span>fingerprints</span></div><div>{}<span>errors</span></div>"
                        "<div>{}<span>lock waits</span></div><div>{}<span>temp files</span></div></div>",
                        report.statements, report.total_ms, report.queries.size(), [&] {
                            std::uint64_t n = 0;
                            for (const auto& [m, c] : report.errors) n += c;
                            return n;
                        }(), report.lock_waits, report.temp_files);
    html += fmt::format("<p>{} to {}; parse {:.1f} ms and bind {:.1f} ms reported apart.</p>",
                        escape_html(report.first.empty() ? "-" : report.first), escape_html(report.last.empty() ? "-" : report.last),
                        report.parse_ms, report.bind_ms);
    html += "<h2>Time per minute</h2>" + per_minute_chart(report);
    html += "<h2>Queries by total time</h2><table><tr><th>#</th><th>calls</th><th>total ms</th><th>share</th>"
            "<th>mean ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th><th class=\"q\">query</th></tr>";
    int rank = 0;
    for (const auto& [id, q] : rows) {
        double share = report.total_ms > 0 ? 100.0 * q->total_ms / report.total_ms : 0;
        html += fmt::format("<tr><td>{}</td><td>{}</td><td>{:.3f}</td><td>{:.1f}%<div class=\"bar\" style=\"width:{:.0f}%\"></div></td>"
                            "<td>{:.3f}</td><td>{:.3f}</td><td>{:.3f}</td><td>{:.3f}</td><td class=\"q\"><code>{}</code>"
                            "<details><summary>slowest example</summary><code>{}</code></details></td></tr>",
                            ++rank, q->calls, q->total_ms, share, biggest > 0 ? 100 * q->total_ms / biggest : 0,
                            q->total_ms / static_cast<double>(q->calls), q->histogram.percentile(95),
                            q->histogram.percentile(99), q->max_ms, escape_html(q->query), escape_html(q->example));
    }
    html += "</table>";
    if (!report.n_plus_one.empty()) {
        html += "<h2>N+1 patterns</h2><table><tr><th>session</th><th>count</th><th>span ms</th><th class=\"q\">example</th></tr>";
        for (const auto& n : report.n_plus_one)
            html += fmt::format("<tr><td>{}</td><td>{}</td><td>{:.0f}</td><td class=\"q\"><code>{}</code></td></tr>",
                                escape_html(n.session), n.count, n.span_ms, escape_html(n.example));
        html += "</table>";
    }
    if (!report.errors.empty()) {
        html += "<h2>Errors</h2><table><tr><th>count</th><th class=\"q\">message</th></tr>";
        for (const auto& [message, count] : report.errors)
            html += fmt::format("<tr><td>{}</td><td class=\"q\">{}</td></tr>", count, escape_html(message));
        html += "</table>";
    }
    return html + "</html>\n";
}

}  // namespace dbsage
