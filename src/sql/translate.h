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
// Statements on objects that hang off a table (rules, policies, trigger
// renames), LOCK, CREATE STATISTICS and SET SCHEMA: translate_objects.cpp.
void translate_rule(const tree::Json& rule_stmt, Statement& statement);
void translate_alter_policy(const tree::Json& alter_policy_stmt, Statement& statement);
void translate_lock(const tree::Json& lock_stmt, Statement& statement);
void translate_create_statistics(const tree::Json& create_stats_stmt, Statement& statement);
void translate_set_schema(const tree::Json& alter_object_schema_stmt, Statement& statement);
void translate_sequence(const tree::Json& create_or_alter_seq_stmt, Statement& statement);
// DROP of a rule, policy or trigger, whose name list ends (table, object).
void translate_drop_table_object(const tree::Json& drop_stmt, DdlKind kind, const char* verb, Statement& statement);

}  // namespace dbsage
