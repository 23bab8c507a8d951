#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "explain/mysql_plan.h"
#include "util/strings.h"

namespace dbsage {
namespace {

using nlohmann::json;

// MySQL writes numbers as strings ("filtered": "10.00", "query_cost": "1.25").
double number(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return 0;
    if (it->is_number()) return it->get<double>();
    if (it->is_string()) return std::strtod(it->get<std::string>().c_str(), nullptr);
    return 0;
}

std::string text(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return "";
    if (it->is_string()) return it->get<std::string>();
    if (it->is_array()) {
        std::string out;
        for (const auto& item : *it) out += (out.empty() ? "" : ", ") + (item.is_string() ? item.get<std::string>() : item.dump());
        return out;
    }
    return "";
}

bool flag(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

std::string access_name(const std::string& access) {
    if (access == "ALL") return "Full Table Scan";
    if (access == "index") return "Full Index Scan";
    if (access == "range") return "Index Range Scan";
    if (access == "ref" || access == "ref_or_null") return "Index Lookup";
    if (access == "eq_ref") return "Unique Index Lookup";
    if (access == "const" || access == "system") return "Constant Row";
    if (access == "index_merge") return "Index Merge";
    if (access == "fulltext") return "Fulltext Lookup";
    if (access == "hash_ALL") return "Hash Join Scan";
    return "Table Access (" + access + ")";
}

class Reader {
public:
    // A node for one element of a query block ("table", "nested_loop", …),
    // or nothing when the element only passes its content through.
    PlanNode block(const json& qb) {
        PlanNode node;
        // Blocks nest through subqueries and derived tables only; deeper than this is no real plan.
        if (++m_depth > k_max_plan_depth / 4) {
            m_too_deep = true;
            return node;
        }
        node.type = "Select #" + std::to_string(static_cast<int>(number(qb, "select_id")));
        if (auto cost = qb.find("cost_info"); cost != qb.end()) node.total_cost = number(*cost, "query_cost");
        timed(qb, node, number(qb, "r_total_time_ms"), true);
        content(qb, node);
        for (const char* key : {"subqueries", "attached_subqueries", "select_list_subqueries", "having_subqueries",
                                "optimized_away_subqueries", "order_by_subqueries", "group_by_subqueries"})
            if (auto it = qb.find(key); it != qb.end() && it->is_array())
                for (const auto& sub : *it) node.children.push_back(subquery(sub));
        --m_depth;
        return node;
    }

private:
    // Timing as MariaDB's ANALYZE gives it: loops and time over all of them.
    void timed(const json& j, PlanNode& node, double total_ms, bool inclusive) {
        if (!j.contains("r_loops")) return;
        node.analyzed = true;
        m_analyzed = true;
        node.loops = number(j, "r_loops");
        node.never_executed = node.loops == 0;
        double ms = total_ms;
        if (!inclusive)
            for (const auto& c : node.children) ms += c.actual_total_ms * c.loops;
        node.actual_total_ms = node.loops > 0 ? ms / node.loops : 0;
    }

    void content(const json& j, PlanNode& parent) {
        if (auto t = j.find("table"); t != j.end() && t->is_object()) parent.children.push_back(table(*t));
        if (auto nl = j.find("nested_loop"); nl != j.end() && nl->is_array()) {
            PlanNode loop;
            loop.type = "Nested Loop";
            for (const auto& item : *nl) content(item, loop);
            if (loop.children.size() == 1) {
                parent.children.push_back(std::move(loop.children[0]));
            } else {
                finish_composite(loop, 0);
                // The join's estimate: each table's rows per row of the tables before it.
                loop.plan_rows = 1;
                for (const auto& c : loop.children) loop.plan_rows *= std::max(c.plan_rows, 1.0);
                parent.children.push_back(std::move(loop));
            }
        }
        for (const char* key : {"ordering_operation", "grouping_operation", "duplicates_removal", "windowing"}) {
            auto it = j.find(key);
            if (it == j.end() || !it->is_object()) continue;
            bool sorts = flag(*it, "using_filesort");
            bool temporary = flag(*it, "using_temporary_table");
            if (!sorts && !temporary) {
                content(*it, parent);
                continue;
            }
            PlanNode op;
            op.type = sorts ? "Sort" : "Temporary Table";
            op.sort_method = sorts ? "filesort" : "";
            op.temporary = temporary;
            content(*it, op);
            finish_composite(op, 0);
            parent.children.push_back(std::move(op));
        }
        if (auto fs = j.find("filesort"); fs != j.end() && fs->is_object()) {
            PlanNode sort;
            sort.type = "Sort";
            sort.sort_method = "filesort";
            if (auto key = text(*fs, "sort_key"); !key.empty()) sort.sort_key = split(key, ',');
            content(*fs, sort);
            timed(*fs, sort, number(*fs, "r_total_time_ms"), false);
            finish_composite(sort, number(*fs, "r_output_rows"));
            parent.children.push_back(std::move(sort));
        }
        for (const char* key : {"temporary_table", "read_sorted_file"}) {
            auto it = j.find(key);
            if (it == j.end() || !it->is_object()) continue;
            if (std::string(key) == "read_sorted_file") {
                content(*it, parent);
                continue;
            }
            PlanNode temp;
            temp.type = "Temporary Table";
            temp.temporary = true;
            content(*it, temp);
            finish_composite(temp, 0);
            parent.children.push_back(std::move(temp));
        }
        if (auto u = j.find("union_result"); u != j.end() && u->is_object()) {
            PlanNode un;
            un.type = "Union";
            un.temporary = text(*u, "table_name").find("union") != std::string::npos && text(*u, "access_type") == "ALL";
            if (auto specs = u->find("query_specifications"); specs != u->end() && specs->is_array())
                for (const auto& spec : *specs)
                    if (auto qb = spec.find("query_block"); qb != spec.end()) un.children.push_back(block(*qb));
            finish_composite(un, 0);
            parent.children.push_back(std::move(un));
        }
    }

    // A node made of its children: time is theirs (plus its own, when given).
    void finish_composite(PlanNode& node, double rows) {
        bool own_time = node.analyzed;
        for (const auto& c : node.children) {
            node.total_cost += c.total_cost;
            if (own_time || !c.analyzed) continue;
            node.analyzed = true;
            node.loops = 1;
            node.actual_total_ms += c.actual_total_ms * c.loops;
        }
        // No estimate of its own: MySQL gives one per table only.
        if (!node.children.empty()) {
            node.actual_rows = rows > 0 ? rows : node.children.back().actual_rows * node.children.back().loops;
        }
    }

    PlanNode subquery(const json& sub) {
        const json* qb = &sub;
        double cache_loops = -1;
        if (auto cache = sub.find("expression_cache"); cache != sub.end()) {
            cache_loops = number(*cache, "r_loops");
            qb = &*cache;
        }
        PlanNode node;
        if (auto it = qb->find("query_block"); it != qb->end() && it->is_object()) node = block(*it);
        node.subplan_name = "Subquery";
        node.parent_relationship = "SubPlan";
        node.dependent = flag(sub, "dependent") || cache_loops >= 0 || node.loops > 1;
        return node;
    }

    PlanNode table(const json& t) {
        PlanNode node;
        node.access_type = text(t, "access_type");
        node.type = access_name(node.access_type);
        node.relation = text(t, "table_name");
        node.alias = node.relation;
        node.index = text(t, "key");
        node.filter = text(t, "attached_condition");
        node.index_cond = text(t, "index_condition");
        if (node.index_cond.empty() && !text(t, "ref").empty()) node.index_cond = text(t, "used_key_parts") + " = " + text(t, "ref");
        double examined = t.contains("rows_examined_per_scan") ? number(t, "rows_examined_per_scan") : number(t, "rows");
        double filtered = t.contains("filtered") ? number(t, "filtered") : 100;
        node.plan_rows = examined * filtered / 100;
        node.rows_examined = t.contains("r_rows") ? number(t, "r_rows") : examined;
        if (auto cost = t.find("cost_info"); cost != t.end()) node.total_cost = number(*cost, "read_cost") + number(*cost, "eval_cost");
        node.temporary = flag(t, "using_temporary_table");
        if (t.contains("r_rows")) {
            double read = number(t, "r_rows");
            double kept = t.contains("r_filtered") ? number(t, "r_filtered") : 100;
            node.actual_rows = read * kept / 100;
            if (!node.filter.empty()) node.rows_removed_by_filter = read - node.actual_rows;
            timed(t, node, number(t, "r_table_time_ms") + number(t, "r_other_time_ms"), true);
        }
        if (auto m = t.find("materialized_from_subquery"); m != t.end() && m->is_object())
            if (auto qb = m->find("query_block"); qb != m->end()) node.children.push_back(block(*qb));
        return node;
    }

public:
    bool m_analyzed = false;
    bool m_too_deep = false;
    size_t m_depth = 0;
};

}  // namespace

std::string strip_mysql_client_framing(const std::string& text) {
    std::istringstream in(text);
    std::string line, out;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string_view t = trim(line);
        if (t.rfind("***", 0) == 0 || t.rfind("+-", 0) == 0 || t == "EXPLAIN" || t == "ANALYZE" || t == "| EXPLAIN |" ||
            t == "| ANALYZE |" || (t.rfind("| EXPLAIN ", 0) == 0 && t.back() == '|'))
            continue;
        for (const char* prefix : {"EXPLAIN: ", "ANALYZE: "})
            if (t.rfind(prefix, 0) == 0) {
                line = std::string(t.substr(std::string(prefix).size()));  // t views the old line: stop using it
                break;
            }
        if (line.rfind("| ", 0) == 0) line.erase(0, 2);
        if (line.size() >= 2 && line.compare(line.size() - 2, 2, " |") == 0) line.erase(line.size() - 2);
        if (line.size() == 1 && line == "|") continue;
        out += line + "\n";
    }
    // Batch mode (mariadb -e without -r) escapes the plan's newlines.
    if (out.find("\\n") != std::string::npos && std::count(out.begin(), out.end(), '\n') <= 2) {
        std::string unescaped;
        for (size_t i = 0; i < out.size(); ++i) {
            if (out[i] == '\\' && i + 1 < out.size()) {
                char c = out[++i];
                unescaped += c == 'n' ? '\n' : c == 't' ? '\t' : c;
            } else {
                unescaped += out[i];
            }
        }
        return unescaped;
    }
    return out;
}

bool is_mysql_json_plan(const std::string& text) {
    std::string body = strip_mysql_client_framing(text.substr(0, 4096));
    std::string_view t = trim(body);
    return !t.empty() && t.front() == '{' && body.find("\"query_block\"") != std::string::npos;
}

Result<Plan> read_mysql_json_plan(const std::string& text, const std::string& source) {
    json doc = json::parse(strip_mysql_client_framing(text), nullptr, false);
    if (doc.is_discarded()) return Status::error(source + ": not a complete JSON plan (truncated or not JSON)");
    auto qb = doc.find("query_block");
    if (qb == doc.end() || !qb->is_object()) return Status::error(source + ": a MySQL JSON plan without a \"query_block\" object");
    Reader reader;
    Plan plan;
    plan.source = source;
    plan.root = reader.block(*qb);
    if (reader.m_too_deep) return Status::error(source + ": the plan nests subqueries deeper than " + std::to_string(k_max_plan_depth / 4) + " levels");
    plan.analyzed = reader.m_analyzed;
    plan.format = plan.analyzed ? "mariadb-analyze-json" : "mysql-json";
    if (auto opt = doc.find("query_optimization"); opt != doc.end() && opt->is_object()) plan.planning_ms = number(*opt, "r_total_time_ms");
    return plan;
}

}  // namespace dbsage
