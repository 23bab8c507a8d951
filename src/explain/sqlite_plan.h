// SQLite's EXPLAIN QUERY PLAN as a Plan: the sqlite3 shell's tree
// ("QUERY PLAN", "|--SCAN o", "`--USE TEMP B-TREE FOR ORDER BY"), or the
// statement's rows as id|parent|notused|detail. SQLite gives no costs, no
// row estimates and no times: the nodes carry what it does say (a scan, the
// index a search uses, a temporary B-tree, a correlated subquery).
#pragma once

#include <string>
#include <vector>

#include "dbsage/status.h"
#include "model/plan.h"

namespace dbsage {

struct SqlitePlanRow {
    int id = 0, parent = 0;
    std::string detail;
};

bool is_sqlite_plan(const std::string& text);
Result<Plan> read_sqlite_plan(const std::string& text, const std::string& source);

// The plan of the rows sqlite3 returns for EXPLAIN QUERY PLAN.
Plan sqlite_plan_from_rows(const std::vector<SqlitePlanRow>& rows, const std::string& source);

}  // namespace dbsage
