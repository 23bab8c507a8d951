#include <algorithm>
#include <functional>

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

struct Target {
    std::string schema;
    std::string name;
};

Target range_var(const Json& rv) {
    const Json& b = rv.contains("relname") ? rv : body(rv);
    return {str(b, "schemaname"), str(b, "relname")};
}

char fk_action(const std::string& code) { return code.empty() ? 'a' : code[0]; }

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
            if (con.kind == ConstraintKind::foreign_key) {
                auto target = range_var(get(c, "pktable"));
                con.ref_schema = target.schema;
                con.ref_table = target.name;
                con.ref_columns = tree::strings(get(c, "pk_attrs"));
                con.on_delete = fk_action(str(c, "fk_del_action"));
                con.on_update = fk_action(str(c, "fk_upd_action"));
            }
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
            auto target = range_var(get(c, "pktable"));
            con.ref_schema = target.schema;
            con.ref_table = target.name;
            con.ref_columns = tree::strings(get(c, "pk_attrs"));
            con.on_delete = fk_action(str(c, "fk_del_action"));
            con.on_update = fk_action(str(c, "fk_upd_action"));
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

DdlOp op_for(DdlKind kind, const Target& target, const Statement& st) {
    DdlOp op;
    op.kind = kind;
    op.schema = target.schema;
    op.table = target.name;
    op.location = st.location;
    return op;
}

void create_stmt(const Json& b, Statement& st) {
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

void alter_table_stmt(const Json& b, Statement& st) {
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

std::pair<std::string, std::string> object_name(const Json& object) {
    // DROP lists names as a List of Strings (schema.name) or a TypeName.
    if (type_of(object) == "List") {
        auto names = tree::strings(get(body(object), "items"));
        if (names.size() >= 2) return {names[names.size() - 2], names.back()};
        if (names.size() == 1) return {"", names[0]};
    }
    if (type_of(object) == "TypeName") {
        auto names = tree::strings(get(body(object), "names"));
        if (!names.empty()) return {names.size() > 1 ? names[names.size() - 2] : "", names.back()};
    }
    if (type_of(object) == "String") return {"", str(body(object), "sval")};
    return {"", ""};
}

void drop_stmt(const Json& b, Statement& st) {
    auto type = str(b, "removeType");
    DdlKind kind;
    if (type == "OBJECT_TABLE") kind = DdlKind::drop_table;
    else if (type == "OBJECT_INDEX") kind = DdlKind::drop_index;
    else if (type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW") kind = DdlKind::drop_view;
    else if (type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") kind = DdlKind::drop_type;
    else if (type == "OBJECT_SCHEMA") kind = DdlKind::drop_schema;
    else if (type == "OBJECT_TRIGGER") kind = DdlKind::drop_trigger;
    else return;
    DdlOp op = op_for(kind, {}, st);
    for (const auto& object : get(b, "objects")) op.objects.push_back(object_name(object));
    op.if_exists = tree::flag(b, "missing_ok");
    op.concurrently = tree::flag(b, "concurrent");
    op.cascade = str(b, "behavior") == "DROP_CASCADE";
    if (kind == DdlKind::drop_trigger && !op.objects.empty()) {
        // DROP TRIGGER names (table…, trigger): the list's last item is the trigger.
        auto names = tree::strings(get(body(get(b, "objects").front()), "items"));
        if (names.size() >= 2) {
            op.table = names[names.size() - 2];
            op.name = names.back();
        }
    }
    st.ddl.push_back(std::move(op));
}

void rename_stmt(const Json& b, Statement& st) {
    auto type = str(b, "renameType");
    auto target = range_var(get(b, "relation"));
    auto op = op_for(DdlKind::rename_table, target, st);
    op.name = str(b, "subname");
    op.new_name = str(b, "newname");
    op.if_exists = tree::flag(b, "missing_ok");
    if (type == "OBJECT_TABLE") op.name = target.name;
    else if (type == "OBJECT_COLUMN") op.kind = DdlKind::rename_column;
    else if (type == "OBJECT_INDEX") { op.kind = DdlKind::rename_index; op.name = target.name; }
    else if (type == "OBJECT_TABCONSTRAINT") op.kind = DdlKind::rename_constraint;
    else return;
    st.ddl.push_back(std::move(op));
}

void comment_stmt(const Json& b, Statement& st) {
    auto type = str(b, "objtype");
    const Json& object = get(b, "object");
    auto names = tree::strings(get(body(object), "items"));
    DdlOp op = op_for(DdlKind::comment_table, {}, st);
    op.text = str(b, "comment");
    if (type == "OBJECT_TABLE" && !names.empty()) {
        op.table = names.back();
        if (names.size() > 1) op.schema = names[names.size() - 2];
    } else if (type == "OBJECT_COLUMN" && names.size() >= 2) {
        op.kind = DdlKind::comment_column;
        op.name = names.back();
        op.table = names[names.size() - 2];
        if (names.size() > 2) op.schema = names[names.size() - 3];
    } else {
        return;
    }
    st.ddl.push_back(std::move(op));
}

void create_trigger(const Json& b, Statement& st) {
    auto target = range_var(get(b, "relation"));
    auto op = op_for(DdlKind::create_trigger, target, st);
    auto trig = std::make_shared<Trigger>();
    trig->name = str(b, "trigname");
    auto fn = tree::strings(get(b, "funcname"));
    trig->function = fn.empty() ? "" : fn.back();
    trig->for_each_row = tree::flag(b, "row");
    int timing = tree::integer(b, "timing");   // TRIGGER_TYPE_BEFORE = 2, INSTEAD = 64
    int events = tree::integer(b, "events");   // INSERT 4, DELETE 8, UPDATE 16
    trig->before = (timing & 2) != 0;
    trig->on_insert = (events & 4) != 0;
    trig->on_delete = (events & 8) != 0;
    trig->on_update = (events & 16) != 0;
    trig->location = st.location;
    op.trigger = std::move(trig);
    st.ddl.push_back(std::move(op));
}

void index_stmt_op(const Json& b, Statement& st) {
    auto op = op_for(DdlKind::create_index, range_var(get(b, "relation")), st);
    op.index = std::make_shared<Index>(index_stmt(b, st));
    op.concurrently = tree::flag(b, "concurrent");
    op.if_not_exists = tree::flag(b, "if_not_exists");
    st.ddl.push_back(std::move(op));
}

void create_enum(const Json& b, Statement& st) {
    auto names = tree::strings(get(b, "typeName"));
    auto op = op_for(DdlKind::create_enum, {}, st);
    auto e = std::make_shared<EnumType>();
    e->name = names.empty() ? "" : names.back();
    if (names.size() > 1) e->schema = names[names.size() - 2];
    e->values = tree::strings(get(b, "vals"));
    e->location = st.location;
    op.table = e->name;
    op.enum_type = std::move(e);
    st.ddl.push_back(std::move(op));
}

void alter_enum(const Json& b, Statement& st) {
    auto names = tree::strings(get(b, "typeName"));
    auto op = op_for(str(b, "oldVal").empty() ? DdlKind::add_enum_value : DdlKind::rename_enum_value, {}, st);
    op.table = names.empty() ? "" : names.back();
    op.name = str(b, "oldVal");
    op.new_name = str(b, "newVal");
    op.text = str(b, "newValNeighbor");
    op.if_not_exists = tree::flag(b, "skipIfNewValExists");
    st.ddl.push_back(std::move(op));
}

void create_domain(const Json& b, Statement& st) {
    auto names = tree::strings(get(b, "domainname"));
    auto d = std::make_shared<Domain>();
    d->name = names.empty() ? "" : names.back();
    d->base_type = canonical_type(get(b, "typeName"));
    for (const auto& c : get(b, "constraints"))
        if (str(body(c), "contype") == "CONSTR_CHECK") d->has_check = true;
    d->location = st.location;
    auto op = op_for(DdlKind::create_domain, {}, st);
    op.table = d->name;
    op.domain = std::move(d);
    st.ddl.push_back(std::move(op));
}

void create_view(const Json& b, Statement& st, bool materialized) {
    auto target = range_var(materialized ? get(get(b, "into"), "rel") : get(b, "view"));
    auto v = std::make_shared<View>();
    v->schema = target.schema;
    v->name = target.name;
    v->materialized = materialized;
    v->location = st.location;
    st.query = translate_query(get(b, "query"));
    std::function<void(const Query&)> collect = [&](const Query& q) {
        for (const auto& t : q.tables) v->sources.emplace_back(t.schema, t.name);
        for (const auto& c : q.ctes) collect(c);
        for (const auto& s : q.subqueries) collect(s);
    };
    collect(*st.query);
    auto op = op_for(DdlKind::create_view, target, st);
    op.view = std::move(v);
    st.ddl.push_back(std::move(op));
}

void view_stmt(const Json& b, Statement& st) { create_view(b, st, false); }

void create_table_as(const Json& b, Statement& st) {
    if (str(b, "objtype") == "OBJECT_MATVIEW") create_view(b, st, true);
}

void create_policy(const Json& b, Statement& st) {
    auto op = op_for(DdlKind::create_policy, range_var(get(b, "table")), st);
    op.policy = std::make_shared<Policy>(Policy{str(b, "policy_name"), st.location});
    st.ddl.push_back(std::move(op));
}

void named_op(const Json& b, Statement& st, DdlKind kind, std::string_view key) {
    auto op = op_for(kind, {}, st);
    op.name = str(b, key);
    st.ddl.push_back(std::move(op));
}

void create_extension(const Json& b, Statement& st) { named_op(b, st, DdlKind::create_extension, "extname"); }
void create_schema(const Json& b, Statement& st) { named_op(b, st, DdlKind::create_schema, "schemaname"); }

bool has_option(const Json& options, std::string_view name) {
    for (Json option : options)
        if (str(body(option), "defname") == name) return true;
    return false;
}

void simple_op(Statement& st, DdlKind kind, const Json& relation) {
    auto target = range_var(relation);
    auto op = op_for(kind, target, st);
    st.ddl.push_back(std::move(op));
}

void reindex(const Json& b, Statement& st) {
    auto op = op_for(DdlKind::reindex, range_var(get(b, "relation")), st);
    op.name = str(b, "kind");  // REINDEX_OBJECT_INDEX / _TABLE / _SCHEMA / …
    op.concurrently = has_option(get(b, "params"), "concurrently");
    st.ddl.push_back(std::move(op));
}

void vacuum(const Json& b, Statement& st) {
    if (!has_option(get(b, "options"), "full")) return;
    for (Json rel : get(b, "rels")) simple_op(st, DdlKind::vacuum_full, get(body(rel), "relation"));
    if (get(b, "rels").empty()) st.ddl.push_back(op_for(DdlKind::vacuum_full, {}, st));
}

void cluster(const Json& b, Statement& st) {
    if (get(b, "relation").is_null()) st.ddl.push_back(op_for(DdlKind::cluster, {}, st));
    else simple_op(st, DdlKind::cluster, get(b, "relation"));
}

void truncate(const Json& b, Statement& st) {
    auto op = op_for(DdlKind::truncate, {}, st);
    for (Json rel : get(b, "relations")) {
        auto target = range_var(rel);
        op.objects.emplace_back(target.schema, target.name);
    }
    if (!op.objects.empty()) {
        op.schema = op.objects.front().first;
        op.table = op.objects.front().second;
    }
    op.cascade = str(b, "behavior") == "DROP_CASCADE";
    st.ddl.push_back(std::move(op));
}

void drop_database(const Json& b, Statement& st) { named_op(b, st, DdlKind::drop_database, "dbname"); }

void alter_domain(const Json& b, Statement& st) {
    if (str(b, "subtype") != "C") return;
    auto names = tree::strings(get(b, "typeName"));
    auto op = op_for(DdlKind::alter_domain_add_constraint, {}, st);
    op.table = names.empty() ? "" : names.back();
    st.ddl.push_back(std::move(op));
}

void refresh(const Json& b, Statement& st) {
    auto op = op_for(DdlKind::refresh_matview, range_var(get(b, "relation")), st);
    op.concurrently = tree::flag(b, "concurrent");
    st.ddl.push_back(std::move(op));
}

struct Handler {
    std::string_view node;
    StatementKind kind;
    void (*translate)(const Json&, Statement&);
};

// Statement kinds with schema effects; the rest keep the kind set by the caller.
constexpr Handler k_handlers[] = {
    {"CreateStmt", StatementKind::create_table, create_stmt},
    {"AlterTableStmt", StatementKind::alter_table, alter_table_stmt},
    {"IndexStmt", StatementKind::create_index, index_stmt_op},
    {"DropStmt", StatementKind::drop, drop_stmt},
    {"RenameStmt", StatementKind::rename, rename_stmt},
    {"CommentStmt", StatementKind::comment, comment_stmt},
    {"CreateEnumStmt", StatementKind::create_type, create_enum},
    {"AlterEnumStmt", StatementKind::create_type, alter_enum},
    {"CreateDomainStmt", StatementKind::create_domain, create_domain},
    {"ViewStmt", StatementKind::create_view, view_stmt},
    {"CreateTableAsStmt", StatementKind::create_view, create_table_as},
    {"CreateTrigStmt", StatementKind::create_trigger, create_trigger},
    {"CreatePolicyStmt", StatementKind::create_policy, create_policy},
    {"CreateExtensionStmt", StatementKind::create_extension, create_extension},
    {"CreateSchemaStmt", StatementKind::create_schema, create_schema},
    {"ReindexStmt", StatementKind::other, reindex},
    {"VacuumStmt", StatementKind::vacuum, vacuum},
    {"ClusterStmt", StatementKind::other, cluster},
    {"TruncateStmt", StatementKind::truncate, truncate},
    {"DropdbStmt", StatementKind::drop, drop_database},
    {"AlterDomainStmt", StatementKind::other, alter_domain},
    {"RefreshMatViewStmt", StatementKind::other, refresh},
};

}  // namespace

void translate_ddl(const Json& stmt, Statement& st) {
    auto type = type_of(stmt);
    for (const auto& handler : k_handlers) {
        if (handler.node != type) continue;
        if (type != "CreateTableAsStmt" || str(body(stmt), "objtype") == "OBJECT_MATVIEW") st.kind = handler.kind;
        handler.translate(body(stmt), st);
        return;
    }
}

}  // namespace dbsage
