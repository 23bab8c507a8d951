// DDL other than table definitions: drops, renames, comments, types,
// domains, views, triggers, policies and maintenance commands; and the
// dispatch from a statement node to its translator.
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
    if (type == "OBJECT_TRIGGER") return translate_drop_table_object(b, DdlKind::drop_trigger, "drop trigger", st);
    if (type == "OBJECT_RULE") return translate_drop_table_object(b, DdlKind::table_object, "drop rule", st);
    if (type == "OBJECT_POLICY") return translate_drop_table_object(b, DdlKind::table_object, "drop policy", st);
    DdlKind kind;
    if (type == "OBJECT_TABLE") kind = DdlKind::drop_table;
    else if (type == "OBJECT_INDEX") kind = DdlKind::drop_index;
    else if (type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW") kind = DdlKind::drop_view;
    else if (type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") kind = DdlKind::drop_type;
    else if (type == "OBJECT_SCHEMA") kind = DdlKind::drop_schema;
    else if (type == "OBJECT_FUNCTION" || type == "OBJECT_PROCEDURE") kind = DdlKind::drop_function;
    else return;
    DdlOp op = op_for(kind, {}, st);
    for (const auto& object : get(b, "objects")) {
        if (type_of(object) == "ObjectWithArgs") {
            auto names = tree::strings(get(body(object), "objname"));
            if (!names.empty()) op.objects.emplace_back(names.size() > 1 ? names[names.size() - 2] : "", names.back());
            continue;
        }
        op.objects.push_back(object_name(object));
    }
    op.if_exists = tree::flag(b, "missing_ok");
    op.concurrently = tree::flag(b, "concurrent");
    op.cascade = str(b, "behavior") == "DROP_CASCADE";
    st.ddl.push_back(std::move(op));
}

void rename_stmt(const Json& b, Statement& st) {
    auto type = str(b, "renameType");
    auto target = range_var(get(b, "relation"));
    auto op = op_for(DdlKind::rename_table, target, st);
    op.name = str(b, "subname");
    op.new_name = str(b, "newname");
    op.if_exists = tree::flag(b, "missing_ok");
    if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" || type == "OBJECT_FOREIGN_TABLE")
        op.name = target.name;
    else if (type == "OBJECT_COLUMN") op.kind = DdlKind::rename_column;
    else if (type == "OBJECT_TRIGGER" || type == "OBJECT_RULE" || type == "OBJECT_POLICY") {
        op.kind = DdlKind::table_object;
        op.text = "rename " + std::string(type == "OBJECT_TRIGGER" ? "trigger" : type == "OBJECT_RULE" ? "rule" : "policy");
    }
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

void view_stmt(const Json& b, Statement& st) {
    create_view(b, st, false);
    st.ddl.back().replace = tree::flag(b, "replace");
}

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
    {"CreateStmt", StatementKind::create_table, translate_create_table},
    {"AlterTableStmt", StatementKind::alter_table, translate_alter_table},
    {"IndexStmt", StatementKind::create_index, translate_create_index},
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
    {"RuleStmt", StatementKind::other, translate_rule},
    {"AlterPolicyStmt", StatementKind::create_policy, translate_alter_policy},
    {"LockStmt", StatementKind::other, translate_lock},
    {"CreateStatsStmt", StatementKind::other, translate_create_statistics},
    {"AlterObjectSchemaStmt", StatementKind::rename, translate_set_schema},
    {"AlterSeqStmt", StatementKind::other, translate_sequence},
    {"CreateSeqStmt", StatementKind::create_sequence, translate_sequence},
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
