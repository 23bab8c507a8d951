// The plan analysis as markdown and as a self-contained HTML page.
#include <fmt/format.h>

#include <functional>
#include <map>

#include "explain/plan_checks.h"
#include "report/plan_report.h"
#include "util/strings.h"

namespace dbsage {
namespace {

// A table cell: pipes and line breaks would end it.
std::string cell(const std::string& text) {
    std::string out;
    for (char c : one_line(text)) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

double share_of(const PlanAnalysis& a, const PlanNode& n) {
    if (a.plan.analyzed && a.total_ms > 0) return n.exclusive_ms / a.total_ms;
    return a.total_cost > 0 ? n.exclusive_cost / a.total_cost : 0;
}

std::string totals(const PlanAnalysis& a) {
    std::string out = a.plan.analyzed ? fmt::format("{:.3f} ms", a.total_ms)
                      : a.total_cost > 0 ? fmt::format("cost {:.2f}", a.total_cost)
                                         : std::string("no costs or times");
    if (a.plan.planning_ms) out += fmt::format(", planning {:.3f} ms", *a.plan.planning_ms);
    if (a.plan.jit_ms) out += fmt::format(", JIT {:.3f} ms", *a.plan.jit_ms);
    if (a.plan.trigger_ms > 0) out += fmt::format(", triggers {:.3f} ms", a.plan.trigger_ms);
    return out + " · " + a.plan.format;
}

std::string figures(const PlanAnalysis& a, const PlanNode& n) {
    if (n.never_executed) return "never executed";
    if (a.plan.analyzed && n.analyzed)
        return fmt::format("{:.3f} ms · rows {:.0f} (est. {:.0f}){}", n.exclusive_ms, n.actual_rows, n.plan_rows,
                           n.loops > 1 ? fmt::format(" × {:.0f} loops", n.loops) : "");
    if (a.total_cost > 0) return fmt::format("cost {:.2f} · rows {:.0f} (est.)", n.exclusive_cost, n.plan_rows);
    return n.plan_rows > 0 ? fmt::format("table of {:.0f} rows", n.plan_rows) : "";
}

std::map<int, std::vector<const Finding*>> by_node(const PlanAnalysis& a) {
    std::map<int, std::vector<const Finding*>> out;
    for (const auto& f : a.findings) out[f.location.line].push_back(&f);
    return out;
}

}  // namespace

std::string format_plan_markdown(const PlanAnalysis& a) {
    auto findings = by_node(a);
    std::string out = fmt::format("### Plan: {}\n\n{}\n\n| # | Node | Own share | Figures | Findings |\n|---|---|---|---|---|\n",
                                  cell(a.plan.source), totals(a));
    int number = 0;
    std::function<void(const PlanNode&, int)> walk = [&](const PlanNode& n, int depth) {
        ++number;
        std::string rules;
        for (const Finding* f : findings[number]) rules += (rules.empty() ? "" : ", ") + std::string("`") + f->rule + "`";
        std::string indent;
        for (int i = 1; i < depth; ++i) indent += "· ";
        if (depth > 0) indent += "↳ ";
        out += fmt::format("| {} | {}{} | {:.1f}% | {} | {} |\n", number, indent, cell(plan_node_title(n)), 100 * share_of(a, n),
                           cell(figures(a, n)), rules);
        for (const auto& c : n.children) walk(c, depth + 1);
    };
    walk(a.plan.root, 0);
    if (!a.findings.empty()) out += "\n#### Findings\n\n";
    for (const auto& f : a.findings) {
        out += fmt::format("- **{}** `{}` at node {} ({}): {}  \n  {}\n", to_string(f.severity), f.rule, f.location.line,
                           cell(f.location.object), cell(f.message), cell(f.help));
        if (f.fix) out += "  ```sql\n  " + *f.fix + "\n  ```\n";
    }
    for (const auto& note : a.notes) out += "\n> " + note + "\n";
    return out;
}

std::string format_plan_html(const PlanAnalysis& a) {
    auto findings = by_node(a);
    std::string out =
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>dbsage explain: " + escape_html(a.plan.source) +
        "</title>\n<style>\n"
        "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}code,pre,.node{font-family:ui-monospace,monospace}\n"
        "details{margin-left:1.2em;border-left:1px solid #ccc;padding-left:.6em}summary{cursor:pointer;list-style:none}\n"
        ".bar{display:inline-block;width:120px;height:.8em;background:#eee;margin-right:.5em;vertical-align:middle}\n"
        ".bar span{display:block;height:100%;background:#d9534f}.fig{color:#666;margin-left:.6em}\n"
        ".warning{color:#a15c00}.error{color:#c00}.info{color:#00639c}.detail{color:#555;margin:.1em 0 .1em 1.5em}\n"
        "pre{background:#f6f6f6;padding:.5em}li{margin-bottom:.6em}\n</style></head><body>\n";
    out += "<h2>Plan: " + escape_html(a.plan.source) + "</h2>\n<p>" + escape_html(totals(a)) + "</p>\n";
    int number = 0;
    std::function<void(const PlanNode&)> walk = [&](const PlanNode& n) {
        ++number;
        double share = share_of(a, n);
        out += fmt::format("<details open><summary><span class=\"bar\"><span style=\"width:{:.0f}%\"></span></span>"
                           "<b class=\"node\">{}</b> {}<span class=\"fig\">{:.1f}% · {}</span></summary>\n",
                           100 * share, number, escape_html(plan_node_title(n)), 100 * share, escape_html(figures(a, n)));
        for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"Filter", &n.filter}, {"Index Cond", &n.index_cond},
                                         {"Join Filter", &n.join_filter}, {"Hash Cond", &n.hash_cond}})
            if (!value->empty()) out += "<div class=\"detail\">" + std::string(key) + ": <code>" + escape_html(*value) + "</code></div>\n";
        for (const Finding* f : findings[number])
            out += fmt::format("<div class=\"detail {}\">{}[{}]: {}</div>\n", to_string(f->severity), to_string(f->severity), f->rule,
                               escape_html(f->message));
        for (const auto& c : n.children) walk(c);
        out += "</details>\n";
    };
    walk(a.plan.root);
    if (!a.findings.empty()) out += "<h3>Findings</h3>\n<ul>\n";
    for (const auto& f : a.findings) {
        out += fmt::format("<li><b class=\"{}\">{}[{}]</b> node {} ({}): {}<br>{}", to_string(f.severity), to_string(f.severity), f.rule,
                           f.location.line, escape_html(f.location.object), escape_html(f.message), escape_html(f.help));
        if (f.fix) out += "<pre>" + escape_html(*f.fix) + "</pre>";
        out += "</li>\n";
    }
    if (!a.findings.empty()) out += "</ul>\n";
    for (const auto& note : a.notes) out += "<p><i>note: " + escape_html(note) + "</i></p>\n";
    return out + "</body></html>\n";
}

}  // namespace dbsage
