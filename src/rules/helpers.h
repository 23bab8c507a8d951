// Shared vocabulary for rules: object paths, locations, query walking.
#pragma once

#include <functional>
#include <string>

#include "model/schema.h"
#include "model/statement.h"
#include "rules/rule.h"

namespace dbsage::rules {

// A location that names the object and, when known, where it was written.
Location at_table(const Table& table);
Location at_column(const Table& table, const Column& column);
Location at_constraint(const Table& table, const Constraint& constraint);
Location at_index(const Table& table, const Index& index);

// Calls fn for every query level of a statement (the top one, CTEs, subqueries).
void for_each_query(const Query& query, const std::function<void(const Query&)>& fn);

// Calls fn for each column of each foreign key whose target table and
// columns the schema knows: the referencing column and the one it references.
void for_each_fk_column(const Schema& schema,
                        const std::function<void(const Table& table, const Table& target, const Column& from,
                                                 const Column& to)>& fn);

// The columns of a foreign key's target (its primary key when not named).
std::vector<std::string> referenced_columns(const Schema& schema, const Constraint& fk);

// True when an index's leading key columns are exactly `columns` in some order
// (so it can serve lookups on them).
bool index_covers(const Index& index, const std::vector<std::string>& columns);

// The name matches one of the words, as a whole or as one of its words
// (split at underscores, digits and camelCase humps), never as a substring.
bool name_has_word(std::string_view name, std::initializer_list<std::string_view> words);

// Calls fn(statement, context, op) for every DDL operation of every valid
// statement read from SQL files, with the statement's migration context.
void for_each_migration_op(const Context& ctx,
                           const std::function<void(const Statement&, const StatementContext&, const DdlOp&)>& fn);
// The qualified name of the table an operation changes when that table
// existed before the migration file (not created earlier in it); else "".
std::string existing_target(const StatementContext& sc, const DdlOp& op);
// The statement text without its terminating semicolon and trailing space,
// ready to have clauses appended.
std::string statement_body(const std::string& text);
// Calls report(statement) for the first statement of each file that needs()
// something the file has not set up (a timeout, say): one finding per file.
void first_per_file(const Context& ctx, const std::function<bool(const Statement&, const StatementContext&)>& needs,
                    const std::function<void(const Statement&)>& report);
// The statement text with `insert` placed after the first whole-word,
// case-insensitive occurrence of `keyword` (for fixes like adding CONCURRENTLY).
std::string insert_after_keyword(const std::string& text, std::string_view keyword, std::string_view insert);

// Calls fn for each table that is not a partition (partitions repeat their
// parent's design, so findings go on the parent).
void for_each_table(const Schema& schema, const std::function<void(const Table&)>& fn);
void for_each_column(const Schema& schema, const std::function<void(const Table&, const Column&)>& fn);

// "schema.table" quoted for SQL; the schema is left out when it is the default.
std::string sql_name(const Table& table);
// "CREATE [UNIQUE] INDEX [CONCURRENTLY] name ON table (keys)" and
// "DROP INDEX [CONCURRENTLY] [schema.]name" in the dialect's spelling
// (CONCURRENTLY only on PostgreSQL, where it avoids blocking writes).
std::string create_index_sql(Dialect dialect, const Table& table, const std::string& name, const std::string& keys,
                             bool unique = false, const std::string& predicate = "");
std::string drop_index_sql(Dialect dialect, const Table& table, const Index& index);
// ALTER TABLE … ALTER COLUMN … TYPE … (PostgreSQL).
std::string alter_type_fix(const Table& table, const Column& column, std::string_view new_type);
// ALTER TABLE … MODIFY column new_type with the column's NOT NULL, DEFAULT and
// AUTO_INCREMENT kept (MySQL rewrites the whole definition).
std::string mysql_modify_column(const Table& table, const Column& column, std::string_view new_type);
// True when a CHECK constraint of the table mentions the column.
bool has_check_on(const Table& table, std::string_view column);
// The foreign key whose columns start with this column, if any.
const Constraint* foreign_key_on(const Table& table, std::string_view column);

// The schema table a column of a query level comes from: by its qualifier
// (alias or name), else the only FROM item, else the only table with such a
// column. Null when the schema does not know it.
const Table* table_of_column(const Schema& schema, const Query& q, const std::string& qualifier, const std::string& column);
// True when the live schema says the table holds under 10,000 rows: reading
// all of it costs little, so the query rules about full reads stay quiet.
// False for a table known only from SQL files (no row estimate).
bool known_small_table(const Table* table);
// True when an index of the table has the column as its first key.
bool leads_an_index(const Table& table, const std::string& column);
// The name a FROM item goes by in the query: its alias, else its name.
std::string ref_name(const TableRef& ref);

}  // namespace dbsage::rules
