// The typed statement model: what src/sql makes of each statement of a script.
// Rules read this, never the parser's own tree.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dbsage/finding.h"
#include "model/schema.h"

namespace dbsage {

enum class StatementKind {
    select, insert, update, delete_, merge,
    create_table, alter_table, create_index, drop, rename, comment,
    create_view, create_type, create_domain, create_function, create_trigger,
    create_policy, create_extension, create_schema, create_sequence,
    transaction, set, vacuum, truncate, other, invalid,
};

std::string_view to_string(StatementKind kind);

struct TableRef {
    std::string schema;
    std::string name;
    std::string alias;
    Location location;
    bool outer_nullable = false;  // on the NULL-filled side of an outer join
    int from_item = -1;           // which item of the FROM list it is in (a JOIN tree is one item)
};

// One column-level condition: "o.customer_id = 42", "email LIKE …".
struct Predicate {
    std::string qualifier;   // alias or table name before the column, if any
    std::string column;
    std::string op;          // "=", "<", "IN", "NOT IN", "IS NULL", "LIKE", …
    enum class Operand { constant, parameter, column, subquery, list, expression, none };
    Operand operand = Operand::none;
    std::string other_qualifier;  // for column operands (joins)
    std::string other_column;
    int subquery = -1;       // index into Query::subqueries for subquery operands
    int offset = -1;         // byte offset of the predicate within the statement
    std::string value;       // constant operands: the constant as normalized SQL text ('x', 42)
    // In Query::expression_predicates: the expression of one column the
    // condition tests ("lower(email)", "(data ->> 'kind')"); column names it.
    std::string expression;
    std::string cast;        // the column was cast before the comparison ("date" in created_at::date = …)
    int list_size = 0;       // list operands: how many items IN (…) lists
};

struct OrderItem {
    std::string expression;  // normalized text
    std::string column;      // set when the item is a plain column
    bool descending = false;
    bool nulls_first = false;  // where NULLs sort (by default: first when descending)
    bool is_random = false;  // random(), rand()
    int offset = -1;
};

// One query level (SELECT, INSERT, UPDATE, DELETE); nested levels live in
// ctes and subqueries.
struct Query {
    StatementKind kind = StatementKind::select;
    std::vector<TableRef> tables;        // FROM and JOIN items; the DML target first
    std::vector<std::string> targets;    // selected columns as written ("*" and "t.*" included)
    bool select_star = false;
    bool tablesample = false;            // a FROM item reads a TABLESAMPLE
    int star_offset = -1;
    bool has_where = false;
    std::string where_text;              // normalized WHERE expression of a nested query, else empty
    std::vector<Predicate> predicates;   // WHERE conjuncts
    std::vector<Predicate> expression_predicates;  // WHERE conjuncts on an expression of one column
    std::vector<Predicate> join_conditions;
    std::vector<std::string> group_by;
    std::vector<OrderItem> order_by;
    std::optional<std::string> limit;
    std::optional<std::string> offset;
    int offset_offset = -1;              // byte offset of the OFFSET value in the statement
    std::vector<Query> ctes;
    std::vector<std::string> cte_names;  // same order as ctes
    std::vector<Query> subqueries;
    std::vector<std::string> set_columns;  // UPDATE: the columns SET assigns
    bool distinct = false;               // SELECT DISTINCT (or DISTINCT ON)
    bool aggregates = false;             // a selected expression is count/sum/avg/min/max(…)
    std::vector<size_t> target_subqueries;  // indexes into subqueries: those in the select list
    std::vector<std::vector<Predicate>> or_groups;  // WHERE conjuncts that are an OR of column conditions, one per arm
    std::vector<int> count_existence;    // byte offsets of (SELECT count(*) …) compared with 0 or 1
};

enum class DdlKind {
    create_table, add_column, drop_column, alter_column_type, set_not_null, drop_not_null,
    set_default, drop_default, add_identity, add_constraint, drop_constraint, validate_constraint,
    create_index, drop_table, drop_index, drop_view, drop_type, drop_schema,
    rename_table, rename_column, rename_index, rename_constraint,
    comment_table, comment_column, create_enum, add_enum_value, rename_enum_value, create_domain,
    create_view, create_trigger, drop_trigger, create_policy, enable_rls, disable_rls, force_rls,
    no_force_rls, create_extension, create_schema,
    // Operations that change no schema fact but matter for locks and migration safety.
    reindex, attach_partition, detach_partition, vacuum_full, cluster, truncate, drop_database,
    alter_domain_add_constraint, refresh_matview, set_statistics, set_storage, set_logged, alter_table_other,
    set_schema,           // ALTER TABLE/VIEW … SET SCHEMA: text is the new schema
    lock_table,           // LOCK TABLE: objects are the tables, text the mode's number (1–8)
    create_statistics,    // CREATE STATISTICS … FROM table
    drop_function,        // DROP FUNCTION/PROCEDURE: objects (schema, name), cascade
    table_object,         // CREATE/ALTER/DROP RULE, ALTER/DROP POLICY, ALTER TRIGGER … RENAME: name, text the verb
};

// One schema change. A statement may carry several (ALTER TABLE with many
// subcommands). Only the fields that apply to the kind are set.
struct DdlOp {
    DdlKind kind = DdlKind::create_table;
    std::string schema;          // target relation's schema as written ("" when unqualified)
    std::string table;           // target relation (or type/object name)
    std::string name;            // column, constraint, index, value, … being changed
    std::string new_name;
    std::shared_ptr<Table> new_table;
    std::shared_ptr<Column> column;
    std::shared_ptr<Constraint> constraint;
    std::shared_ptr<Index> index;
    std::shared_ptr<EnumType> enum_type;
    std::shared_ptr<Domain> domain;
    std::shared_ptr<View> view;
    std::shared_ptr<Trigger> trigger;
    std::shared_ptr<Policy> policy;
    std::vector<std::pair<std::string, std::string>> objects;  // DROP targets (schema, name)
    std::string text;            // comment text, new default, new type
    bool if_exists = false;
    bool if_not_exists = false;
    bool concurrently = false;
    bool cascade = false;
    bool has_using = false;      // ALTER COLUMN TYPE … USING
    bool replace = false;        // CREATE OR REPLACE
    Location location;
};

// MySQL/MariaDB: how the server runs an ALTER TABLE, CREATE INDEX or DROP
// INDEX on an existing table (its online DDL algorithm and lock).
enum class DdlAlgorithm { instant, inplace, copy };
enum class DdlLock { none, shared, exclusive };

struct OnlineDdl {
    std::string table;              // schema.table
    DdlAlgorithm algorithm = DdlAlgorithm::instant;
    DdlLock lock = DdlLock::none;
    bool rebuild = false;           // the table is rebuilt: time grows with its size
    std::string reason;             // the clause that decided it, in words
    bool known_table = true;        // false: no definition; assumed to exist and be in use
    bool new_table = false;         // created earlier in the same files: nothing to block
    // What the server accepted first when asked for INSTANT, then INPLACE
    // with LOCK=NONE, then LOCK=SHARED, then COPY; empty when not traced.
    std::optional<DdlAlgorithm> observed_algorithm;
    std::optional<DdlLock> observed_lock;
    std::optional<bool> observed_rebuild;  // MariaDB tells NOCOPY from a rebuilding INPLACE
};

std::string_view to_string(DdlAlgorithm algorithm);
std::string_view to_string(DdlLock lock);

enum class TxnCommand { none, begin, commit, rollback, savepoint, release, rollback_to, prepare, other };

struct Statement {
    StatementKind kind = StatementKind::other;
    std::string node;            // the parser's node name, e.g. "CreateStmt"
    std::string text;            // exact source text (as psql sends it when \set values were substituted)
    // Set only when \set values changed lengths: the source as written, and
    // (offset in text, offset in source_text) where each unchanged stretch starts.
    std::string source_text;
    std::vector<std::pair<size_t, size_t>> shifts;
    Location location;           // where the statement starts
    size_t offset = 0;           // byte offset in its file
    int end_line = 0;
    std::optional<Query> query;  // for SELECT/INSERT/UPDATE/DELETE (and views)
    std::vector<DdlOp> ddl;
    TxnCommand txn = TxnCommand::none;       // for transaction control statements
    std::string setting;                     // SET/RESET: the parameter name, lowercase
    std::string setting_value;               // SET: the value as written ("2s", "5000")
    bool setting_local = false;              // SET LOCAL
    std::vector<std::string> ignored_rules;  // "*" ignores every rule
    // Identifiers over 63 bytes as written (the parser truncates them), with
    // their byte offset in text.
    std::vector<std::pair<std::string, int>> long_identifiers;
    std::optional<OnlineDdl> online_ddl;     // MySQL-dialect ALTER TABLE / CREATE INDEX / DROP INDEX
    std::string error;           // syntax error message, for kind == invalid
    bool too_large = false;      // invalid because too large or deep to analyse, not because PostgreSQL rejects it
    int error_offset = -1;       // byte offset of the error within text

    // Maps a byte offset inside text to a file location.
    Location location_at(int statement_offset) const;
};

}  // namespace dbsage
