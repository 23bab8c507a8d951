#include "explain/pg_plan_text.h"

#include "explain/pg_plan_json.h"

#include <cstdlib>
#include <regex>
#include <sstream>

#include "util/strings.h"

namespace dbsage {
namespace {

// One line of a node: "->  Hash Join  (cost=1.00..2.00 rows=10 width=8) (actual time=0.1..0.2 rows=9 loops=1)".
const std::regex k_node(R"(^(.*?)\s+\(cost=([0-9.]+)\.\.([0-9.]+) rows=([0-9.e+]+) width=([0-9]+)\)(?:\s+\((?:actual time=([0-9.]+)\.\.([0-9.]+) rows=([0-9.e+]+) loops=([0-9]+)|(never executed))\))?)");
const std::regex k_subplan(R"(^((?:SubPlan|InitPlan) [0-9]+|CTE \S+)(?: \(returns .*\))?$)");
const std::regex k_sort_method(R"(^Sort Method: (.+?)\s+(Memory|Disk): ([0-9]+)kB)");
const std::regex k_buckets(R"(^Buckets: [0-9]+(?: originally [0-9]+)?\s+Batches: ([0-9]+)(?: originally ([0-9]+))?\s+Memory Usage: ([0-9]+)kB)");
const std::regex k_exact(R"(exact=([0-9]+))");
const std::regex k_lossy(R"(lossy=([0-9]+))");
const std::regex k_shared_hit(R"(shared hit=([0-9]+))");
const std::regex k_shared_read(R"(shared (?:hit=[0-9]+ )?read=([0-9]+))");
const std::regex k_temp_read(R"(temp read=([0-9]+))");
const std::regex k_temp_written(R"(temp (?:read=[0-9]+ )?written=([0-9]+))");
const std::regex k_trigger(R"(^Trigger .*: time=([0-9.]+))");
const std::regex k_jit(R"(^Timing: .*Total ([0-9.]+) ms)");
const std::regex k_cost_shape(R"(\(cost=[0-9.]+\.\.[0-9.]+ rows=[0-9]+ width=[0-9]+\))");
const std::regex k_label(R"(^(.*?)(?: using (\S+))? on (\S+)(?: (\S+))?$)");

// "Parallel Index Only Scan using i on orders o" -> type, index, relation, alias.
void read_label(const std::string& text, PlanNode& node) {
    std::smatch m;
    std::string label = text;
    if (auto colon = label.find(": "); label.rfind("SubPlan", 0) == 0 || label.rfind("InitPlan", 0) == 0 || label.rfind("CTE ", 0) == 0)
        if (colon != std::string::npos) label = label.substr(colon + 2);
    if (std::regex_match(label, m, k_label) && label.find(" on ") != std::string::npos) {
        node.type = m[1];
        node.index = m[2];
        std::string relation = m[3];
        if (auto dot = relation.find('.'); dot != std::string::npos) {
            node.schema = relation.substr(0, dot);
            relation = relation.substr(dot + 1);
        }
        node.relation = relation;
        node.alias = m[4].matched ? std::string(m[4]) : relation;
    } else if (auto using_at = label.find(" using "); using_at != std::string::npos) {
        node.type = label.substr(0, using_at);  // Bitmap Index Scan using i (on nothing)
        node.index = label.substr(using_at + 7);
    } else {
        node.type = label;
    }
}

// A detail line under a node: "Filter: …", "Rows Removed by Filter: 12", "Sort Method: external merge  Disk: 848kB", …
void read_detail(const std::string& line, PlanNode& node) {
    auto value = [&](const std::string& key) { return trim(std::string_view(line).substr(key.size())); };
    auto starts = [&](const char* key) { return line.rfind(key, 0) == 0; };
    std::smatch m;
    if (starts("Filter: ")) node.filter = value("Filter: ");
    else if (starts("Index Cond: ")) node.index_cond = value("Index Cond: ");
    else if (starts("Join Filter: ")) node.join_filter = value("Join Filter: ");
    else if (starts("Hash Cond: ")) node.hash_cond = value("Hash Cond: ");
    else if (starts("Recheck Cond: ")) node.recheck_cond = value("Recheck Cond: ");
    else if (starts("Rows Removed by Filter: ")) node.rows_removed_by_filter = leading_number(std::string(value("Rows Removed by Filter: ")));
    else if (starts("Rows Removed by Join Filter: ")) node.rows_removed_by_join_filter = leading_number(std::string(value("Rows Removed by Join Filter: ")));
    else if (starts("Rows Removed by Index Recheck: ")) node.rows_removed_by_recheck = leading_number(std::string(value("Rows Removed by Index Recheck: ")));
    else if (starts("Heap Fetches: ")) node.heap_fetches = leading_number(std::string(value("Heap Fetches: ")));
    else if (starts("Workers Planned: ")) node.workers_planned = std::atoi(std::string(value("Workers Planned: ")).c_str());
    else if (starts("Workers Launched: ")) node.workers_launched = std::atoi(std::string(value("Workers Launched: ")).c_str());
    else if (starts("Sort Key: ")) node.sort_key = split(std::string(value("Sort Key: ")), ',');
    else if (starts("Sort Method: ") && std::regex_search(line, m, k_sort_method)) {
        node.sort_method = m[1];
        node.sort_space_type = m[2];
        node.sort_space_kb = leading_number(m[3]);
    } else if (starts("Buckets: ") && std::regex_search(line, m, k_buckets)) {
        node.hash_batches = leading_number(m[1]);
        node.original_hash_batches = m[2].matched ? leading_number(m[2]) : node.hash_batches;
        node.peak_memory_kb = leading_number(m[3]);
    } else if (starts("Heap Blocks: ")) {
        if (std::regex_search(line, m, k_exact)) node.exact_heap_blocks = leading_number(m[1]);
        if (std::regex_search(line, m, k_lossy)) node.lossy_heap_blocks = leading_number(m[1]);
    } else if (starts("Buffers: ")) {
        if (std::regex_search(line, m, k_shared_hit)) node.shared_hit = leading_number(m[1]);
        if (std::regex_search(line, m, k_shared_read)) node.shared_read = leading_number(m[1]);
        if (std::regex_search(line, m, k_temp_read)) node.temp_read = leading_number(m[1]);
        if (std::regex_search(line, m, k_temp_written)) node.temp_written = leading_number(m[1]);
    }
}

struct Open {
    size_t indent;  // column of the node's name
    PlanNode* node;
};

}  // namespace

bool is_postgres_text_plan(const std::string& text) {
    return std::regex_search(text, k_cost_shape);
}

Result<Plan> read_postgres_text_plan(const std::string& text, const std::string& source) {
    Plan plan;
    plan.source = source;
    plan.format = "postgres-text";
    std::vector<Open> open;
    bool have_root = false;
    int line_number = 0;
    std::string pending_subplan;  // "SubPlan 1" on the line before the node it names
    std::istringstream lines(strip_psql_framing(text));
    for (std::string raw; std::getline(lines, raw);) {
        ++line_number;
        size_t indent = raw.find_first_not_of(' ');
        if (indent == std::string::npos) continue;  // a blank line
        std::string body = raw.substr(indent);
        bool arrow = body.rfind("->", 0) == 0;
        if (arrow) {
            body = std::string(trim(std::string_view(body).substr(2)));
            indent += 4;
        }
        std::smatch m;
        if (body.find("(cost=") != std::string::npos && std::regex_match(body, m, k_node)) {
            PlanNode node;
            read_label(m[1], node);
            node.startup_cost = leading_number(m[2]);
            node.total_cost = leading_number(m[3]);
            node.plan_rows = leading_number(m[4]);
            node.plan_width = std::atoi(std::string(m[5]).c_str());
            if (m[6].matched) {
                node.analyzed = true;
                node.actual_startup_ms = leading_number(m[6]);
                node.actual_total_ms = leading_number(m[7]);
                node.actual_rows = leading_number(m[8]);
                node.loops = leading_number(m[9]);
            } else if (m[10].matched) {
                node.analyzed = true;
                node.never_executed = true;
                node.loops = 0;
            }
            if (!pending_subplan.empty()) {
                node.subplan_name = pending_subplan;
                node.parent_relationship = pending_subplan.substr(0, pending_subplan.find(' '));
                pending_subplan.clear();
            }
            if (!have_root) {
                if (arrow) return Status::error(source + ":" + std::to_string(line_number) + ": the plan starts with a child node (\"->\"): the top of the tree is missing");
                plan.root = std::move(node);
                have_root = true;
                open.push_back({indent, &plan.root});
                continue;
            }
            while (!open.empty() && open.back().indent >= indent) open.pop_back();
            if (open.empty())
                return Status::error(source + ":" + std::to_string(line_number) + ": a node indented no deeper than the top of the plan: the tree is broken");
            if (open.size() >= k_max_plan_depth)
                return Status::error(source + ":" + std::to_string(line_number) + ": the plan is nested deeper than " + std::to_string(k_max_plan_depth) + " levels");
            open.back().node->children.push_back(std::move(node));
            PlanNode* added = &open.back().node->children.back();
            open.push_back({indent, added});
            continue;
        }
        std::string trimmed(trim(body));
        if (trimmed.rfind("Planning Time: ", 0) == 0 || trimmed.rfind("Planning time: ", 0) == 0) plan.planning_ms = leading_number(trimmed.substr(15));
        else if (trimmed.rfind("Execution Time: ", 0) == 0 || trimmed.rfind("Execution time: ", 0) == 0) plan.execution_ms = leading_number(trimmed.substr(16));
        else if (trimmed.rfind("Trigger ", 0) == 0 && std::regex_search(trimmed, m, k_trigger)) plan.trigger_ms += leading_number(m[1]);
        else if (trimmed.rfind("Timing: ", 0) == 0 && std::regex_search(trimmed, m, k_jit)) plan.jit_ms = leading_number(m[1]);
        else if ((trimmed.rfind("SubPlan ", 0) == 0 || trimmed.rfind("InitPlan ", 0) == 0 || trimmed.rfind("CTE ", 0) == 0) &&
                 std::regex_match(trimmed, m, k_subplan))
            pending_subplan = m[1];
        else if (!open.empty()) {
            // A detail belongs to the deepest open node it is indented under.
            while (open.size() > 1 && open.back().indent > indent) open.pop_back();
            read_detail(trimmed, *open.back().node);
        }
    }
    if (!have_root) return Status::error(source + ": no plan node in it (a line like \"Seq Scan on t  (cost=…)\")");
    plan.analyzed = plan.root.analyzed;
    return plan;
}

}  // namespace dbsage
