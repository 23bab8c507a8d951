// Turns one libpg_query statement node into the typed Statement model.
#pragma once

#include "model/statement.h"
#include "sql/json_tree.h"

namespace dbsage {

// Fills kind, node, query and ddl of statement from a RawStmt's "stmt" node.
// Offsets in the tree are relative to statement.text.
void translate_statement(const tree::Json& stmt, Statement& statement);

// Internal pieces, split by the kind of statement they read.
void translate_ddl(const tree::Json& stmt, Statement& statement);
Query translate_query(const tree::Json& stmt);

}  // namespace dbsage
