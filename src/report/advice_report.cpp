#include "report/advice_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "util/strings.h"

namespace dbsage {
namespace {

std::string share(double after, double before) {
    return before > 0 ? fmt::format("{:.1f}%", 100.0 * after / before) : "-";
}

std::string create_sql(const AdviceReport& r, const IndexCandidate& index) {
    return r.sqlite ? index.ddl_sqlite() : index.ddl(true);
}

std::string query_line(const AdvisedQuery& q) {
    std::string measured;
    if (q.measured_before_ms && q.measured_after_ms)
        measured = fmt::format(", measured {:.2f} -> {:.2f} ms", *q.measured_before_ms, *q.measured_after_ms);
    if (!q.plan_before.empty())
        return fmt::format("{} (weight {:g}{}): {}\n     plan before: {}\n     plan after:  {}", q.origin, q.weight, measured,
                           one_line(q.sql).substr(0, 100), q.plan_before, q.plan_after);
    return fmt::format("{}: cost {:.0f} -> {:.0f}{} (weight {:g}): {}", q.origin, q.cost_before, q.cost_after, measured,
                       q.weight, one_line(q.sql).substr(0, 100));
}

std::uint64_t bytes_freed(const AdviceReport& r) {
    std::uint64_t freed = 0;
    for (const auto& item : r.existing) freed += item.bytes;
    return freed;
}

}  // namespace

std::string format_advice_text(const AdviceReport& r) {
    std::string out;
    if (r.create.empty()) {
        out += r.sqlite ? "No index to add: EXPLAIN QUERY PLAN uses none of the candidates.\n"
                        : "No index to add: no candidate saves at least 0.5% of the workload's planner cost.\n";
    } else {
        out += fmt::format("{} index{} to create ({} in all, {}):\n\n", r.create.size(), r.create.size() == 1 ? "" : "es",
                           human_bytes(r.bytes_added), r.sqlite ? "estimated from the keys' average widths"
                                   : std::any_of(r.create.begin(), r.create.end(), [](const IndexAdvice& a) { return a.index.needs_building(); })
                                       ? "estimated from pg_stats and HypoPG; GIN indexes measured on the copy"
                                       : "estimated from pg_stats and HypoPG");
        for (const auto& a : r.create) {
            out += create_sql(r, a.index) + "\n";
            out += fmt::format("  -- {}, for {}\n", human_bytes(a.size_bytes), a.index.reason);
            for (size_t i : a.serves) out += "  -- " + query_line(r.queries[i]) + "\n";
            out += "\n";
        }
    }
    if (r.verified) out += "Verified: " + r.verify_note + ".\n\n";
    for (const auto& a : r.withdrawn) {
        out += "Withdrawn by --verify (the planner liked it, no query it serves measured faster): " + create_sql(r, a.index) + "\n";
        for (size_t i : a.serves) out += "  -- " + query_line(r.queries[i]) + "\n";
        out += "\n";
    }
    if (!r.still_costly.empty()) {
        out += "Still costly after the advice:\n\n";
        for (const auto& c : r.still_costly) out += "  " + query_line(r.queries[c.query]) + "\n    why: " + c.why + "\n";
        out += "\n";
    }
    if (!r.existing.empty()) {
        out += "Existing indexes:\n\n";
        for (const auto& item : r.existing) {
            out += fmt::format("{} {}: {}\n", item.kind, item.object, item.what);
            if (!item.sql.empty()) out += "  " + item.sql + "\n";
        }
        out += "\n";
    }
    if (r.sqlite) {
        out += fmt::format("{} queries, {} candidates, {:.1f} s. Based on SQLite's EXPLAIN QUERY PLAN with every candidate "
                           "created in an in-memory copy of the schema carrying statistics from {} (the method of .expert).\n",
                           r.queries.size(), r.candidates, r.seconds, r.target);
        for (const auto& note : r.notes) out += "note: " + note + "\n";
        return out;
    }
    out += fmt::format("Workload planner cost {:.0f} -> {:.0f} ({} of before), {} added, {} freed by the existing indexes' "
                       "SQL above, {} queries, {} candidates, {} what-if plans, {:.1f} s. Based on the planner's estimates with hypothetical indexes "
                       "(HypoPG) on {}; writes pay an estimated 2 cost units per row for each index they change.\n",
                       r.cost_before, r.cost_after, share(r.cost_after, r.cost_before), human_bytes(r.bytes_added),
                       human_bytes(bytes_freed(r)), r.queries.size(), r.candidates,
                       r.planner_calls, r.seconds, r.target);
    for (const auto& note : r.notes) out += "note: " + note + "\n";
    return out;
}

// A pull-request comment or a wiki page: the indexes, the queries, what to
// drop, in tables.
std::string format_advice_markdown(const AdviceReport& r) {
    auto cell = [](std::string text) {
        for (size_t at = text.find('|'); at != std::string::npos; at = text.find('|', at + 2)) text.replace(at, 1, "\\|");
        return one_line(text);
    };
    std::string out = "## Index advice for " + cell(r.target) + "\n\n";
    if (r.create.empty()) out += "No index to add.\n\n";
    else {
        out += "| index | size | for | queries served |\n| --- | --- | --- | --- |\n";
        for (const auto& a : r.create) {
            std::string served;
            for (size_t i : a.serves) served += (served.empty() ? "" : "<br>") + cell(r.queries[i].origin);
            out += "| `" + cell(create_sql(r, a.index)) + "` | " + human_bytes(a.size_bytes) + " | " + cell(a.index.reason) + " | " +
                   served + " |\n";
        }
        out += "\n";
    }
    if (!r.queries.empty() && !r.sqlite) {
        out += "| query | weight | cost before | cost after | measured before | measured after |\n| --- | --- | --- | --- | --- | --- |\n";
        for (const auto& q : r.queries)
            out += fmt::format("| {} `{}` | {:g} | {:.0f} | {:.0f} | {} | {} |\n", cell(q.origin), cell(q.sql.substr(0, 80)), q.weight,
                               q.cost_before, q.cost_after,
                               q.measured_before_ms ? fmt::format("{:.2f} ms", *q.measured_before_ms) : "",
                               q.measured_after_ms ? fmt::format("{:.2f} ms", *q.measured_after_ms) : "");
        out += "\n";
    }
    for (const auto& a : r.withdrawn) out += "- withdrawn by --verify (not faster on the clock): `" + cell(create_sql(r, a.index)) + "`\n";
    if (!r.withdrawn.empty()) out += "\n";
    if (!r.still_costly.empty()) {
        out += "### Still costly\n\n";
        for (const auto& c : r.still_costly) out += "- " + cell(r.queries[c.query].origin) + ": " + cell(c.why) + "\n";
        out += "\n";
    }
    if (!r.existing.empty()) {
        out += "### Existing indexes\n\n| kind | object | evidence | SQL |\n| --- | --- | --- | --- |\n";
        for (const auto& item : r.existing)
            out += "| " + item.kind + " | " + cell(item.object) + " | " + cell(item.what) + " | `" + cell(item.sql) + "` |\n";
        out += "\n";
    }
    out += fmt::format("{} added, {} freed; workload planner cost {:.0f} -> {:.0f}; {} what-if plans; {:.1f} s.\n",
                       human_bytes(r.bytes_added), human_bytes(bytes_freed(r)), r.cost_before, r.cost_after, r.planner_calls, r.seconds);
    for (const auto& note : r.notes) out += "\n> " + cell(note) + "\n";
    return out;
}

std::string format_advice_sql(const AdviceReport& r) {
    std::string out = "-- dbsage advise indexes: workload planner cost " + fmt::format("{:.0f} -> {:.0f}", r.cost_before, r.cost_after) + "\n";
    if (!r.sqlite) out += "SET lock_timeout = '5s';\n";
    for (const auto& a : r.create) out += "-- " + a.index.reason + "\n" + create_sql(r, a.index) + "\n";
    for (const auto& item : r.existing)
        if (item.kind == "made-redundant") out += "-- " + item.what + "\n" + item.sql + "\n";
    return out;
}

std::string format_advice_json(const AdviceReport& r) {
    using nlohmann::json;
    json queries = json::array();
    for (const auto& q : r.queries) {
        json item = {{"origin", q.origin}, {"sql", q.sql}, {"weight", q.weight}, {"cost_before", q.cost_before},
                     {"cost_after", q.cost_after}};
        if (q.measured_before_ms) item["measured_before_ms"] = *q.measured_before_ms;
        if (q.measured_after_ms) item["measured_after_ms"] = *q.measured_after_ms;
        queries.push_back(item);
    }
    auto advice_json = [&](const IndexAdvice& a) {
        json columns = json::array();
        for (const auto& c : a.index.columns)
            columns.push_back({{"name", c.name}, {"descending", c.descending}, {"expression", c.expression}, {"opclass", c.opclass}});
        return json{{"sql", create_sql(r, a.index)}, {"schema", a.index.schema}, {"table", a.index.table},
                    {"method", a.index.method}, {"columns", columns}, {"include", a.index.include}, {"where", a.index.where}, {"reason", a.index.reason}, {"size_bytes", a.size_bytes},
                    {"serves", a.serves}};
    };
    json create = json::array(), withdrawn = json::array();
    for (const auto& a : r.create) create.push_back(advice_json(a));
    for (const auto& a : r.withdrawn) withdrawn.push_back(advice_json(a));
    json existing = json::array();
    for (const auto& item : r.existing)
        existing.push_back({{"kind", item.kind}, {"object", item.object}, {"what", item.what}, {"sql", item.sql},
                            {"bytes", item.bytes}});
    json still = json::array();
    for (const auto& c : r.still_costly) still.push_back({{"query", c.query}, {"why", c.why}});
    json out = {{"target", r.target}, {"create", create}, {"withdrawn", withdrawn}, {"verified", r.verified},
                {"existing", existing}, {"queries", queries}, {"still_costly", still},
                {"summary", {{"cost_before", r.cost_before}, {"cost_after", r.cost_after}, {"bytes_added", r.bytes_added}, {"bytes_freed", bytes_freed(r)},
                             {"candidates", r.candidates}, {"what_if_plans", r.planner_calls}, {"seconds", r.seconds}}},
                {"notes", r.notes}};
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace dbsage
