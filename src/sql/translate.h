// Turns one libpg_query statement node into the typed Statement model.
#pragma once

#include <string>

#include "model/statement.h"
#include "sql/json_tree.h"

namespace dbsage {

// Fills kind, node, query and ddl of statement from a RawStmt's "stmt" node.
// Offsets in the tree are relative to statement.text.
void translate_statement(const tree::Json& stmt, Statement& statement);

// Internal pieces, split by the kind of statement they read.
void translate_ddl(const tree::Json& stmt, Statement& statement);

// Shared by the DDL translators (translate_table.cpp, translate_ddl.cpp).
struct DdlTarget {
    std::string schema;
    std::string name;
};
DdlTarget range_var(const tree::Json& range_var_node);
DdlOp op_for(DdlKind kind, const DdlTarget& target, const Statement& statement);
void translate_create_table(const tree::Json& create_stmt, Statement& statement);
void translate_alter_table(const tree::Json& alter_table_stmt, Statement& statement);
void translate_create_index(const tree::Json& index_stmt, Statement& statement);
Query translate_query(const tree::Json& stmt);

}  // namespace dbsage
