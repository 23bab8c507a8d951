#include "explain/pg_plan_json.h"

#include <nlohmann/json.hpp>

#include <sstream>

#include "util/strings.h"

namespace dbsage {
namespace {

using nlohmann::json;

double number(const json& node, const char* key) {
    auto it = node.find(key);
    return it != node.end() && it->is_number() ? it->get<double>() : 0;
}

std::string text(const json& node, const char* key) {
    auto it = node.find(key);
    return it != node.end() && it->is_string() ? it->get<std::string>() : "";
}

// The node's name as the text format prints it ("Partial HashAggregate",
// "Hash Left Join", "Parallel Seq Scan"), so both formats name nodes alike.
std::string text_name(const json& n) {
    std::string type = text(n, "Node Type");
    std::string strategy = text(n, "Strategy");
    if (type == "Aggregate") {
        type = strategy == "Sorted" ? "GroupAggregate" : strategy == "Hashed" ? "HashAggregate" : strategy == "Mixed" ? "MixedAggregate" : type;
        std::string mode = text(n, "Partial Mode");
        if (mode == "Partial" || mode == "Finalize") type = mode + " " + type;
    } else if (type == "SetOp" && strategy == "Hashed") {
        type = "HashSetOp";
    } else if (type == "ModifyTable") {
        std::string operation = text(n, "Operation");
        if (!operation.empty()) type = operation;
    }
    std::string join = text(n, "Join Type");
    if (!join.empty() && join != "Inner") {
        if (type == "Nested Loop") type += " " + join + " Join";
        else if (auto at = type.rfind(" Join"); at != std::string::npos) type = type.substr(0, at) + " " + join + " Join";
    }
    if (auto it = n.find("Parallel Aware"); it != n.end() && it->is_boolean() && it->get<bool>()) type = "Parallel " + type;
    return type;
}

PlanNode read_node(const json& n, size_t depth, bool& too_deep) {
    PlanNode node;
    node.type = text_name(n);
    node.relation = text(n, "Relation Name");
    node.schema = text(n, "Schema");
    node.alias = text(n, "Alias");
    node.index = text(n, "Index Name");
    node.parent_relationship = text(n, "Parent Relationship");
    node.subplan_name = text(n, "Subplan Name");
    node.join_type = text(n, "Join Type");
    node.filter = text(n, "Filter");
    node.index_cond = text(n, "Index Cond");
    node.join_filter = text(n, "Join Filter");
    node.hash_cond = text(n, "Hash Cond");
    node.recheck_cond = text(n, "Recheck Cond");
    if (auto it = n.find("Sort Key"); it != n.end() && it->is_array())
        for (const auto& k : *it)
            if (k.is_string()) node.sort_key.push_back(k.get<std::string>());
    node.startup_cost = number(n, "Startup Cost");
    node.total_cost = number(n, "Total Cost");
    node.plan_rows = number(n, "Plan Rows");
    node.plan_width = static_cast<int>(number(n, "Plan Width"));
    if (n.contains("Actual Loops")) {
        node.analyzed = true;
        node.loops = number(n, "Actual Loops");
        node.never_executed = node.loops == 0;
        node.actual_startup_ms = number(n, "Actual Startup Time");
        node.actual_total_ms = number(n, "Actual Total Time");
        node.actual_rows = number(n, "Actual Rows");
    }
    node.rows_removed_by_filter = number(n, "Rows Removed by Filter");
    node.rows_removed_by_join_filter = number(n, "Rows Removed by Join Filter");
    node.rows_removed_by_recheck = number(n, "Rows Removed by Index Recheck");
    node.heap_fetches = number(n, "Heap Fetches");
    node.exact_heap_blocks = number(n, "Exact Heap Blocks");
    node.lossy_heap_blocks = number(n, "Lossy Heap Blocks");
    node.sort_method = text(n, "Sort Method");
    node.sort_space_type = text(n, "Sort Space Type");
    node.sort_space_kb = number(n, "Sort Space Used");
    node.hash_batches = number(n, "Hash Batches");
    node.original_hash_batches = number(n, "Original Hash Batches");
    node.peak_memory_kb = number(n, "Peak Memory Usage");
    node.disk_usage_kb = number(n, "Disk Usage");
    node.workers_planned = static_cast<int>(number(n, "Workers Planned"));
    node.workers_launched = static_cast<int>(number(n, "Workers Launched"));
    node.shared_hit = number(n, "Shared Hit Blocks");
    node.shared_read = number(n, "Shared Read Blocks");
    node.shared_dirtied = number(n, "Shared Dirtied Blocks");
    node.shared_written = number(n, "Shared Written Blocks");
    node.temp_read = number(n, "Temp Read Blocks");
    node.temp_written = number(n, "Temp Written Blocks");
    if (auto it = n.find("Plans"); it != n.end() && it->is_array())
        for (const auto& child : *it)
            if (child.is_object()) {
                if (depth >= k_max_plan_depth) {
                    too_deep = true;
                    break;
                }
                node.children.push_back(read_node(child, depth + 1, too_deep));
            }
    return node;
}

}  // namespace

std::string strip_psql_framing(const std::string& text) {
    std::istringstream in(text);
    std::string line, out;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string trimmed(trim(line));
        if (out.empty() && (trimmed == "SET" || trimmed == "BEGIN" || trimmed == "ROLLBACK" || trimmed == "COMMIT")) continue;
        if (trimmed.empty() || trimmed == "QUERY PLAN" || trimmed.find_first_not_of("-+") == std::string::npos) continue;
        if (trimmed.size() > 4 && trimmed.front() == '(' && trimmed.find(" row") != std::string::npos) continue;
        if (trimmed.size() >= 2 && trimmed.back() == '+') line = line.substr(0, line.rfind('+'));
        out += line + "\n";
    }
    return out;
}

bool is_postgres_json_plan(const std::string& text) {
    std::string stripped = strip_psql_framing(text);
    std::string body(trim(stripped));
    return !body.empty() && (body.front() == '[' || body.front() == '{') && body.find("\"Plan\"") != std::string::npos;
}

Result<Plan> read_postgres_json_plan(const std::string& input, const std::string& source) {
    json doc = json::parse(strip_psql_framing(input), nullptr, false);
    if (doc.is_discarded()) return Status::error(source + ": not a complete JSON plan (truncated, or not EXPLAIN (FORMAT JSON) output)");
    if (doc.is_array()) {
        if (doc.empty()) return Status::error(source + ": an empty JSON array, no plan in it");
        doc = doc[0];
    }
    if (!doc.is_object() || !doc.contains("Plan") || !doc["Plan"].is_object())
        return Status::error(source + ": JSON without a \"Plan\" object: not EXPLAIN (FORMAT JSON) output");
    Plan plan;
    plan.source = source;
    plan.format = "postgres-json";
    bool too_deep = false;
    plan.root = read_node(doc["Plan"], 1, too_deep);
    if (too_deep) return Status::error(source + ": the plan is nested deeper than " + std::to_string(k_max_plan_depth) + " levels");
    plan.analyzed = plan.root.analyzed;
    plan.query = text(doc, "Query Text");
    if (doc.contains("Planning Time")) plan.planning_ms = number(doc, "Planning Time");
    if (doc.contains("Execution Time")) plan.execution_ms = number(doc, "Execution Time");
    if (auto jit = doc.find("JIT"); jit != doc.end() && jit->is_object())
        if (auto timing = jit->find("Timing"); timing != jit->end() && timing->is_object()) plan.jit_ms = number(*timing, "Total");
    if (auto triggers = doc.find("Triggers"); triggers != doc.end() && triggers->is_array())
        for (const auto& t : *triggers) plan.trigger_ms += number(t, "Time");
    if (auto settings = doc.find("Settings"); settings != doc.end() && settings->is_object())
        for (const auto& [key, value] : settings->items())
            plan.settings.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
    return plan;
}

}  // namespace dbsage
