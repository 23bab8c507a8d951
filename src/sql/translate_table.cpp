// DDL that defines tables: CREATE TABLE, ALTER TABLE and CREATE INDEX, with
// their columns, constraints and indexes.
#include "sql/expr_text.h"
#include "sql/translate.h"
#include "util/strings.h"

namespace dbsage {

using tree::body;
using tree::get;
using tree::Json;
using tree::str;
using tree::type_of;

namespace {

char fk_action(const std::string& code) { return code.empty() ? 'a' : code[0]; }

// The referenced table, columns and actions of a FOREIGN KEY constraint node.
void read_references(const Json& c, Constraint& con) {
    auto target = range_var(get(c, "pktable"));
    con.ref_schema = target.schema;
    con.ref_table = target.name;
    con.ref_columns = tree::strings(get(c, "pk_attrs"));
    con.on_delete = fk_action(str(c, "fk_del_action"));
    con.on_update = fk_action(str(c, "fk_upd_action"));
}

// Volatile functions commonly used as defaults; a default calling one is
// evaluated per row, so adding such a column rewrites the table.
bool has_volatile_call(const Json& node) {
    static const std::string_view k_volatile[] = {
        "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
        "clock_timestamp", "timeofday", "nextval", "txid_current", "setseed", "statement_timestamp_volatile"};
    bool found = false;
    auto visit = [&](auto&& self, const Json& n) -> void {
        if (found) return;
        if (n.is_array()) {
            for (Json item : n) self(self, item);
            return;
        }
        if (!n.is_object()) return;
        if (type_of(n) == "FuncCall") {
            auto names = tree::strings(get(body(n), "funcname"));
            if (!names.empty())
                for (auto v : k_volatile)
                    if (names.back() == v) found = true;
        }
        n.for_each_member([&](std::string_view, const Json& value) {
            if (value.is_object() || value.is_array()) self(self, value);
        });
    };
    visit(visit, node);
    return found;
}

Column column_def(const Json& def, const Statement& st, std::vector<Constraint>& constraints,
                  const std::string& name_override = "") {
    Column col;
    col.name = name_override.empty() ? str(def, "colname") : name_override;
    const Json& tn = get(def, "typeName");
    col.type = canonical_type(tn, &col.serial);
    for (const auto& m : get(tn, "typmods")) {
        if (type_of(m) == "A_Const") col.typmods.push_back(tree::integer(get(body(m), "ival"), "ival"));
    }
    col.is_array = get(tn, "arrayBounds").is_array();
    col.location = st.location_at(tree::integer(def, "location", 0));
    col.not_null = col.serial;
    col.default_volatile = col.serial;
    for (const auto& cn : get(def, "constraints")) {
        const Json& c = body(cn);
        auto type = str(c, "contype");
        if (type == "CONSTR_NOTNULL") col.not_null = true;
        else if (type == "CONSTR_DEFAULT") {
            col.default_expr = expr_text(get(c, "raw_expr"));
            col.default_volatile = has_volatile_call(get(c, "raw_expr"));
        }
        else if (type == "CONSTR_IDENTITY") col.identity = col.not_null = true;
        else if (type == "CONSTR_GENERATED") col.generated = true;
        else if (type == "CONSTR_PRIMARY" || type == "CONSTR_UNIQUE" || type == "CONSTR_FOREIGN" ||
                 type == "CONSTR_CHECK") {
            Constraint con;
            if (type == "CONSTR_PRIMARY") { con.kind = ConstraintKind::primary_key; col.not_null = true; }
            if (type == "CONSTR_UNIQUE") con.kind = ConstraintKind::unique;
            if (type == "CONSTR_FOREIGN") con.kind = ConstraintKind::foreign_key;
            con.name = str(c, "conname");
            con.columns = {col.name};
            if (con.kind == ConstraintKind::foreign_key) read_references(c, con);
            if (type == "CONSTR_CHECK") {
                con.expression = expr_text(get(c, "raw_expr"));
                collect_columns(get(c, "raw_expr"), con.expression_columns);
            }
            con.not_valid = tree::flag(c, "skip_validation");
            con.location = st.location_at(tree::integer(c, "location", 0));
            constraints.push_back(std::move(con));
        }
    }
    return col;
}

Constraint table_constraint(const Json& c, const Statement& st) {
    Constraint con;
    auto type = str(c, "contype");
    con.name = str(c, "conname");
    con.location = st.location_at(tree::integer(c, "location", 0));
    con.not_valid = tree::flag(c, "skip_validation");
    con.using_index = str(c, "indexname");
    if (type == "CONSTR_PRIMARY") con.kind = ConstraintKind::primary_key;
    else if (type == "CONSTR_UNIQUE") con.kind = ConstraintKind::unique;
    else if (type == "CONSTR_FOREIGN") con.kind = ConstraintKind::foreign_key;
    else if (type == "CONSTR_EXCLUSION") con.kind = ConstraintKind::exclude;
    else con.kind = ConstraintKind::check;
    switch (con.kind) {
        case ConstraintKind::primary_key:
        case ConstraintKind::unique: con.columns = tree::strings(get(c, "keys")); break;
        case ConstraintKind::foreign_key: {
            con.columns = tree::strings(get(c, "fk_attrs"));
            read_references(c, con);
            break;
        }
        case ConstraintKind::exclude:
            for (const auto& pair : get(c, "exclusions")) {
                Json items = get(body(pair), "items");
                if (items.empty()) continue;
                Json elem = body(items.front());
                if (elem.contains("name")) con.columns.push_back(str(elem, "name"));
            }
            break;
        case ConstraintKind::check:
            con.expression = expr_text(get(c, "raw_expr"));
            collect_columns(get(c, "raw_expr"), con.expression_columns);
            break;
    }
    return con;
}

Index index_stmt(const Json& b, const Statement& st) {
    Index idx;
    idx.name = str(b, "idxname");
    idx.method = str(b, "accessMethod");
    if (idx.method.empty()) idx.method = "btree";
    idx.unique = tree::flag(b, "unique");
    idx.primary = tree::flag(b, "primary");
    for (const auto& p : get(b, "indexParams")) {
        const Json& e = body(p);
        IndexKey key;
        key.column = str(e, "name");
        if (key.column.empty()) key.expression = expr_text(get(e, "expr"));
        key.descending = str(e, "ordering") == "SORTBY_DESC";
        idx.keys.push_back(std::move(key));
    }
    for (const auto& p : get(b, "indexIncludingParams")) idx.include.push_back(str(body(p), "name"));
    if (!get(b, "whereClause").is_null()) {
        idx.predicate = expr_text(get(b, "whereClause"));
        collect_columns(get(b, "whereClause"), idx.predicate_columns);
    }
    idx.location = st.location;
    return idx;
}

}  // namespace

DdlTarget range_var(const Json& rv) {
    const Json& b = rv.contains("relname") ? rv : body(rv);
    return {str(b, "schemaname"), str(b, "relname")};
}

DdlOp op_for(DdlKind kind, const DdlTarget& target, const Statement& st) {
    DdlOp op;
    op.kind = kind;
    op.schema = target.schema;
    op.table = target.name;
    op.location = st.location;
    return op;
}

void translate_create_table(const Json& b, Statement& st) {
    auto target = range_var(get(b, "relation"));
    auto table = std::make_shared<Table>();
    table->schema = target.schema;
    table->name = target.name;
    table->location = st.location;
    table->partitioned = !get(b, "partspec").is_null();
    if (!get(b, "partbound").is_null() && !get(b, "inhRelations").empty()) {
        auto parent = range_var(get(b, "inhRelations").front());
        table->partition_of = parent.schema.empty() ? parent.name : parent.schema + "." + parent.name;
    }
    for (const auto& elt : get(b, "tableElts")) {
        if (type_of(elt) == "ColumnDef") {
            table->columns.push_back(column_def(body(elt), st, table->constraints));
        } else if (type_of(elt) == "Constraint") {
            table->constraints.push_back(table_constraint(body(elt), st));
        }
    }
    auto op = op_for(DdlKind::create_table, target, st);
    op.if_not_exists = tree::flag(b, "if_not_exists");
    op.new_table = std::move(table);
    st.ddl.push_back(std::move(op));
}

void translate_alter_table(const Json& b, Statement& st) {
    auto target = range_var(get(b, "relation"));
    bool is_index = str(b, "objtype") == "OBJECT_INDEX";
    for (const auto& cmd_node : get(b, "cmds")) {
        const Json& cmd = body(cmd_node);
        auto sub = str(cmd, "subtype");
        auto op = op_for(DdlKind::add_column, target, st);
        op.name = str(cmd, "name");
        op.if_exists = tree::flag(cmd, "missing_ok") || tree::flag(b, "missing_ok");
        op.cascade = str(cmd, "behavior") == "DROP_CASCADE";
        const Json& def = get(cmd, "def");
        if (sub == "AT_AddColumn") {
            std::vector<Constraint> extra;
            op.column = std::make_shared<Column>(column_def(body(def), st, extra));
            op.if_not_exists = tree::flag(cmd, "missing_ok");
            st.ddl.push_back(op);
            for (auto& c : extra) {
                auto add = op_for(DdlKind::add_constraint, target, st);
                add.constraint = std::make_shared<Constraint>(std::move(c));
                st.ddl.push_back(std::move(add));
            }
            continue;
        }
        if (sub == "AT_DropColumn") op.kind = DdlKind::drop_column;
        else if (sub == "AT_AlterColumnType") {
            op.kind = DdlKind::alter_column_type;
            std::vector<Constraint> ignored;
            op.column = std::make_shared<Column>(column_def(body(def), st, ignored, op.name));
            op.has_using = !get(body(def), "raw_default").is_null();
        } else if (sub == "AT_SetNotNull") op.kind = DdlKind::set_not_null;
        else if (sub == "AT_DropNotNull") op.kind = DdlKind::drop_not_null;
        else if (sub == "AT_ColumnDefault") {
            op.kind = def.is_null() ? DdlKind::drop_default : DdlKind::set_default;
            if (!def.is_null()) op.text = expr_text(def);
        } else if (sub == "AT_AddIdentity") op.kind = DdlKind::add_identity;
        else if (sub == "AT_AddConstraint") {
            op.kind = DdlKind::add_constraint;
            op.constraint = std::make_shared<Constraint>(table_constraint(body(def), st));
        } else if (sub == "AT_DropConstraint") op.kind = DdlKind::drop_constraint;
        else if (sub == "AT_ValidateConstraint") op.kind = DdlKind::validate_constraint;
        else if (sub == "AT_AttachPartition" || sub == "AT_DetachPartition") {
            op.kind = sub == "AT_AttachPartition" ? DdlKind::attach_partition : DdlKind::detach_partition;
            Json partition = body(def);
            auto child = range_var(get(partition, "name"));
            op.name = child.name;
            op.concurrently = tree::flag(partition, "concurrent");
        } else if (sub == "AT_SetStatistics") op.kind = DdlKind::set_statistics;
        else if (sub == "AT_SetStorage") op.kind = DdlKind::set_storage;
        else if (sub == "AT_SetLogged" || sub == "AT_SetUnLogged") op.kind = DdlKind::set_logged;
        else if (sub == "AT_EnableRowSecurity") op.kind = DdlKind::enable_rls;
        else if (sub == "AT_DisableRowSecurity") op.kind = DdlKind::disable_rls;
        else if (sub == "AT_ForceRowSecurity") op.kind = DdlKind::force_rls;
        else if (sub == "AT_NoForceRowSecurity") op.kind = DdlKind::no_force_rls;
        else {
            op.kind = DdlKind::alter_table_other;
            op.text = sub;
        }
        if (is_index) continue;
        st.ddl.push_back(std::move(op));
    }
}

void translate_create_index(const Json& b, Statement& st) {
    auto op = op_for(DdlKind::create_index, range_var(get(b, "relation")), st);
    op.index = std::make_shared<Index>(index_stmt(b, st));
    op.concurrently = tree::flag(b, "concurrent");
    op.if_not_exists = tree::flag(b, "if_not_exists");
    st.ddl.push_back(std::move(op));
}

}  // namespace dbsage
