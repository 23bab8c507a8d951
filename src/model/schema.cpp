#include "model/schema.h"

#include <algorithm>

#include "util/strings.h"

namespace dbsage {

std::string_view to_string(Dialect dialect) {
    switch (dialect) {
        case Dialect::postgres: return "postgres";
        case Dialect::sqlite: return "sqlite";
        case Dialect::mysql: return "mysql";
    }
    return "postgres";
}

Column* Table::find_column(std::string_view column) {
    for (auto& c : columns)
        if (c.name == column) return &c;
    return nullptr;
}

const Column* Table::find_column(std::string_view column) const {
    return const_cast<Table*>(this)->find_column(column);
}

const Constraint* Table::primary_key() const {
    for (const auto& c : constraints)
        if (c.kind == ConstraintKind::primary_key) return &c;
    return nullptr;
}

void Schema::rebuild_table_index() const {
    m_table_index.clear();
    for (size_t i = 0; i < tables.size(); ++i) m_table_index[tables[i].name].push_back(i);
    m_indexed_tables = tables.size();
    m_table_index_stale = false;
}

Table& Schema::add_table(Table table) {
    tables.push_back(std::move(table));
    if (!m_table_index_stale && m_indexed_tables + 1 == tables.size()) {
        m_table_index[tables.back().name].push_back(tables.size() - 1);
        m_indexed_tables = tables.size();
    }
    note_name(tables.back().name);
    return tables.back();
}

void Schema::tables_changed() {
    m_table_index_stale = true;
    m_names_stale = true;
}

bool Schema::name_in_use(const std::string& name) const {
    if (m_names_stale) {
        m_names.clear();
        for (const auto& t : tables) {
            m_names.insert(t.name);
            for (const auto& i : t.indexes) m_names.insert(i.name);
            for (const auto& c : t.constraints) m_names.insert(c.name);
        }
        m_names_stale = false;
    }
    return m_names.count(name) > 0;
}

void Schema::note_name(const std::string& name) {
    if (!m_names_stale) m_names.insert(name);
}

void Schema::names_changed() { m_names_stale = true; }

Table* Schema::find_table(std::string_view schema, std::string_view name) {
    if (m_table_index_stale || m_indexed_tables != tables.size()) rebuild_table_index();
    auto found = m_table_index.find(std::string(name));
    if (found == m_table_index.end()) return nullptr;
    Table* fallback = nullptr;
    for (size_t i : found->second) {
        Table& t = tables[i];
        if (t.name != name) continue;
        if (t.schema == schema) return &t;
        if (schema.empty() && (t.schema == "public" || t.schema == "main")) return &t;
        if (schema.empty() && !fallback) fallback = &t;
    }
    return fallback;
}

const Table* Schema::find_table(std::string_view schema, std::string_view name) const {
    return const_cast<Schema*>(this)->find_table(schema, name);
}

const EnumType* Schema::find_enum(std::string_view name) const {
    for (const auto& e : enums)
        if (e.name == name) return &e;
    return nullptr;
}

const Domain* Schema::find_domain(std::string_view name) const {
    for (const auto& d : domains)
        if (d.name == name) return &d;
    return nullptr;
}

bool Schema::has_extension(std::string_view name) const {
    return std::find(extensions.begin(), extensions.end(), name) != extensions.end();
}

bool is_integer_type(std::string_view type) {
    return type == "int2" || type == "int4" || type == "int8" || type == "integer" ||
           type == "int" || type == "bigint" || type == "smallint";
}

bool is_text_type(std::string_view type) {
    return type == "text" || type == "varchar" || type == "bpchar" || type == "citext" ||
           type == "name" || type == "character varying" || type == "character";
}

std::string display_type(const Column& column) {
    if (!column.engine_type.empty()) return column.engine_type;  // MySQL: as the engine writes it
    static const std::pair<std::string_view, std::string_view> k_names[] = {
        {"int2", "smallint"}, {"int4", "integer"}, {"int8", "bigint"},
        {"float4", "real"}, {"float8", "double precision"}, {"bpchar", "char"},
        {"bool", "boolean"}, {"timestamptz", "timestamptz"}, {"varchar", "varchar"},
    };
    std::string name = column.type;
    for (const auto& [internal, shown] : k_names)
        if (column.type == internal) name = shown;
    if (column.serial) {
        name = column.type == "int8" ? "bigserial" : column.type == "int2" ? "smallserial" : "serial";
    }
    if (!column.typmods.empty()) {
        name += "(";
        for (size_t i = 0; i < column.typmods.size(); ++i) {
            if (i) name += ",";
            name += std::to_string(column.typmods[i]);
        }
        name += ")";
    }
    if (column.is_array) name += "[]";
    return name;
}

std::string qualified_name(std::string_view schema, std::string_view name) {
    return std::string(schema.empty() ? std::string_view("public") : schema) + "." + std::string(name);
}

}  // namespace dbsage
