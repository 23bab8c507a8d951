#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "explain/plan_checks.h"
#include "report/plan_report.h"

namespace dbsage {
namespace {

std::string name_of(const PlanNode& n) { return plan_node_title(n); }

const char* kind_name(NodeDiff::Kind kind) {
    switch (kind) {
        case NodeDiff::Kind::same: return "same";
        case NodeDiff::Kind::changed_type: return "changed type";
        case NodeDiff::Kind::appeared: return "appeared";
        case NodeDiff::Kind::vanished: return "vanished";
    }
    return "same";
}

// "412.100 → 0.800 ms", or one side when the node is on one side only.
std::string figures(const NodeDiff& d, bool timed) {
    auto value = [&](const PlanNode* n) { return timed ? n->exclusive_ms : n->exclusive_cost; };
    const char* unit = timed ? " ms" : "";
    int digits = timed ? 3 : 2;
    std::string out;
    if (d.before && d.after)
        out = fmt::format("{:.{}f} → {:.{}f}{}", value(d.before), digits, value(d.after), digits, unit);
    else
        out = fmt::format("{}{:.{}f}{}", d.after ? "" : "was ", value(d.after ? d.after : d.before), digits, unit);
    if (!timed) out = "cost " + out;
    auto rows = [&](const PlanNode* n) { return n->analyzed ? n->actual_rows : n->plan_rows; };
    if (d.before && d.after) {
        if (rows(d.before) != rows(d.after)) out += fmt::format("  rows {:.0f} → {:.0f}", rows(d.before), rows(d.after));
        double bb = d.before->shared_hit + d.before->shared_read, ba = d.after->shared_hit + d.after->shared_read;
        if (bb != ba) out += fmt::format("  buffers {:.0f} → {:.0f}", bb, ba);
    } else {
        out += fmt::format("  rows {:.0f}", rows(d.after ? d.after : d.before));
    }
    return out;
}

}  // namespace

std::string format_plan_diff_text(const PlanDiff& diff, bool color) {
    auto paint = [&](const std::string& text, const char* code) {
        return color ? std::string("\033[") + code + "m" + text + "\033[0m" : text;
    };
    std::string out;
    auto total = [&](const PlanAnalysis& a) {
        return diff.timed ? fmt::format("{:.3f} ms", a.total_ms) : fmt::format("cost {:.2f}", a.total_cost);
    };
    out += fmt::format("before: {}  {}\nafter:  {}  {}\n\n", diff.before.plan.source, total(diff.before), diff.after.plan.source,
                       total(diff.after));
    for (size_t i = 0; i < diff.nodes.size(); ++i) {
        const NodeDiff& d = diff.nodes[i];
        const PlanNode& shown = d.after ? *d.after : *d.before;
        std::string marker = d.kind == NodeDiff::Kind::appeared ? "+" : d.kind == NodeDiff::Kind::vanished ? "-"
                           : d.kind == NodeDiff::Kind::changed_type ? "~" : " ";
        std::string name = name_of(shown);
        if (d.kind == NodeDiff::Kind::changed_type) name += " (was " + name_of(*d.before) + ")";
        const char* code = d.kind == NodeDiff::Kind::appeared ? "32" : d.kind == NodeDiff::Kind::vanished ? "31"
                         : d.kind == NodeDiff::Kind::changed_type ? "33" : "1";
        std::string line = fmt::format("{} {}{}  {}", marker, std::string(static_cast<size_t>(d.depth) * 2, ' '), paint(name, code),
                                       figures(d, diff.timed));
        if (static_cast<int>(i) == diff.responsible) line += paint("  <- most of the change", "1");
        out += line + "\n";
    }
    out += "\n" + diff.verdict + "\n";
    return out;
}

std::string format_plan_diff_json(const PlanDiff& diff) {
    using nlohmann::json;
    json nodes = json::array();
    for (const auto& d : diff.nodes) {
        json j = {{"change", kind_name(d.kind)}, {"depth", d.depth}};
        auto side = [&](const PlanNode* n, int number) {
            json s = {{"node", number}, {"name", name_of(*n)}, {"exclusive_cost", n->exclusive_cost}, {"plan_rows", n->plan_rows}};
            if (n->analyzed) {
                s["exclusive_ms"] = n->exclusive_ms;
                s["actual_rows"] = n->actual_rows;
                s["loops"] = n->loops;
                s["buffers"] = n->shared_hit + n->shared_read;
            }
            return s;
        };
        if (d.before) j["before"] = side(d.before, d.before_number);
        if (d.after) j["after"] = side(d.after, d.after_number);
        j["ms_change"] = d.ms_change;
        j["cost_change"] = d.cost_change;
        nodes.push_back(j);
    }
    json out = {{"before", diff.before.plan.source}, {"after", diff.after.plan.source}, {"timed", diff.timed},
                {"total_before", diff.total_before}, {"total_after", diff.total_after}, {"change_percent", diff.change_percent()},
                {"buffers_before", diff.buffers_before}, {"buffers_after", diff.buffers_after}, {"verdict", diff.verdict},
                {"responsible", diff.responsible}, {"nodes", nodes}};
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace dbsage
