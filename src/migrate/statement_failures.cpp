#include "migrate/statement_failures.h"

#include <algorithm>

namespace dbsage {
namespace {

bool relation_exists(const Schema& schema, const std::string& sch, const std::string& name) {
    if (schema.find_table(sch, name)) return true;
    // The indexed set of table, index and constraint names: most names are
    // new, and the walk below over every index is then skipped.
    if (!schema.name_in_use(name)) {
        bool view = false;
        for (const auto& v : schema.views) view = view || v.name == name;
        if (!view) return false;
    }
    for (const auto& v : schema.views)
        if (v.name == name && (sch.empty() || v.schema == sch)) return true;
    for (const auto& t : schema.tables)
        if (sch.empty() || t.schema == sch)
            for (const auto& i : t.indexes)
                if (i.name == name) return true;
    return false;
}

bool type_exists(const Schema& schema, const std::string& name) {
    for (const auto& e : schema.enums)
        if (e.name == name) return true;
    for (const auto& d : schema.domains)
        if (d.name == name) return true;
    return false;
}

// A column type that a later statement of the run creates does not exist yet.
void check_type(const Column& c, size_t index, const Schema& before, const LaterDefinitions& later,
                const std::vector<Statement>& statements, std::vector<std::string>& out) {
    std::string name = c.type.substr(c.type.rfind('.') == std::string::npos ? 0 : c.type.rfind('.') + 1);
    auto it = later.types.find(name);
    if (it == later.types.end() || it->second <= index || type_exists(before, name)) return;
    // Within one file the order is certain; across files it is dbsage's name
    // order, which need not be the runner's.
    if (statements[it->second].location.file != statements[index].location.file) return;
    out.push_back("type \"" + name + "\" does not exist (it is created later, at " + file_line(statements[it->second].location) + ")");
}

}  // namespace

LaterDefinitions find_definitions(const std::vector<Statement>& statements) {
    LaterDefinitions out;
    for (size_t i = 0; i < statements.size(); ++i)
        for (const auto& op : statements[i].ddl) {
            if (op.kind == DdlKind::create_table) out.relations.emplace(qualified_name(op.new_table->schema, op.new_table->name), i);
            if (op.kind == DdlKind::create_view) out.relations.emplace(qualified_name(op.view->schema, op.view->name), i);
            if (op.kind == DdlKind::create_enum) out.types.emplace(op.enum_type->name, i);
            if (op.kind == DdlKind::create_domain) out.types.emplace(op.domain->name, i);
            if (op.kind == DdlKind::drop_table || op.kind == DdlKind::drop_view)
                for (const auto& [schema, name] : op.objects)
                    if (!out.relations.count(qualified_name(schema, name))) out.dropped_first.emplace(qualified_name(schema, name), i);
        }
    return out;
}

std::vector<std::string> predict_failures(const Statement& st, size_t index, const Schema& before,
                                          const StatementEffects& effects, const LaterDefinitions& later,
                                          const std::vector<Statement>& statements, bool baseline_complete) {
    std::vector<std::string> out;
    if (st.kind == StatementKind::invalid) return out;
    for (const auto& op : st.ddl) {
        if (op.kind == DdlKind::create_table) {
            const Table& t = *op.new_table;
            if (!op.if_not_exists && relation_exists(before, t.schema, t.name))
                out.push_back("relation \"" + qualified_name(t.schema, t.name) + "\" already exists");
            for (const auto& c : t.columns) check_type(c, index, before, later, statements, out);
        }
        if (op.kind == DdlKind::add_column) {
            const Table* t = before.find_table(op.schema, op.table);
            if (t && !op.if_not_exists && t->find_column(op.column->name))
                out.push_back("column \"" + op.column->name + "\" of relation \"" + t->qualified() + "\" already exists");
            check_type(*op.column, index, before, later, statements, out);
        }
        if (op.kind == DdlKind::alter_column_type) check_type(*op.column, index, before, later, statements, out);
        if (op.kind == DdlKind::create_index && !op.if_not_exists && !op.index->name.empty() &&
            relation_exists(before, op.schema, op.index->name))
            out.push_back("relation \"" + op.index->name + "\" already exists");
        if (op.kind == DdlKind::create_view && !op.replace && relation_exists(before, op.view->schema, op.view->name))
            out.push_back("relation \"" + qualified_name(op.view->schema, op.view->name) + "\" already exists");
    }
    // Relations the statement needs that do not exist before it.
    bool tolerant = false;  // IF EXISTS forms skip missing relations
    for (const auto& op : st.ddl) tolerant = tolerant || op.if_exists;
    for (const auto& name : effects.unknown) {
        auto it = later.relations.find(name);
        if (it != later.relations.end() && it->second > index) {
            if (statements[it->second].location.file != st.location.file || later.dropped_first.count(name)) continue;
            if (!tolerant)
                out.push_back("relation \"" + name + "\" does not exist (it is created later, at " +
                              file_line(statements[it->second].location) + ")");
        } else if (baseline_complete && !tolerant) {
            out.push_back("relation \"" + name + "\" does not exist in the database");
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace dbsage
