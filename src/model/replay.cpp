#include "model/replay.h"

#include <algorithm>

#include "util/strings.h"

namespace dbsage {
namespace {

std::string default_schema(const Schema& schema) {
    return schema.dialect == Dialect::sqlite ? "main" : "public";
}

// PostgreSQL's ChooseRelationName: table_col1_col2_suffix, made unique with a number.
std::string choose_name(const Schema& schema, const std::string& table, const std::vector<std::string>& parts,
                        const std::string& suffix) {
    std::string base = table;
    for (const auto& p : parts) base += "_" + p;
    if (base.size() + suffix.size() + 1 > 63) base = base.substr(0, 62 - suffix.size());
    std::string name = base + "_" + suffix;
    for (int n = 1; schema.name_in_use(name); ++n) name = base + "_" + suffix + std::to_string(n);
    return name;
}

std::vector<std::string> key_names(const Index& idx) {
    std::vector<std::string> out;
    for (const auto& k : idx.keys) {
        if (!k.column.empty()) out.push_back(k.column);
        else out.push_back(k.expression.substr(0, k.expression.find('(')));
    }
    return out;
}

void add_constraint(Schema& schema, Table& table, Constraint con) {
    if (con.name.empty()) {
        switch (con.kind) {
            case ConstraintKind::primary_key: con.name = choose_name(schema, table.name, {}, "pkey"); break;
            case ConstraintKind::unique: con.name = choose_name(schema, table.name, con.columns, "key"); break;
            case ConstraintKind::foreign_key: con.name = choose_name(schema, table.name, con.columns, "fkey"); break;
            case ConstraintKind::exclude:
                con.name = choose_name(schema, table.name, {con.columns.empty() ? "" : con.columns[0]}, "excl");
                break;
            case ConstraintKind::check: {
                std::vector<std::string> parts;
                if (con.expression_columns.size() == 1 ||
                    (!con.expression_columns.empty() &&
                     std::all_of(con.expression_columns.begin(), con.expression_columns.end(),
                                 [&](const std::string& c) { return c == con.expression_columns[0]; })))
                    parts.push_back(con.expression_columns[0]);
                con.name = choose_name(schema, table.name, parts, "check");
                break;
            }
        }
    }
    if (con.kind == ConstraintKind::primary_key) {
        for (const auto& c : con.columns)
            if (auto* col = table.find_column(c)) col->not_null = true;
    }
    if (con.kind == ConstraintKind::primary_key || con.kind == ConstraintKind::unique ||
        con.kind == ConstraintKind::exclude) {
        Index idx;
        idx.name = con.name;
        idx.method = con.kind == ConstraintKind::exclude ? "gist" : "btree";
        for (const auto& c : con.columns) idx.keys.push_back(IndexKey{c, "", false});
        idx.unique = con.kind != ConstraintKind::exclude;
        idx.primary = con.kind == ConstraintKind::primary_key;
        idx.constraint = con.name;
        idx.location = con.location;
        schema.note_name(idx.name);
        table.indexes.push_back(std::move(idx));
    }
    schema.note_name(con.name);
    table.constraints.push_back(std::move(con));
}

Table* target_table(Schema& schema, const DdlOp& op) {
    return schema.find_table(op.schema, op.table);
}

template <typename T>
void erase_named(std::vector<T>& items, const std::string& name) {
    items.erase(std::remove_if(items.begin(), items.end(), [&](const T& i) { return i.name == name; }), items.end());
}

void drop_objects(Schema& schema, const DdlOp& op) {
    for (const auto& object : op.objects) {
        // Named, not structured bindings: the lambdas below capture them.
        const std::string& sch = object.first;
        const std::string& name = object.second;
        switch (op.kind) {
            case DdlKind::drop_table:
                schema.tables.erase(std::remove_if(schema.tables.begin(), schema.tables.end(),
                                                   [&](const Table& t) {
                                                       return t.name == name && (sch.empty() || t.schema == sch);
                                                   }),
                                    schema.tables.end());
                break;
            case DdlKind::drop_index:
                for (auto& t : schema.tables) erase_named(t.indexes, name);
                break;
            case DdlKind::drop_view: erase_named(schema.views, name); break;
            case DdlKind::drop_type:
                erase_named(schema.enums, name);
                erase_named(schema.domains, name);
                break;
            case DdlKind::drop_schema:
                schema.tables.erase(std::remove_if(schema.tables.begin(), schema.tables.end(),
                                                   [&](const Table& t) { return t.schema == name; }),
                                    schema.tables.end());
                break;
            default: break;
        }
    }
}

// RENAME and SET SCHEMA also apply to views, which are not tables.
void rename_or_move_view(Schema& schema, const DdlOp& op) {
    if (op.kind != DdlKind::rename_table && op.kind != DdlKind::set_schema) return;
    for (auto& v : schema.views) {
        if (v.name != op.table || (!op.schema.empty() && v.schema != op.schema)) continue;
        if (op.kind == DdlKind::rename_table) v.name = op.new_name;
        else v.schema = op.text;
        return;
    }
}

void rename_column_refs(Table& table, const std::string& from, const std::string& to) {
    auto fix = [&](std::vector<std::string>& names) { std::replace(names.begin(), names.end(), from, to); };
    for (auto& c : table.constraints) {
        fix(c.columns);
        fix(c.expression_columns);
    }
    for (auto& i : table.indexes) {
        for (auto& k : i.keys)
            if (k.column == from) k.column = to;
        fix(i.include);
        fix(i.predicate_columns);
    }
}

}  // namespace

void apply_ddl(Schema& schema, const DdlOp& op) {
    Table* table = nullptr;
    switch (op.kind) {
        case DdlKind::create_table: {
            if (schema.find_table(op.schema, op.table)) return;  // IF NOT EXISTS or a repeated dump
            Table t = *op.new_table;
            if (t.schema.empty()) t.schema = default_schema(schema);
            auto constraints = std::move(t.constraints);
            t.constraints.clear();
            Table& added = schema.add_table(std::move(t));
            for (auto& c : constraints) add_constraint(schema, added, std::move(c));
            return;
        }
        case DdlKind::drop_table:
        case DdlKind::drop_index:
        case DdlKind::drop_view:
        case DdlKind::drop_type:
        case DdlKind::drop_schema:
            drop_objects(schema, op);
            schema.tables_changed();
            return;
        case DdlKind::create_enum: {
            EnumType e = *op.enum_type;
            if (e.schema.empty()) e.schema = default_schema(schema);
            schema.enums.push_back(std::move(e));
            return;
        }
        case DdlKind::add_enum_value:
            for (auto& e : schema.enums)
                if (e.name == op.table) e.values.push_back(op.new_name);
            return;
        case DdlKind::rename_enum_value:
            for (auto& e : schema.enums)
                std::replace(e.values.begin(), e.values.end(), op.name, op.new_name);
            return;
        case DdlKind::create_domain: schema.domains.push_back(*op.domain); return;
        case DdlKind::create_view: {
            View v = *op.view;
            if (v.schema.empty()) v.schema = default_schema(schema);
            erase_named(schema.views, v.name);
            schema.views.push_back(std::move(v));
            return;
        }
        case DdlKind::create_extension:
            if (!schema.has_extension(op.name)) schema.extensions.push_back(op.name);
            return;
        case DdlKind::create_schema: return;
        case DdlKind::drop_function:
            // CASCADE drops the triggers that call the function.
            for (auto& t : schema.tables)
                for (const auto& object : op.objects)
                    std::erase_if(t.triggers, [&](const Trigger& trig) { return op.cascade && trig.function == object.second; });
            return;
        default: break;
    }
    table = target_table(schema, op);
    if (!table) {
        rename_or_move_view(schema, op);
        return;
    }
    switch (op.kind) {
        case DdlKind::add_column:
            if (!table->find_column(op.column->name)) table->columns.push_back(*op.column);
            break;
        case DdlKind::drop_column: {
            schema.names_changed();
            erase_named(table->columns, op.name);
            auto& cons = table->constraints;
            cons.erase(std::remove_if(cons.begin(), cons.end(), [&](const Constraint& c) {
                           return std::find(c.columns.begin(), c.columns.end(), op.name) != c.columns.end();
                       }), cons.end());
            auto& idx = table->indexes;
            idx.erase(std::remove_if(idx.begin(), idx.end(), [&](const Index& i) {
                          return std::any_of(i.keys.begin(), i.keys.end(), [&](const IndexKey& k) { return k.column == op.name; });
                      }), idx.end());
            break;
        }
        case DdlKind::alter_column_type:
            if (auto* c = table->find_column(op.name)) {
                c->type = op.column->type;
                c->typmods = op.column->typmods;
                c->is_array = op.column->is_array;
            }
            break;
        case DdlKind::set_not_null:
            if (auto* c = table->find_column(op.name)) c->not_null = true;
            break;
        case DdlKind::drop_not_null:
            if (auto* c = table->find_column(op.name)) c->not_null = false;
            break;
        case DdlKind::set_default:
            if (auto* c = table->find_column(op.name)) {
                c->default_expr = op.text;
                // pg_dump writes a serial column as an integer with a nextval() default.
                if (is_integer_type(c->type) && op.text.rfind("nextval(", 0) == 0 && !c->identity) c->serial = true;
            }
            break;
        case DdlKind::drop_default:
            if (auto* c = table->find_column(op.name)) c->default_expr.reset();
            break;
        case DdlKind::add_identity:
            if (auto* c = table->find_column(op.name)) c->identity = c->not_null = true;
            break;
        case DdlKind::add_constraint: add_constraint(schema, *table, *op.constraint); break;
        case DdlKind::drop_constraint:
            schema.names_changed();
            erase_named(table->constraints, op.name);
            table->indexes.erase(std::remove_if(table->indexes.begin(), table->indexes.end(),
                                                [&](const Index& i) { return i.constraint == op.name; }),
                                 table->indexes.end());
            break;
        case DdlKind::validate_constraint:
            for (auto& c : table->constraints)
                if (c.name == op.name) c.not_valid = false;
            break;
        case DdlKind::create_index: {
            Index idx = *op.index;
            if (idx.name.empty()) idx.name = choose_name(schema, table->name, key_names(idx), "idx");
            else if (op.if_not_exists && schema.name_in_use(idx.name)) break;
            schema.note_name(idx.name);
            table->indexes.push_back(std::move(idx));
            break;
        }
        case DdlKind::rename_table:
            if (table->created_as.empty()) table->created_as = table->qualified();
            table->name = op.new_name;
            schema.tables_changed();
            break;
        case DdlKind::rename_column:
            if (auto* c = table->find_column(op.name)) {
                c->name = op.new_name;
                rename_column_refs(*table, op.name, op.new_name);
            }
            break;
        case DdlKind::rename_constraint:
            schema.names_changed();
            for (auto& c : table->constraints)
                if (c.name == op.name) c.name = op.new_name;
            break;
        case DdlKind::comment_table: table->comment = op.text; break;
        case DdlKind::comment_column:
            if (auto* c = table->find_column(op.name)) c->comment = op.text;
            break;
        case DdlKind::create_trigger: table->triggers.push_back(*op.trigger); break;
        case DdlKind::drop_trigger: erase_named(table->triggers, op.name); break;
        case DdlKind::attach_partition:
        case DdlKind::detach_partition:
            // The partition repeats its parent's design: rules judge the parent.
            if (Table* child = schema.find_table(op.schema, op.name))
                child->partition_of = op.kind == DdlKind::attach_partition ? table->qualified() : std::string();
            break;
        case DdlKind::set_schema:
            if (table->created_as.empty()) table->created_as = table->qualified();
            table->schema = op.text;
            schema.tables_changed();
            break;
        case DdlKind::table_object:
            if (op.text == "drop policy") erase_named(table->policies, op.name);
            if (op.text == "rename trigger")
                for (auto& trig : table->triggers)
                    if (trig.name == op.name) trig.name = op.new_name;
            if (op.text == "rename policy")
                for (auto& pol : table->policies)
                    if (pol.name == op.name) pol.name = op.new_name;
            break;
        case DdlKind::create_policy: table->policies.push_back(*op.policy); break;
        case DdlKind::enable_rls: table->rls_enabled = true; break;
        case DdlKind::disable_rls: table->rls_enabled = false; break;
        case DdlKind::force_rls: table->rls_forced = true; break;
        case DdlKind::no_force_rls: table->rls_forced = false; break;
        default: break;
    }
}

void apply_statement(Schema& schema, const Statement& statement) {
    for (const auto& op : statement.ddl) {
        if (op.kind == DdlKind::rename_index) {
            schema.names_changed();
            for (auto& t : schema.tables)
                for (auto& i : t.indexes)
                    if (i.name == op.name) i.name = op.new_name;
            continue;
        }
        apply_ddl(schema, op);
    }
}

}  // namespace dbsage
