#include "explain/pg_plan_json.h"

#include <simdjson.h>

#include <sstream>

#include "util/strings.h"

namespace dbsage {
namespace {

// simdjson: a plan of thousands of nodes is megabytes of JSON, read once.
using simdjson::dom::element;
using simdjson::dom::object;

double number(const object& node, std::string_view key) {
    double value = 0;
    element e;
    if (node[key].get(e) || e.get_double().get(value)) return 0;
    return value;
}

std::string text(const object& node, std::string_view key) {
    std::string_view value;
    if (node[key].get_string().get(value)) return "";
    return std::string(value);
}

bool has(const object& node, std::string_view key) {
    element e;
    return !node[key].get(e);
}

// The node's name as the text format prints it ("Partial HashAggregate",
// "Hash Left Join", "Parallel Seq Scan"), so both formats name nodes alike.
std::string text_name(const object& n) {
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
    bool parallel = false;
    if (!n["Parallel Aware"].get_bool().get(parallel) && parallel) type = "Parallel " + type;
    return type;
}

PlanNode read_node(const object& n, size_t depth, bool& too_deep) {
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
    simdjson::dom::array keys;
    if (!n["Sort Key"].get_array().get(keys))
        for (element k : keys)
            if (std::string_view key; !k.get_string().get(key)) node.sort_key.emplace_back(key);
    node.startup_cost = number(n, "Startup Cost");
    node.total_cost = number(n, "Total Cost");
    node.plan_rows = number(n, "Plan Rows");
    node.plan_width = static_cast<int>(number(n, "Plan Width"));
    if (has(n, "Actual Loops")) {
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
    simdjson::dom::array plans;
    if (!n["Plans"].get_array().get(plans))
        for (element child : plans)
            if (object child_object; !child.get_object().get(child_object)) {
                if (depth >= k_max_plan_depth) {
                    too_deep = true;
                    break;
                }
                node.children.push_back(read_node(child_object, depth + 1, too_deep));
            }
    return node;
}

}  // namespace

std::string strip_psql_framing(const std::string& text) {
    // Bare output (psql -At, a file written by a driver) has no framing: nothing to take off.
    size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && (text[first] == '[' || text[first] == '{')) return text;
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
    // The start tells: a plan of any size need not be copied to be recognized.
    std::string stripped = strip_psql_framing(text.substr(0, 65536));
    std::string body(trim(stripped));
    return !body.empty() && (body.front() == '[' || body.front() == '{') && body.find("\"Plan\"") != std::string::npos;
}

Result<Plan> read_postgres_json_plan(const std::string& input, const std::string& source) {
    simdjson::dom::parser parser;
    simdjson::padded_string json(strip_psql_framing(input));
    element doc;
    if (auto error = parser.parse(json).get(doc); error) {
        if (error == simdjson::DEPTH_ERROR)
            return Status::error(source + ": the plan is nested deeper than " + std::to_string(k_max_plan_depth) + " levels");
        return Status::error(source + ": not a complete JSON plan (truncated, or not EXPLAIN (FORMAT JSON) output)");
    }
    if (simdjson::dom::array items; !doc.get_array().get(items)) {
        if (items.size() == 0) return Status::error(source + ": an empty JSON array, no plan in it");
        doc = items.at(0).value_unsafe();
    }
    object top, root;
    if (doc.get_object().get(top) || top["Plan"].get_object().get(root))
        return Status::error(source + ": JSON without a \"Plan\" object: not EXPLAIN (FORMAT JSON) output");
    Plan plan;
    plan.source = source;
    plan.format = "postgres-json";
    bool too_deep = false;
    plan.root = read_node(root, 1, too_deep);
    if (too_deep) return Status::error(source + ": the plan is nested deeper than " + std::to_string(k_max_plan_depth) + " levels");
    plan.analyzed = plan.root.analyzed;
    plan.query = text(top, "Query Text");
    if (has(top, "Planning Time")) plan.planning_ms = number(top, "Planning Time");
    if (has(top, "Execution Time")) plan.execution_ms = number(top, "Execution Time");
    if (object jit, timing; !top["JIT"].get_object().get(jit) && !jit["Timing"].get_object().get(timing))
        plan.jit_ms = number(timing, "Total");
    if (simdjson::dom::array triggers; !top["Triggers"].get_array().get(triggers))
        for (element t : triggers)
            if (object trigger; !t.get_object().get(trigger)) plan.trigger_ms += number(trigger, "Time");
    if (object settings; !top["Settings"].get_object().get(settings))
        for (auto field : settings) {
            std::string_view value;
            plan.settings.emplace_back(std::string(field.key),
                                       field.value.get_string().get(value) ? simdjson::to_string(field.value) : std::string(value));
        }
    return plan;
}

}  // namespace dbsage
