// MySQL's and MariaDB's plans as a Plan: EXPLAIN FORMAT=JSON of both,
// MariaDB's ANALYZE FORMAT=JSON (with r_ figures), and MySQL's tree format
// (EXPLAIN FORMAT=TREE, EXPLAIN ANALYZE). Bare, or as the mysql/mariadb
// client prints it (a header, \G rows, a boxed table, \n escapes in batch
// mode).
#pragma once

#include <string>

#include "dbsage/status.h"
#include "model/plan.h"

namespace dbsage {

// text without the mysql client's framing, escapes undone.
std::string strip_mysql_client_framing(const std::string& text);

// True when text looks like EXPLAIN/ANALYZE FORMAT=JSON of MySQL or MariaDB.
bool is_mysql_json_plan(const std::string& text);
Result<Plan> read_mysql_json_plan(const std::string& text, const std::string& source);

// True when text looks like MySQL's tree format ("-> Table scan on t …").
bool is_mysql_tree_plan(const std::string& text);
Result<Plan> read_mysql_tree_plan(const std::string& text, const std::string& source);

}  // namespace dbsage
