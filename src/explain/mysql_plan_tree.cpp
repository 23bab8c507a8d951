#include <cstdlib>
#include <regex>
#include <sstream>
#include <vector>

#include "explain/mysql_plan.h"
#include "util/strings.h"

namespace dbsage {
namespace {

// "-> Filter: (o.total > 10)  (cost=101 rows=333) (actual time=0.05..0.41 rows=30 loops=1)"
const std::regex k_costs(R"(\s+\(cost=([0-9.e+]+)(?:\.\.([0-9.e+]+))? rows=([0-9.e+]+)\))");
const std::regex k_actual(R"(\s*\(actual time=([0-9.e+]+)\.\.([0-9.e+]+) rows=([0-9.e+]+) loops=([0-9]+)\))");
// "Index lookup on o using customer_idx (customer_id=42)", "Table scan on orders", "Covering index scan on t using i"
const std::regex k_mysql_access(R"(^(.*?) on (\S+)(?: using (\S+))?(?: (?:over )?\((.*)\))?(.*)$)");

void read_line(std::string text, PlanNode& node) {
    std::smatch m;
    if (text.find("(never executed)") != std::string::npos) {
        node.analyzed = true;
        node.never_executed = true;
        node.loops = 0;
        text = text.substr(0, text.find("(never executed)"));
    }
    if (std::regex_search(text, m, k_actual)) {
        node.analyzed = true;
        node.actual_startup_ms = leading_number(m[1]);
        node.actual_total_ms = leading_number(m[2]);
        node.actual_rows = leading_number(m[3]);
        node.loops = leading_number(m[4]);
        node.never_executed = node.loops == 0;
        text = m.prefix().str() + m.suffix().str();
    }
    if (std::regex_search(text, m, k_costs)) {
        node.startup_cost = m[2].matched ? leading_number(m[1]) : 0;
        node.total_cost = leading_number(m[2].matched ? m[2] : m[1]);
        node.plan_rows = leading_number(m[3]);
        text = m.prefix().str() + m.suffix().str();
    }
    text = std::string(trim(text));
    auto colon = text.find(": ");
    std::string head = colon == std::string::npos ? text : text.substr(0, colon);
    std::string rest = colon == std::string::npos ? "" : text.substr(colon + 2);
    if (head == "Filter") {
        node.type = "Filter";
        node.filter = rest;
    } else if (head == "Sort" || head == "Sort row IDs") {
        node.type = "Sort";
        node.sort_method = "filesort";
        node.sort_key = split(rest.substr(0, rest.find(", limit input")), ',');
    } else if (text.rfind("Select #", 0) == 0) {
        node.type = text.substr(0, text.find(' ', 8));
        node.subplan_name = "Subquery";
        node.parent_relationship = "SubPlan";
        node.dependent = text.find("dependent") != std::string::npos;
    } else if (std::regex_match(text, m, k_mysql_access) && text.find(" on ") != std::string::npos && colon == std::string::npos) {
        node.type = m[1];
        node.label = text;
        node.relation = m[2];
        node.alias = m[2];
        node.index = m[3];
        node.index_cond = m[4];
        std::string type = to_lower(node.type);
        node.access_type = type == "table scan" ? "ALL" : type.find("index scan") != std::string::npos ? "index"
                         : type.find("range scan") != std::string::npos ? "range" : type.find("lookup") != std::string::npos ? "ref" : "";
    } else {
        node.type = head;
        if (!rest.empty() && head.find("join") != std::string::npos) node.join_filter = rest;
    }
    node.temporary = text.find("temporary table") != std::string::npos;
}

// A Filter over the scan it filters becomes the scan's filter, as
// PostgreSQL reports it, so rows thrown away are the scan's.
void fold_filters(PlanNode& node) {
    for (auto& c : node.children) fold_filters(c);
    if (node.type != "Filter" || node.children.size() != 1 || node.children[0].relation.empty() || !node.children[0].children.empty()) return;
    PlanNode scan = std::move(node.children[0]);
    scan.filter = node.filter;
    if (scan.analyzed && node.analyzed) {
        scan.rows_removed_by_filter = std::max(0.0, scan.actual_rows - node.actual_rows);
        scan.actual_rows = node.actual_rows;
        scan.actual_total_ms = node.actual_total_ms;
    }
    scan.rows_examined = scan.analyzed ? scan.actual_rows + scan.rows_removed_by_filter : scan.plan_rows;
    scan.plan_rows = node.plan_rows;
    scan.total_cost = std::max(scan.total_cost, node.total_cost);
    node = std::move(scan);
}

}  // namespace

bool is_mysql_tree_plan(const std::string& text) {
    std::string body = strip_mysql_client_framing(text.substr(0, 4096));
    std::string_view t = trim(body);
    return t.rfind("-> ", 0) == 0;
}

Result<Plan> read_mysql_tree_plan(const std::string& text, const std::string& source) {
    std::istringstream in(strip_mysql_client_framing(text));
    std::string line;
    struct Open {
        size_t indent;
        PlanNode* node;
    };
    Plan plan;
    plan.source = source;
    plan.format = "mysql-tree";
    // The query's tree first, then each subquery's ("-> Select #2 (subquery in projection; dependent)") at the same depth.
    std::vector<PlanNode> roots;
    roots.reserve(64);
    size_t top_indent = 0;
    std::vector<Open> stack;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        size_t arrow = line.find("-> ");
        if (arrow == std::string::npos || !trim(std::string_view(line).substr(0, arrow)).empty()) continue;
        PlanNode node;
        read_line(line.substr(arrow + 3), node);
        plan.analyzed |= node.analyzed;
        if (roots.empty()) top_indent = arrow;
        while (!stack.empty() && stack.back().indent >= arrow) stack.pop_back();
        if (stack.empty()) {
            if (arrow != top_indent || roots.size() == roots.capacity())
                return Status::error(source + ":" + std::to_string(number) + ": a node outside the plan's tree (less indented than its top)");
            roots.push_back(std::move(node));
            stack.push_back({arrow, &roots.back()});
            continue;
        }
        if (stack.size() >= k_max_plan_depth)
            return Status::error(source + ":" + std::to_string(number) + ": the plan is nested deeper than " + std::to_string(k_max_plan_depth) + " levels");
        PlanNode* parent = stack.back().node;
        parent->children.push_back(std::move(node));
        stack.push_back({arrow, &parent->children.back()});
    }
    if (roots.empty()) return Status::error(source + ": no plan node (a line starting with \"-> \") in it");
    for (auto& root : roots) fold_filters(root);
    for (auto& root : roots) {
        // "Select #2" carries no figures: its first node's are the subquery's.
        if (root.subplan_name.empty() || root.analyzed || root.children.empty()) continue;
        const PlanNode& first = root.children[0];
        root.analyzed = first.analyzed;
        root.loops = first.loops;
        root.actual_total_ms = first.actual_total_ms;
        root.actual_rows = first.actual_rows;
    }
    if (roots.size() == 1) {
        plan.root = std::move(roots[0]);
    } else {
        plan.root.type = "Query";
        plan.root.analyzed = plan.analyzed;
        for (const auto& r : roots) plan.root.actual_total_ms += r.actual_total_ms * r.loops;
        plan.root.children = std::move(roots);
    }
    if (plan.analyzed) plan.format = "mysql-analyze-tree";
    return plan;
}

}  // namespace dbsage
