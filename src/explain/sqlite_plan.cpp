#include "explain/sqlite_plan.h"

#include <cstdlib>
#include <functional>
#include <map>
#include <regex>
#include <sstream>

#include "util/strings.h"

namespace dbsage {
namespace {

// "SEARCH o USING INDEX orders_customer (customer_id=?)", "SCAN TABLE orders AS o" (before 3.36),
// "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)", "SCAN t USING COVERING INDEX i".
const std::regex k_access(R"(^(SCAN|SEARCH)(?: TABLE)? (\S+)(?: AS (\S+))?(?: USING (?:(COVERING )?INDEX (\S+)|(INTEGER PRIMARY KEY|PRIMARY KEY)))?(?: \((.*)\))?.*$)");
const std::regex k_row(R"(^\s*([0-9]+)\|([0-9]+)\|[0-9]+\|(.*)$)");

PlanNode node_of(const std::string& detail) {
    PlanNode node;
    std::smatch m;
    if (std::regex_match(detail, m, k_access) && m[2] != "CONSTANT" && m[2] != "SUBQUERY") {
        node.type = m[1] == "SCAN" ? "SCAN" : "SEARCH";
        node.relation = m[2];
        node.alias = m[3].matched ? std::string(m[3]) : node.relation;
        node.index = m[5].matched ? std::string(m[5]) : m[6].matched ? std::string(m[6]) : "";
        node.index_cond = m[7];
        node.access_type = node.type == "SEARCH" ? "search" : m[4].matched || m[5].matched ? "index" : "ALL";
        node.label = detail;
        return node;
    }
    node.type = detail;
    node.temporary = detail.rfind("USE TEMP B-TREE", 0) == 0;
    if (detail.rfind("CORRELATED", 0) == 0) {
        node.dependent = true;
        node.subplan_name = "Subquery";
        node.parent_relationship = "SubPlan";
    }
    return node;
}

}  // namespace

bool is_sqlite_plan(const std::string& text) {
    std::istringstream in(text.substr(0, 4096));
    std::string line;
    while (std::getline(in, line)) {
        std::string_view t = trim(line);
        if (t.empty() || t == "QUERY PLAN") continue;
        return t.rfind("|--", 0) == 0 || t.rfind("`--", 0) == 0 || std::regex_match(line, k_row);
    }
    return false;
}

Plan sqlite_plan_from_rows(const std::vector<SqlitePlanRow>& rows, const std::string& source) {
    Plan plan;
    plan.source = source;
    plan.format = "sqlite-eqp";
    plan.root.type = "QUERY PLAN";
    // Rows come parent first; a parent that is not there means the top.
    std::map<int, std::vector<size_t>> children;
    std::map<int, bool> known;
    for (const auto& r : rows) known[r.id] = true;
    for (size_t i = 0; i < rows.size(); ++i) children[known.count(rows[i].parent) ? rows[i].parent : 0].push_back(i);
    std::function<void(int, PlanNode&, int)> build = [&](int id, PlanNode& into, int depth) {
        if (static_cast<size_t>(depth) > k_max_plan_depth) return;
        for (size_t i : children[id]) {
            into.children.push_back(node_of(rows[i].detail));
            if (rows[i].id != id) build(rows[i].id, into.children.back(), depth + 1);
        }
    };
    build(0, plan.root, 0);
    return plan;
}

Result<Plan> read_sqlite_plan(const std::string& text, const std::string& source) {
    std::istringstream in(text);
    std::string line;
    std::vector<SqlitePlanRow> rows;
    std::vector<std::pair<size_t, int>> open;  // (depth, id) of the nodes above the next line
    int number = 0, next_id = 1;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trim(line).empty() || trim(line) == "QUERY PLAN") continue;
        std::smatch m;
        if (std::regex_match(line, m, k_row)) {
            rows.push_back({std::atoi(m[1].str().c_str()), std::atoi(m[2].str().c_str()), m[3]});
            continue;
        }
        // The shell draws each level three columns deeper: "|--", "`--", "|  ", "   ".
        size_t at = line.find("--");
        if (at == std::string::npos || at == 0 || (line[at - 1] != '|' && line[at - 1] != '`'))
            return Status::error(source + ":" + std::to_string(number) + ": not a line of SQLite's EXPLAIN QUERY PLAN tree");
        size_t depth = (at - 1) / 3;
        while (!open.empty() && open.back().first >= depth) open.pop_back();
        if (open.size() != depth)
            return Status::error(source + ":" + std::to_string(number) + ": the tree skips a level here");
        int id = next_id++;
        rows.push_back({id, open.empty() ? 0 : open.back().second, line.substr(at + 2)});
        open.push_back({depth, id});
    }
    if (rows.empty()) return Status::error(source + ": no plan line in it");
    return sqlite_plan_from_rows(rows, source);
}

}  // namespace dbsage
