#include <fmt/format.h>

#include <regex>

#include "explain/plan_checks.h"

namespace dbsage {
namespace {

constexpr double k_small_table = 1000;    // rows: reading all of them is no problem
constexpr double k_large_table = 10000;   // rows: reading all of them is
constexpr double k_many_loops = 100;      // repetitions of an inner scan or subquery worth a warning

// "(created_at)::date", "(id)::numeric": a column cast to another type. A
// cast to text is left alone: PostgreSQL prints varchar columns that way and
// their indexes still serve the comparison.
const std::regex k_column_cast(R"(\(([A-Za-z_][A-Za-z0-9_.]*)\)::(bigint|integer|smallint|numeric|double precision|real|date|timestamp[a-z ]*|uuid|boolean))");

bool is_table_access(const PlanNode& n) { return !n.relation.empty(); }

// A scan of the inner side of a join: it runs once per row of the side before it.
bool runs_per_outer_row(const PlanNode& n, const PlanNode* parent) {
    if (n.analyzed && n.loops > 1) return true;
    if (!parent) return false;
    bool join = parent->type.rfind("Nested Loop", 0) == 0 || parent->type == "QUERY PLAN" || parent->type == "Select #1";
    return join && parent->children.size() > 1 && &parent->children[0] != &n && is_table_access(parent->children[0]);
}

std::string times(double loops) { return loops > 1 ? fmt::format(" {:.0f} times", loops) : " once per row before it"; }

void check_full_scan(PlanAnalysis& out, const PlanNode& n, const PlanNode* parent, int number) {
    if (n.access_type != "ALL" || n.relation.rfind("<", 0) == 0) return;  // <temporary>, <derived2>: made by the query
    bool sqlite = out.plan.format == "sqlite-eqp";
    double rows = n.rows_examined > 0 ? n.rows_examined : n.plan_rows;
    bool known = !sqlite || n.plan_rows > 0;
    if (known && rows < k_small_table) return;
    if (runs_per_outer_row(n, parent)) {
        add_plan_finding(out, "plan-nested-loop-inner-scan", Severity::warning, n, number,
                         fmt::format("{} is read in full{}{}", n.relation, times(n.loops),
                                     known ? fmt::format(", {:.0f} rows each time", rows) : ""),
                         "the join has no index to look up the matching rows of this table; an index on its join "
                         "columns turns each full read into a lookup");
        return;
    }
    if (n.rows_removed_by_filter >= k_small_table) return;  // plan-rows-removed-by-filter says it, with numbers
    if (!sqlite && n.filter.empty()) return;                // the query asks for every row
    add_plan_finding(out, "plan-full-table-scan", known && rows >= k_large_table ? Severity::warning : Severity::info, n, number,
                     known ? fmt::format("{} is read in full ({:.0f} rows){}", n.alias.empty() ? n.relation : n.relation + " " + n.alias, rows,
                                         n.filter.empty() ? "" : " to find the rows where " + n.filter)
                           : fmt::format("{} is read in full (SCAN without an index)", n.relation),
                     "an index on the columns the query filters this table by would read only the rows it needs");
}

// SQLite indexes a table for the one statement when no index serves a join.
void check_automatic_index(PlanAnalysis& out, const PlanNode& n, int number) {
    if (n.label.find("USING AUTOMATIC") == std::string::npos) return;
    add_plan_finding(out, "plan-automatic-index", Severity::warning, n, number,
                     "SQLite builds a temporary index on " + n.relation + " for this statement, every time it runs (" + n.label + ")",
                     "create that index for good: on the columns in the parentheses, which the join looks up");
}

void check_sort_and_temporary(PlanAnalysis& out, const PlanNode& n, int number) {
    bool filesort = n.sort_method == "filesort" || n.type.rfind("USE TEMP B-TREE FOR ORDER BY", 0) == 0 ||
                    n.type.rfind("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY", 0) == 0 ||
                    n.type.rfind("USE TEMP B-TREE FOR LAST", 0) == 0;
    double rows = n.analyzed ? n.actual_rows * n.loops : n.plan_rows;
    if (filesort) {
        if (n.analyzed && rows < k_small_table) return;
        add_plan_finding(out, "plan-sort-without-index", rows >= k_large_table ? Severity::warning : Severity::info, n, number,
                         rows > 0 ? fmt::format("the rows are sorted ({:.0f} of them) instead of read in order", rows)
                                  : "the rows are sorted instead of read in order from an index",
                         "an index whose columns are the query's equality columns followed by its ORDER BY columns "
                         "returns the rows already in order");
        return;
    }
    if (!n.temporary) return;
    if (n.analyzed && rows < k_small_table) return;
    add_plan_finding(out, "plan-temporary-table", Severity::info, n, number,
                     n.type.rfind("USE TEMP B-TREE", 0) == 0 ? "a temporary B-tree is built " + n.type.substr(16)
                                                              : "the rows go through a temporary table",
                     "GROUP BY or DISTINCT over columns no index returns in order materializes its rows; an index "
                     "that starts with the grouped columns lets the engine group as it reads");
}

void check_subquery(PlanAnalysis& out, const PlanNode& n, int number) {
    bool subplan = n.parent_relationship == "SubPlan" || n.dependent;
    if (!subplan) return;
    if (n.analyzed ? n.loops <= 1 : !n.dependent) return;
    bool costly = n.analyzed && (n.loops >= k_many_loops || (out.total_ms > 0 && n.total_ms >= 0.5 * out.total_ms));
    add_plan_finding(out, "plan-subquery-per-row", costly ? Severity::warning : Severity::info, n,
                     number,
                     n.analyzed ? fmt::format("the subquery ran{}, once per row of the query around it", times(n.loops))
                                : "the subquery depends on the outer row: it runs once per row of the query around it",
                     "rewrite it as a join (a LEFT JOIN to a grouped derived table, or LATERAL) so it runs once; at "
                     "least make sure an index serves its condition on the outer row");
}

void check_pg_inner_scan(PlanAnalysis& out, const PlanNode& inner, const PlanNode* parent, int number) {
    if (!parent || parent->type.rfind("Nested Loop", 0) != 0 || parent->children.size() != 2 || &parent->children[1] != &inner) return;
    if (inner.type.find("Seq Scan") == std::string::npos) return;
    double loops = inner.analyzed ? inner.loops : parent->children[0].plan_rows;
    if (loops < k_many_loops) return;
    add_plan_finding(out, "plan-nested-loop-inner-scan", Severity::warning, inner, number,
                     fmt::format("{} is read in full{} by the nested loop above it", inner.relation, times(loops)),
                     "the join has no index to look up the matching rows; an index on the inner table's join "
                     "columns turns each sequential scan into an index lookup");
}

void check_cast(PlanAnalysis& out, const PlanNode& n, int number) {
    if (n.type.find("Scan") == std::string::npos || n.filter.empty()) return;
    std::smatch m;
    if (!std::regex_search(n.filter, m, k_column_cast)) return;
    add_plan_finding(out, "plan-cast-in-filter", n.rows_removed_by_filter >= k_small_table ? Severity::warning : Severity::info, n, number,
                     fmt::format("the filter casts column {} to {}: an index on {} cannot serve it", m[1].str(), m[2].str(), m[1].str()),
                     "compare the column with a value of its own type (a range for a date: col >= d AND col < d + 1), "
                     "or index the cast expression");
}

}  // namespace

void check_access(PlanAnalysis& out, const PlanNode& n, const PlanNode* parent, int number) {
    check_full_scan(out, n, parent, number);
    check_sort_and_temporary(out, n, number);
    check_automatic_index(out, n, number);
    check_subquery(out, n, number);
    check_pg_inner_scan(out, n, parent, number);
    check_cast(out, n, number);
    if (!n.analyzed && n.type == "Function Scan" && n.plan_rows == 1000)
        add_plan_finding(out, "plan-default-estimate", Severity::info, n, number,
                         "the planner assumed the function returns 1,000 rows, its default",
                         "declare the function's real size (ALTER FUNCTION … ROWS n) so the plan around it fits");
}

}  // namespace dbsage
