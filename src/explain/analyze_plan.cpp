#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "explain/explain.h"
#include "explain/pg_plan_json.h"
#include "explain/pg_plan_text.h"
#include "explain/mysql_plan.h"
#include "explain/plan_checks.h"
#include "explain/sqlite_plan.h"
#include "util/files.h"
#include "util/strings.h"

namespace dbsage {
namespace {

// pev2's and explain.depesz.com's thresholds.
constexpr double k_misestimate_warn = 100;      // ×: a plan built on it is a guess
constexpr double k_misestimate_info = 10;
constexpr double k_removed_warn = 0.9;          // of the rows read, thrown away by a filter
constexpr double k_removed_info = 0.5;
constexpr double k_min_rows_removed = 1000;     // fewer is no problem worth a line


// Time over all loops; under a Gather each participant reports its own
// average, so the wall time is that over the participants.
void fill_metrics(PlanNode& n, double participants) {
    double inner = participants;
    if ((n.type == "Gather" || n.type == "Gather Merge") && n.workers_launched > 0) inner = n.workers_launched + 1;
    double children_ms = 0, children_cost = 0;
    for (auto& child : n.children) {
        fill_metrics(child, inner);
        children_ms += child.total_ms;
        children_cost += child.total_cost;
    }
    n.total_ms = n.analyzed ? n.actual_total_ms * n.loops / participants : 0;
    n.exclusive_ms = std::max(0.0, n.total_ms - children_ms);
    n.exclusive_cost = std::max(0.0, n.total_cost - children_cost);
}

class Checker {
public:
    explicit Checker(PlanAnalysis& out) : m_out(out), m_postgres(out.plan.format.rfind("postgres", 0) == 0) {}

    // stopped: a Limit above ends this node early, so fewer rows than
    // estimated is the Limit's doing, not a misestimate.
    void walk(const PlanNode& n, const PlanNode* parent = nullptr, bool stopped = false) {
        ++m_number;
        int number = m_number;
        check(n, number, stopped);
        check_access(m_out, n, parent, number);
        for (const auto& child : n.children) walk(child, &n, stopped || n.type == "Limit");
    }

private:
    void add(const char* rule, Severity severity, const PlanNode& n, int number, std::string message, std::string help,
             std::optional<std::string> fix = std::nullopt) {
        add_plan_finding(m_out, rule, severity, n, number, std::move(message), std::move(help), std::move(fix));
    }

    // How far the row estimate is off, either way; 0 actual rows count as 1.
    static double misestimate(const PlanNode& n) {
        // No estimate (a MySQL sort or temporary table) is no misestimate.
        if (!n.analyzed || n.never_executed || n.plan_rows <= 0 || std::max(n.actual_rows, n.plan_rows) < 100) return 1;
        double ratio = std::max(n.actual_rows, 1.0) / std::max(n.plan_rows, 1.0);
        return std::max(ratio, 1 / ratio);
    }

    void check(const PlanNode& n, int number, bool stopped) {
        if (!n.analyzed || n.never_executed) return;
        double actual = n.actual_rows, estimated = n.plan_rows;
        double ratio = std::max(actual, 1.0) / std::max(estimated, 1.0);
        double factor = stopped && ratio < 1 ? 1 : misestimate(n);
        // A misestimate a child already has is reported there, where it starts (a Gather repeats its scan's).
        bool inherited = std::any_of(n.children.begin(), n.children.end(),
                                     [&](const PlanNode& c) { return misestimate(c) >= std::max(k_misestimate_info, factor / 2); });
        if (factor >= k_misestimate_info && !inherited) {
            bool under = ratio > 1;
            add("plan-row-misestimate", factor >= k_misestimate_warn ? Severity::warning : Severity::info, n, number,
                fmt::format("the planner expected {:.0f} row{} per loop and got {:.0f}: {} {:.0f}×", estimated,
                            estimated == 1 ? "" : "s", actual, under ? "under by" : "over by", factor),
                n.type == "Function Scan" && n.plan_rows == 1000
                    ? "1,000 rows is the planner's default for a set-returning function; declare its real size "
                      "(ALTER FUNCTION … ROWS n) so the plan around it fits"
                : n.relation.empty()
                    ? "plans above this node were chosen for the wrong row count; check the statistics of the tables below it"
                : m_postgres
                    ? "refresh the statistics (ANALYZE); if they are fresh, correlated columns want CREATE STATISTICS, "
                      "and a skewed column a higher SET STATISTICS target"
                    : "refresh the table's statistics (ANALYZE TABLE); a skewed or unindexed column wants a histogram "
                      "(MySQL: ANALYZE TABLE t UPDATE HISTOGRAM ON col; MariaDB: ANALYZE TABLE t PERSISTENT FOR ALL)",
                // MySQL and SQLite name a table by its alias in a plan: no statement can be written for it.
                n.relation.empty() || !m_postgres
                    ? std::nullopt
                    : std::optional<std::string>("ANALYZE " + (n.schema.empty() ? "" : quote_ident(n.schema) + ".") +
                                                 quote_ident(n.relation) + ";"));
        }
        // Rows a filter read and threw away.
        double removed = n.rows_removed_by_filter + n.rows_removed_by_join_filter;
        double read = removed + actual;
        if (removed >= k_min_rows_removed && read > 0 && removed / read >= k_removed_info) {
            bool scan = !n.relation.empty();
            add("plan-rows-removed-by-filter", removed / read >= k_removed_warn ? Severity::warning : Severity::info, n, number,
                fmt::format("{:.0f}% of the {:.0f} rows read per loop were removed by {} ({})", 100 * removed / read, read,
                            n.rows_removed_by_filter > 0 ? "its filter" : "its join filter",
                            one_line(n.rows_removed_by_filter > 0 ? n.filter : n.join_filter)),
                scan ? "an index on the filter's columns would read only the rows kept; dbsage advise indexes with this "
                       "query finds which"
                     : "the join condition leaves most pairs to the filter; an index or a join condition on its columns "
                       "would pair fewer rows");
        }
        // Sorts and hashes that went to disk.
        if (n.sort_space_type == "Disk" || n.sort_method.find("external") != std::string::npos) {
            double kb = std::max(n.sort_space_kb * 2, 4096.0);  // an in-memory sort takes about twice the tape's space
            add("plan-sort-spilled", Severity::warning, n, number,
                fmt::format("the sort wrote {:.0f} kB to disk ({})", n.sort_space_kb, n.sort_method),
                "work_mem was too small for it; raise it for this query (or add an index that returns the rows in order)",
                fmt::format("SET LOCAL work_mem = '{:.0f}MB';", std::ceil(kb / 1024)));
        }
        if (n.hash_batches > 1) {
            double kb = std::max(n.peak_memory_kb * n.hash_batches, 4096.0);
            add("plan-hash-batches", Severity::warning, n, number,
                fmt::format("the hash took {:.0f} batches (planned {:.0f}): the rest of the table went through temporary files",
                            n.hash_batches, n.original_hash_batches),
                "work_mem (times hash_mem_multiplier) was too small for the hash table; raise it for this query",
                fmt::format("SET LOCAL work_mem = '{:.0f}MB';", std::ceil(kb / 1024)));
        }
        if (n.type == "Index Only Scan" && n.heap_fetches > 0 && n.heap_fetches >= 0.1 * std::max(actual * n.loops, 1.0)) {
            add("plan-heap-fetches", Severity::warning, n, number,
                fmt::format("the index-only scan fetched {:.0f} rows from the table ({:.0f}% of those it returned): pages "
                            "not all-visible",
                            n.heap_fetches, 100 * n.heap_fetches / std::max(actual * n.loops, 1.0)),
                "VACUUM the table so its visibility map is current (and tune autovacuum if it keeps falling behind)",
                n.relation.empty() ? std::nullopt : std::optional<std::string>("VACUUM (ANALYZE) " + quote_ident(n.relation) + ";"));
        }
        if (n.lossy_heap_blocks > 0) {
            add("plan-lossy-bitmap", Severity::warning, n, number,
                fmt::format("{:.0f} of {:.0f} heap blocks were lossy: every row on them was rechecked",
                            n.lossy_heap_blocks, n.lossy_heap_blocks + n.exact_heap_blocks),
                "the bitmap outgrew work_mem; raise it for this query so the bitmap stays exact",
                // An exact bitmap takes about 100 bytes per heap page it marks (a hash entry of the page's row bits).
                fmt::format("SET LOCAL work_mem = '{:.0f}MB';",
                            std::max(1.0, std::ceil((n.lossy_heap_blocks + n.exact_heap_blocks) * 100 * 2 / 1048576.0))));
        }
        // LIMIT over the rows an OFFSET skips, or over a full sort.
        if (n.type == "Limit" && !n.children.empty() && n.children[0].analyzed) {
            const PlanNode& input = n.children[0];
            double skipped = input.actual_rows - actual;
            if (skipped >= k_min_rows_removed && skipped >= 0.9 * input.actual_rows)
                add("plan-large-offset", Severity::warning, n, number,
                    fmt::format("{:.0f} rows were produced to return {:.0f}: an OFFSET reads and discards every row it skips",
                                input.actual_rows, actual),
                    "page by the last key seen instead (WHERE (sort key) > last value ORDER BY sort key LIMIT n), which an "
                    "index serves in constant time");
            const PlanNode* sort = &input;
            if ((sort->type == "Sort" || sort->type == "Incremental Sort") && !sort->children.empty()) {
                double sorted = sort->children[0].actual_rows * sort->children[0].loops;
                if (sorted >= k_min_rows_removed && sorted >= 100 * std::max(actual, 1.0))
                    add("plan-sort-for-limit", Severity::warning, n, number,
                        fmt::format("{:.0f} rows were sorted to return the first {:.0f}", sorted, actual),
                        "an index on the sort key (after the columns the query compares for equality) returns the "
                        "first rows in order without sorting; dbsage advise indexes with this query finds it");
            }
        }
        if (n.workers_planned > n.workers_launched) {
            add("plan-workers-not-launched", Severity::warning, n, number,
                fmt::format("{} parallel worker{} planned, {} launched", n.workers_planned, n.workers_planned == 1 ? "" : "s",
                            n.workers_launched),
                "the server ran out of background workers (max_parallel_workers, max_worker_processes); the node ran "
                "slower than planned");
        }
    }

    PlanAnalysis& m_out;
    bool m_postgres;
    int m_number = 0;
};

}  // namespace

std::string plan_node_label(const PlanNode& n) {
    if (!n.label.empty()) return n.label;
    std::string out = n.type;
    if (!n.index.empty()) out += " using " + n.index;
    if (!n.relation.empty()) out += " on " + n.relation + (n.alias.empty() || n.alias == n.relation ? "" : " " + n.alias);
    return out;
}

std::vector<const PlanNode*> nodes_in_order(const PlanNode& root) {
    std::vector<const PlanNode*> out;
    std::function<void(const PlanNode&)> walk = [&](const PlanNode& n) {
        out.push_back(&n);
        for (const auto& c : n.children) walk(c);
    };
    walk(root);
    return out;
}

std::string plan_node_title(const PlanNode& n) {
    return !n.subplan_name.empty() && n.label.empty() ? n.subplan_name + ": " + plan_node_label(n) : plan_node_label(n);
}

void add_plan_finding(PlanAnalysis& out, const char* rule, Severity severity, const PlanNode& n, int number, std::string message,
                      std::string help, std::optional<std::string> fix) {
    Finding f;
    f.rule = rule;
    f.severity = severity;
    f.message = std::move(message);
    f.help = std::move(help);
    f.location.file = out.plan.source;
    f.location.line = number;
    f.location.object = plan_node_label(n);
    f.fix = std::move(fix);
    out.findings.push_back(std::move(f));
}

const std::vector<std::string>& plan_rule_ids() {
    static const std::vector<std::string> ids = {
        "plan-automatic-index", "plan-cast-in-filter",      "plan-default-estimate",      "plan-full-table-scan",
        "plan-hash-batches",    "plan-heap-fetches",        "plan-index-advice",          "plan-large-offset",
        "plan-lossy-bitmap",    "plan-nested-loop-inner-scan", "plan-row-misestimate",    "plan-rows-removed-by-filter",
        "plan-sort-for-limit",  "plan-sort-spilled",        "plan-sort-without-index",    "plan-stale-statistics",
        "plan-subquery-per-row", "plan-temporary-table",    "plan-workers-not-launched"};
    return ids;
}

PlanAnalysis analyze_plan(Plan plan) {
    PlanAnalysis out;
    out.plan = std::move(plan);
    fill_metrics(out.plan.root, 1);
    out.total_ms = out.plan.execution_ms.value_or(out.plan.root.total_ms);
    out.total_cost = out.plan.root.total_cost;
    // MySQL gives no cost for a sort or a temporary table on top: the plan costs what its costliest node does.
    if (out.total_cost <= 0)
        for (const PlanNode* n : nodes_in_order(out.plan.root)) out.total_cost = std::max(out.total_cost, n->total_cost);
    Checker(out).walk(out.plan.root);
    return out;
}

Result<PlanAnalysis> analyze_plan_text(const std::string& text, const std::string& source) {
    if (trim(text).empty()) return Status::error(source + ": empty, no plan in it");
    auto analyzed = [](Result<Plan> plan) -> Result<PlanAnalysis> {
        if (!plan) return plan.status();
        return analyze_plan(std::move(*plan));
    };
    if (is_mysql_json_plan(text)) return analyzed(read_mysql_json_plan(text, source));
    if (is_sqlite_plan(text)) return analyzed(read_sqlite_plan(text, source));
    if (is_postgres_json_plan(text)) return analyzed(read_postgres_json_plan(text, source));
    // Before MySQL's tree: PostgreSQL's text has "->" too, and costs with a width.
    if (is_postgres_text_plan(text)) return analyzed(read_postgres_text_plan(text, source));
    if (is_mysql_tree_plan(text)) return analyzed(read_mysql_tree_plan(text, source));
    return Status::error(source + ": not a plan dbsage reads (PostgreSQL EXPLAIN as JSON or text, MySQL EXPLAIN FORMAT=JSON "
                                  "or TREE/ANALYZE, MariaDB ANALYZE FORMAT=JSON, SQLite EXPLAIN QUERY PLAN)");
}

Result<PlanAnalysis> analyze_plan_file(const std::string& path) {
    auto text = read_file_text(path, "plan file");
    if (!text) return text.status();
    return analyze_plan_text(*text, path == "-" ? "<stdin>" : path);
}

}  // namespace dbsage
