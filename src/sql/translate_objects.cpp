// Statements that lock a table without changing its columns: rules,
// policies, trigger renames, LOCK TABLE, CREATE STATISTICS, and SET SCHEMA.
#include "sql/translate.h"

namespace dbsage {

using tree::body;
using tree::get;
using tree::Json;
using tree::str;

void translate_rule(const Json& b, Statement& st) {
    auto op = op_for(DdlKind::table_object, range_var(get(b, "relation")), st);
    op.name = str(b, "rulename");
    op.text = "create rule";
    op.replace = tree::flag(b, "replace");
    st.ddl.push_back(std::move(op));
}

void translate_alter_policy(const Json& b, Statement& st) {
    auto op = op_for(DdlKind::table_object, range_var(get(b, "table")), st);
    op.name = str(b, "policy_name");
    op.text = "alter policy";
    st.ddl.push_back(std::move(op));
}

void translate_lock(const Json& b, Statement& st) {
    auto op = op_for(DdlKind::lock_table, {}, st);
    for (Json rel : get(b, "relations")) {
        auto target = range_var(rel);
        op.objects.emplace_back(target.schema, target.name);
    }
    op.text = std::to_string(tree::integer(b, "mode"));
    st.ddl.push_back(std::move(op));
}

void translate_create_statistics(const Json& b, Statement& st) {
    for (Json rel : get(b, "relations")) {
        if (tree::type_of(rel) != "RangeVar") continue;
        st.ddl.push_back(op_for(DdlKind::create_statistics, range_var(rel), st));
    }
}

void translate_set_schema(const Json& b, Statement& st) {
    auto type = str(b, "objectType");
    if (type != "OBJECT_TABLE" && type != "OBJECT_VIEW" && type != "OBJECT_MATVIEW" && type != "OBJECT_FOREIGN_TABLE")
        return;
    auto op = op_for(DdlKind::set_schema, range_var(get(b, "relation")), st);
    op.text = str(b, "newschema");
    op.if_exists = tree::flag(b, "missing_ok");
    st.ddl.push_back(std::move(op));
}

// ALTER/CREATE SEQUENCE … OWNED BY t.c reads the owning table under
// AccessShareLock (LOCK TABLE's mode 1).
void translate_sequence(const Json& b, Statement& st) {
    for (Json option : get(b, "options")) {
        const Json& def = body(option);
        if (str(def, "defname") != "owned_by") continue;
        const Json& arg = get(def, "arg");
        auto names = tree::type_of(arg) == "List" ? tree::strings(get(body(arg), "items")) : tree::strings(arg);
        if (names.size() < 2) continue;  // OWNED BY NONE
        auto op = op_for(DdlKind::lock_table, {}, st);
        op.objects.emplace_back(names.size() > 2 ? names[names.size() - 3] : "", names[names.size() - 2]);
        op.text = "1";
        st.ddl.push_back(std::move(op));
    }
}

void translate_drop_table_object(const Json& b, DdlKind kind, const char* verb, Statement& st) {
    for (const auto& object : get(b, "objects")) {
        auto names = tree::strings(get(body(object), "items"));
        if (names.size() < 2) continue;
        auto op = op_for(kind, {names.size() > 2 ? names[names.size() - 3] : "", names[names.size() - 2]}, st);
        op.name = names.back();
        op.text = verb;
        op.if_exists = tree::flag(b, "missing_ok");
        op.cascade = str(b, "behavior") == "DROP_CASCADE";
        st.ddl.push_back(std::move(op));
    }
}

}  // namespace dbsage
