#include "report/plan_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "explain/plan_checks.h"
#include "util/strings.h"

namespace dbsage {
namespace {

constexpr int k_bar_width = 10;

std::string bar(double share) {
    // A hand-edited or partial plan can give a node more than the whole (or a NaN).
    share = std::isfinite(share) ? std::clamp(share, 0.0, 1.0) : 0.0;
    int full = static_cast<int>(share * k_bar_width + 0.5);
    return std::string(static_cast<size_t>(full), '#') + std::string(static_cast<size_t>(k_bar_width - full), '.');
}

struct Printer {
    const PlanAnalysis& analysis;
    bool color;
    std::map<int, std::vector<const Finding*>> by_node;
    std::string out;
    int number = 0;

    std::string paint(const std::string& text, const char* code) const {
        return color ? std::string("\033[") + code + "m" + text + "\033[0m" : text;
    }

    void node(const PlanNode& n, const std::string& indent, bool last, bool root) {
        ++number;
        std::string branch = root ? "" : indent + (last ? "└─ " : "├─ ");
        std::string name = plan_node_title(n);
        std::string figures;
        if (analysis.plan.analyzed && !n.analyzed) {
            // SQLite times only the whole statement.
            figures = n.plan_rows > 0 ? fmt::format("table of {:.0f} rows", n.plan_rows) : "";
        } else if (analysis.plan.analyzed) {
            double share = analysis.total_ms > 0 ? n.exclusive_ms / analysis.total_ms : 0;
            figures = n.never_executed ? "never executed"
                                       : fmt::format("{} {:5.1f}% {:.3f} ms  rows {:.0f} (est. {:.0f}){}", bar(share), 100 * share,
                                                     n.exclusive_ms, n.actual_rows, n.plan_rows,
                                                     n.loops > 1 ? fmt::format(" x{:.0f} loops", n.loops) : "");
        } else if (analysis.total_cost > 0) {
            double share = n.exclusive_cost / analysis.total_cost;
            figures = fmt::format("{} {:5.1f}% of the cost  rows {:.0f} (est.)", bar(share), 100 * share, n.plan_rows);
        } else if (n.plan_rows > 0) {
            figures = fmt::format("table of {:.0f} rows", n.plan_rows);
        }
        out += fmt::format("{:>3} {}{}  {}\n", number, branch, paint(name, "1"), figures);
        std::string child_indent = root ? "    " : indent + (last ? "   " : "│  ");
        for (const Finding* f : by_node[number])
            out += "    " + child_indent + paint(std::string(to_string(f->severity)) + "[" + f->rule + "]", f->severity == Severity::warning ? "33" : "36") +
                   ": " + f->message + "\n";
        for (size_t i = 0; i < n.children.size(); ++i) node(n.children[i], child_indent, i + 1 == n.children.size(), false);
    }
};

// "slowest: node 5 Full Table Scan on o, 12.966 ms (64.1%); costliest: …"
std::string slowest_and_costliest(const PlanAnalysis& analysis) {
    const PlanNode *slowest = nullptr, *costliest = nullptr;
    int slowest_number = 0, costliest_number = 0;
    auto nodes = nodes_in_order(analysis.plan.root);
    for (size_t i = 0; i < nodes.size(); ++i) {
        const PlanNode& n = *nodes[i];
        if (n.analyzed && (!slowest || n.exclusive_ms > slowest->exclusive_ms)) {
            slowest = &n;
            slowest_number = static_cast<int>(i) + 1;
        }
        if (n.exclusive_cost > 0 && (!costliest || n.exclusive_cost > costliest->exclusive_cost)) {
            costliest = &n;
            costliest_number = static_cast<int>(i) + 1;
        }
    }
    std::string out;
    if (slowest && analysis.total_ms > 0)
        out += fmt::format("slowest: node {} {}, {:.3f} ms ({:.1f}%)", slowest_number, plan_node_label(*slowest), slowest->exclusive_ms,
                           100 * slowest->exclusive_ms / analysis.total_ms);
    if (costliest && analysis.total_cost > 0)
        out += fmt::format("{}costliest: node {} {}, {:.2f} ({:.1f}% of the cost)", out.empty() ? "" : "; ", costliest_number,
                           plan_node_label(*costliest), costliest->exclusive_cost, 100 * costliest->exclusive_cost / analysis.total_cost);
    return out.empty() ? out : "\n" + out + "\n";
}

}  // namespace

std::string format_plan_text(const PlanAnalysis& analysis, bool color) {
    Printer p{analysis, color, {}, {}, 0};
    for (const auto& f : analysis.findings) p.by_node[f.location.line].push_back(&f);
    const Plan& plan = analysis.plan;
    p.out += plan.source + (plan.analyzed ? fmt::format(": {:.3f} ms", analysis.total_ms)
                            : analysis.total_cost > 0 ? fmt::format(": cost {:.2f}", analysis.total_cost)
                                                      : " (" + plan.format + ")");
    // Planning, JIT and triggers as shares of what the statement took in all.
    double whole = analysis.total_ms + plan.planning_ms.value_or(0);
    auto share = [&](double ms) { return whole > 0 ? fmt::format(" ({:.1f}%)", 100 * ms / whole) : std::string(); };
    if (plan.planning_ms) p.out += fmt::format(", planning {:.3f} ms{}", *plan.planning_ms, share(*plan.planning_ms));
    if (plan.jit_ms) p.out += fmt::format(", JIT {:.3f} ms{}", *plan.jit_ms, share(*plan.jit_ms));
    if (plan.trigger_ms > 0) p.out += fmt::format(", triggers {:.3f} ms{}", plan.trigger_ms, share(plan.trigger_ms));
    p.out += plan.analyzed             ? "  (each node: its own time, children subtracted)\n\n"
             : analysis.total_cost > 0 ? "  (EXPLAIN without ANALYZE: costs only)\n\n"
                                       : "  (the engine gave no costs or times)\n\n";
    p.node(plan.root, "", true, true);
    p.out += slowest_and_costliest(analysis);
    if (!analysis.findings.empty()) {
        p.out += "\n";
        for (const auto& f : analysis.findings) {
            p.out += fmt::format("{}[{}]: {}\n  --> node {}: {}\n  = help: {}\n", to_string(f.severity), f.rule, f.message,
                                 f.location.line, f.location.object, f.help);
            if (f.fix) p.out += "  = fix: " + *f.fix + "\n";
        }
    }
    p.out += fmt::format("\n{} finding{}\n", analysis.findings.size(), analysis.findings.size() == 1 ? "" : "s");
    for (const auto& note : analysis.notes) p.out += "note: " + note + "\n";
    return p.out;
}

std::string format_plan_json(const PlanAnalysis& analysis) {
    using nlohmann::json;
    std::function<json(const PlanNode&)> node = [&](const PlanNode& n) {
        json children = json::array();
        for (const auto& c : n.children) children.push_back(node(c));
        json j = {{"type", n.type}, {"relation", n.relation}, {"index", n.index}, {"plan_rows", n.plan_rows},
                  {"total_cost", n.total_cost}, {"exclusive_cost", n.exclusive_cost}};
        j["children"] = std::move(children);
        if (n.analyzed) {
            j["actual_rows"] = n.actual_rows;
            j["loops"] = n.loops;
            j["total_ms"] = n.total_ms;
            j["exclusive_ms"] = n.exclusive_ms;
        }
        return j;
    };
    json findings = json::array();
    for (const auto& f : analysis.findings) {
        json item = {{"rule", f.rule}, {"severity", to_string(f.severity)}, {"message", f.message}, {"help", f.help},
                     {"node", f.location.line}, {"object", f.location.object}};
        if (f.fix) item["fix"] = *f.fix;
        findings.push_back(item);
    }
    json out = {{"source", analysis.plan.source}, {"format", analysis.plan.format}, {"analyzed", analysis.plan.analyzed},
                {"total_ms", analysis.total_ms}, {"total_cost", analysis.total_cost}, {"plan", node(analysis.plan.root)},
                {"findings", findings}};
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace dbsage
