// The schema model every source fills and every rule reads. Names are stored
// as PostgreSQL folds them (unquoted identifiers lowercased).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dbsage/finding.h"

namespace dbsage {

enum class Dialect { postgres, sqlite, mysql };
std::string_view to_string(Dialect dialect);

// Column-level statistics a live database can provide.
struct ColumnStats {
    std::optional<double> n_distinct;
    std::optional<double> null_fraction;
    std::optional<double> correlation;  // of the column's order with the rows' physical order (pg_stats)
    std::optional<double> avg_width;    // bytes per non-null value (pg_stats)
    std::vector<std::string> samples;  // a few non-null values as text
};

struct Column {
    std::string name;
    std::string type;            // canonical internal name: int4, varchar, timestamptz, …
    std::vector<int> typmods;    // varchar(20) -> {20}, numeric(10,2) -> {10,2}
    bool is_array = false;
    bool not_null = false;
    std::optional<std::string> default_expr;  // normalized expression text
    bool default_volatile = false;  // the default calls a volatile function (random(), nextval(), …)
    bool serial = false;         // serial/bigserial/smallserial
    bool identity = false;       // GENERATED … AS IDENTITY
    bool generated = false;      // GENERATED ALWAYS AS (…) STORED
    // MySQL/MariaDB: the type as the engine writes it ("int(10) unsigned",
    // "enum('a','b')"), UNSIGNED, AUTO_INCREMENT and the text columns'
    // character set and collation.
    std::string engine_type;
    bool is_unsigned = false;
    bool auto_increment = false;
    std::string charset;
    std::string collation;
    std::string comment;
    Location location;
    ColumnStats stats;
};

enum class ConstraintKind { primary_key, unique, foreign_key, check, exclude };

struct Constraint {
    std::string name;
    ConstraintKind kind = ConstraintKind::check;
    std::vector<std::string> columns;        // key / fk columns
    std::string ref_schema;                  // foreign key target
    std::string ref_table;
    std::vector<std::string> ref_columns;    // empty means the target's primary key
    char on_delete = 'a';                    // a=no action r=restrict c=cascade n=set null d=set default
    char on_update = 'a';
    std::string expression;                  // check: normalized expression text
    std::vector<std::string> expression_columns;  // columns the check mentions
    bool not_valid = false;
    std::string using_index;                 // ADD … UNIQUE/PRIMARY KEY USING INDEX name
    Location location;
};

struct IndexKey {
    std::string column;       // set for a plain column key
    std::string expression;   // set for an expression key (normalized text)
    bool descending = false;
    int prefix_length = 0;    // MySQL: KEY (email(20)) indexes the first 20 characters
};

struct Index {
    std::string name;
    std::string method = "btree";
    std::vector<IndexKey> keys;
    std::vector<std::string> include;
    std::string predicate;    // normalized text of WHERE, empty when none
    std::vector<std::string> predicate_columns;
    bool unique = false;
    bool primary = false;
    std::string constraint;   // name of the PK/UNIQUE/EXCLUDE constraint it backs
    bool invisible = false;   // MySQL INVISIBLE / MariaDB IGNORED: the optimizer does not use it
    Location location;
    std::optional<std::int64_t> scans;        // live: idx_scan
    std::optional<std::int64_t> size_bytes;
};

struct Trigger {
    std::string name;
    std::string function;
    bool before = false;
    bool for_each_row = false;
    bool on_insert = false, on_update = false, on_delete = false;
    Location location;
};

struct Policy {
    std::string name;
    Location location;
};

struct Table {
    std::string schema = "public";
    std::string name;
    std::vector<Column> columns;
    std::vector<Constraint> constraints;
    std::vector<Index> indexes;
    std::vector<Trigger> triggers;
    std::vector<Policy> policies;
    bool partitioned = false;
    std::string partition_of;  // parent table (qualified) for a partition
    bool rls_enabled = false;
    bool rls_forced = false;
    bool strict = false;       // SQLite STRICT
    // MySQL/MariaDB: storage engine (InnoDB, MyISAM, …), default character
    // set and collation, and the next AUTO_INCREMENT value (live).
    std::string engine;
    std::string charset;
    std::string collation;
    std::optional<std::int64_t> auto_increment;
    std::string comment;
    Location location;
    // The qualified name it was created under, when a later RENAME or SET
    // SCHEMA changed it: findings at the CREATE name it as it was there.
    std::string created_as;
    std::optional<double> row_estimate;
    std::optional<std::int64_t> size_bytes;
    std::optional<std::int64_t> fk_violations;  // rows failing a declared FK (SQLite check)

    std::string qualified() const { return schema + "." + name; }
    Column* find_column(std::string_view column);
    const Column* find_column(std::string_view column) const;
    const Constraint* primary_key() const;
};

struct View {
    std::string schema = "public";
    std::string name;
    bool materialized = false;
    std::vector<std::pair<std::string, std::string>> sources;  // tables its query reads (schema, name)
    Location location;

    std::string qualified() const { return schema + "." + name; }
};

struct EnumType {
    std::string schema = "public";
    std::string name;
    std::vector<std::string> values;
    Location location;
};

struct Domain {
    std::string schema = "public";
    std::string name;
    std::string base_type;
    bool has_check = false;
    Location location;
};

struct Schema {
    Dialect dialect = Dialect::postgres;
    std::vector<Table> tables;
    std::vector<View> views;
    std::vector<EnumType> enums;
    std::vector<Domain> domains;
    std::vector<std::string> extensions;
    // Server settings read from a live database that rules judge by
    // (MySQL: sql_mode, lower-cased names). Empty for files.
    std::unordered_map<std::string, std::string> settings;

    // Looks a table up by name; an empty schema name means "public" (or "main"
    // on SQLite) and then any schema.
    Table* find_table(std::string_view schema, std::string_view name);
    const Table* find_table(std::string_view schema, std::string_view name) const;
    const EnumType* find_enum(std::string_view name) const;

    // Appends a table and indexes it by name. Code that renames or removes
    // tables calls tables_changed() so lookups rebuild their index.
    Table& add_table(Table table);
    void tables_changed();
    // Relation, index and constraint names in use (PostgreSQL keeps them
    // unique per schema), for generating names the way the server does.
    bool name_in_use(const std::string& name) const;
    void note_name(const std::string& name);
    void names_changed();
    const Domain* find_domain(std::string_view name) const;
    bool has_extension(std::string_view name) const;

private:
    void rebuild_table_index() const;
    mutable std::unordered_map<std::string, std::vector<size_t>> m_table_index;
    mutable size_t m_indexed_tables = 0;
    mutable bool m_table_index_stale = true;
    mutable std::unordered_set<std::string> m_names;
    mutable bool m_names_stale = true;
};

// "schema.name" for a name as a PostgreSQL statement writes it: an unqualified
// name is in public (dbsage does not follow search_path).
std::string qualified_name(std::string_view schema, std::string_view name);

// True for the integer family: int2, int4, int8 (and their serial forms).
bool is_integer_type(std::string_view type);
// True for text-like types: text, varchar, bpchar, citext, name.
bool is_text_type(std::string_view type);
// A readable type name for messages: varchar(20), timestamp, integer[].
std::string display_type(const Column& column);

}  // namespace dbsage
