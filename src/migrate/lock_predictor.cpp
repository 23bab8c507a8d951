#include "migrate/lock_predictor.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>

namespace dbsage {
namespace {

class Collector {
public:
    Collector(const Schema& before, int pg_version) : m_schema(before), m_version(pg_version) {}

    // The qualified name of a relation the statement names. One the schema
    // does not know is assumed to exist in its schema (public when
    // unqualified) and is listed as unknown.
    std::string resolve(const std::string& schema, const std::string& table) {
        if (table.empty()) return {};
        if (const Table* t = m_schema.find_table(schema, table)) return t->qualified();
        if (const View* v = view(schema, table)) return v->qualified();
        std::string name = qualified_name(schema, table);
        add(m_effects.unknown, name);
        return name;
    }

    const View* view(const std::string& schema, const std::string& name) const {
        for (const auto& v : m_schema.views)
            if (v.name == name && (schema.empty() || v.schema == schema)) return &v;
        return nullptr;
    }

    void unknown_index(const std::string& name) { add(m_effects.unknown_indexes, name); }

    void lock(const std::string& table, LockMode mode) {
        if (table.empty()) return;
        auto [it, inserted] = m_locks.emplace(table, mode);
        if (!inserted && mode > it->second) it->second = mode;
    }
    void rewrite(const std::string& table) { add(m_effects.rewrites, table); }
    void scan(const std::string& table) { add(m_effects.scans, table); }
    void outside_transaction() { m_effects.outside_transaction = true; }
    const Schema& schema() const { return m_schema; }
    int version() const { return m_version; }

    StatementEffects finish() {
        for (const auto& [table, mode] : m_locks) m_effects.locks.push_back({table, mode});
        return std::move(m_effects);
    }

private:
    static void add(std::vector<std::string>& list, const std::string& table) {
        if (!table.empty() && std::find(list.begin(), list.end(), table) == list.end()) list.push_back(table);
    }
    const Schema& m_schema;
    int m_version;
    std::map<std::string, LockMode> m_locks;
    StatementEffects m_effects;
};

bool has_valid_not_null_check(const Table& t, const std::string& column) {
    for (const auto& c : t.constraints)
        if (c.kind == ConstraintKind::check && !c.not_valid && c.expression == column + " is not null") return true;
    return false;
}

void add_constraint(Collector& out, const std::string& table, const Constraint& c) {
    switch (c.kind) {
        case ConstraintKind::foreign_key: {
            // Both sides get ShareRowExclusiveLock: the FK triggers are added to both.
            out.lock(table, LockMode::share_row_exclusive);
            std::string ref = out.resolve(c.ref_schema, c.ref_table);
            out.lock(ref, LockMode::share_row_exclusive);
            if (!c.not_valid) out.scan(table);
            break;
        }
        case ConstraintKind::check:
            out.lock(table, LockMode::access_exclusive);
            if (!c.not_valid) out.scan(table);
            break;
        case ConstraintKind::primary_key:
        case ConstraintKind::unique:
        case ConstraintKind::exclude:
            out.lock(table, LockMode::access_exclusive);
            out.scan(table);  // builds the index
            break;
    }
}

// ALTER TABLE subcommands without a DdlKind of their own, by the lock level
// PostgreSQL's AlterTableGetLockLevel gives them (checked by migrate trace).
LockMode other_subcommand_lock(const std::string& subtype, const View* view) {
    static const std::set<std::string> trigger_switches = {
        "AT_EnableTrig", "AT_EnableAlwaysTrig", "AT_EnableReplicaTrig", "AT_EnableTrigAll", "AT_EnableTrigUser",
        "AT_DisableTrig", "AT_DisableTrigAll", "AT_DisableTrigUser"};
    static const std::set<std::string> catalog_only = {"AT_ClusterOn", "AT_DropCluster", "AT_SetOptions",
                                                       "AT_ResetOptions"};
    if (trigger_switches.count(subtype)) return LockMode::share_row_exclusive;
    if (catalog_only.count(subtype)) return LockMode::share_update_exclusive;
    // A table's storage parameters (fillfactor, autovacuum_*) take
    // ShareUpdateExclusiveLock; a view's options change what queries see.
    if ((subtype == "AT_SetRelOptions" || subtype == "AT_ResetRelOptions") && !(view && !view->materialized))
        return LockMode::share_update_exclusive;
    return LockMode::access_exclusive;
}

void alter_op(Collector& out, const DdlOp& op, const std::string& table) {
    const Table* t = out.schema().find_table(op.schema, op.table);
    switch (op.kind) {
        case DdlKind::add_column: {
            out.lock(table, LockMode::access_exclusive);
            const Column& c = *op.column;
            bool has_default = c.default_expr.has_value() || c.serial;
            if (c.default_volatile || c.generated || c.identity || (has_default && out.version() < 11))
                out.rewrite(table);
            break;
        }
        case DdlKind::alter_column_type: {
            out.lock(table, LockMode::access_exclusive);
            const Column* old = t ? t->find_column(op.name) : nullptr;
            if (!old || !binary_compatible_change(*old, *op.column) || op.has_using) out.rewrite(table);
            break;
        }
        case DdlKind::set_not_null:
            out.lock(table, LockMode::access_exclusive);
            if (!(t && out.version() >= 12 && has_valid_not_null_check(*t, op.name))) out.scan(table);
            break;
        case DdlKind::add_constraint: add_constraint(out, table, *op.constraint); break;
        case DdlKind::validate_constraint: {
            out.lock(table, LockMode::share_update_exclusive);
            out.scan(table);
            if (t)
                for (const auto& c : t->constraints)
                    if (c.name == op.name && c.kind == ConstraintKind::foreign_key)
                        out.lock(out.resolve(c.ref_schema, c.ref_table), LockMode::row_share);
            break;
        }
        case DdlKind::drop_constraint: {
            out.lock(table, LockMode::access_exclusive);
            if (t)
                for (const auto& c : t->constraints)
                    if (c.name == op.name && c.kind == ConstraintKind::foreign_key)
                        out.lock(out.resolve(c.ref_schema, c.ref_table), LockMode::access_exclusive);
            break;
        }
        case DdlKind::attach_partition:
            out.lock(table, out.version() >= 12 ? LockMode::share_update_exclusive : LockMode::access_exclusive);
            out.lock(out.resolve(op.schema, op.name), LockMode::access_exclusive);
            out.scan(out.resolve(op.schema, op.name));
            break;
        case DdlKind::detach_partition: {
            LockMode mode = op.concurrently ? LockMode::share_update_exclusive : LockMode::access_exclusive;
            out.lock(table, mode);
            out.lock(out.resolve(op.schema, op.name), mode);
            if (op.concurrently) out.outside_transaction();
            break;
        }
        case DdlKind::set_statistics: out.lock(table, LockMode::share_update_exclusive); break;
        case DdlKind::set_logged:
            out.lock(table, LockMode::access_exclusive);
            out.rewrite(table);
            break;
        case DdlKind::create_trigger: out.lock(table, LockMode::share_row_exclusive); break;
        case DdlKind::alter_table_other: out.lock(table, other_subcommand_lock(op.text, out.view(op.schema, op.table))); break;
        default: out.lock(table, LockMode::access_exclusive); break;
    }
}

// TRUNCATE … CASCADE empties every table whose foreign keys reach the ones named.
void truncate_cascade(Collector& out, const Schema& before, std::set<std::string>& done, const Table& target) {
    for (const auto& t : before.tables) {
        if (done.count(t.qualified())) continue;
        for (const auto& c : t.constraints) {
            // Compared in the schema itself: resolve() would list a foreign
            // key's unknown target among the statement's unknown relations.
            if (c.kind != ConstraintKind::foreign_key || before.find_table(c.ref_schema, c.ref_table) != &target) continue;
            done.insert(t.qualified());
            out.lock(t.qualified(), LockMode::access_exclusive);
            out.rewrite(t.qualified());
            truncate_cascade(out, before, done, t);
            break;
        }
    }
}

// DROP VIEW … CASCADE drops the views built on it too.
void drop_dependent_views(Collector& out, const Schema& before, const View& dropped, int depth) {
    if (depth > 8) return;
    for (const auto& v : before.views)
        for (const auto& [schema, name] : v.sources)
            if (out.view(schema, name) == &dropped) {
                out.lock(v.qualified(), LockMode::access_exclusive);
                drop_dependent_views(out, before, v, depth + 1);
            }
}

void cte_names(const Query& q, std::set<std::string>& out) {
    out.insert(q.cte_names.begin(), q.cte_names.end());
    for (const auto& c : q.ctes) cte_names(c, out);
    for (const auto& s : q.subqueries) cte_names(s, out);
}

// Reading a view locks it and, through the rewriter, the relations it reads.
// CREATE VIEW parses its query without expanding the views it names.
void read_lock(Collector& out, const TableRef& ref, const std::set<std::string>& ctes, LockMode mode, int depth = 0,
               bool expand = true) {
    if (ref.schema.empty() && ctes.count(ref.name)) return;
    out.lock(out.resolve(ref.schema, ref.name), mode);
    // Views are a linear list: only names that are not tables are looked up there.
    if (depth > 8 || !expand || out.schema().find_table(ref.schema, ref.name)) return;
    if (const View* v = out.view(ref.schema, ref.name); v && !v->materialized)
        for (const auto& [schema, name] : v->sources) read_lock(out, TableRef{schema, name, "", {}}, {}, LockMode::access_share, depth + 1);
}

void dml(Collector& out, const Statement& st) {
    const Query& q = *st.query;
    std::set<std::string> ctes;
    cte_names(q, ctes);
    if (st.kind == StatementKind::select || st.kind == StatementKind::create_view) {
        std::function<void(const Query&)> walk = [&](const Query& level) {
            for (const auto& ref : level.tables)
                read_lock(out, ref, ctes, LockMode::access_share, 0, st.kind != StatementKind::create_view);
            for (const auto& c : level.ctes) walk(c);
            for (const auto& s : level.subqueries) walk(s);
        };
        walk(q);
        return;
    }
    if (q.tables.empty()) return;
    std::string target = out.resolve(q.tables[0].schema, q.tables[0].name);
    out.lock(target, LockMode::row_exclusive);
    if ((st.kind == StatementKind::update || st.kind == StatementKind::delete_) && !q.has_where) out.scan(target);
    for (size_t i = 1; i < q.tables.size(); ++i) read_lock(out, q.tables[i], ctes, LockMode::access_share);
    for (const auto& s : q.subqueries)
        for (const auto& ref : s.tables) read_lock(out, ref, ctes, LockMode::access_share);
    for (const auto& c : q.ctes)
        for (const auto& ref : c.tables) read_lock(out, ref, ctes, LockMode::access_share);
}

// Whether op.table names the relation the operation locks (for the other
// kinds it names a type, or the targets are in op.objects).
bool names_relation(const DdlOp& op, const Collector& out) {
    if (op.table.empty()) return false;
    switch (op.kind) {
        case DdlKind::create_table: case DdlKind::create_enum: case DdlKind::add_enum_value:
        case DdlKind::rename_enum_value: case DdlKind::create_domain: case DdlKind::create_extension:
        case DdlKind::create_schema: case DdlKind::drop_table: case DdlKind::drop_index: case DdlKind::drop_view:
        case DdlKind::drop_type: case DdlKind::drop_schema: case DdlKind::drop_database:
        case DdlKind::alter_domain_add_constraint: case DdlKind::truncate: case DdlKind::lock_table:
        case DdlKind::drop_function: case DdlKind::rename_index:
            return false;
        case DdlKind::create_view: return out.view(op.schema, op.table) != nullptr;  // OR REPLACE of an existing view
        case DdlKind::reindex: return op.name == "REINDEX_OBJECT_TABLE";
        default: return true;
    }
}

}  // namespace

bool binary_compatible_change(const Column& from, const Column& to) {
    if (from.is_array != to.is_array) return false;
    bool text_like_from = from.type == "varchar" || from.type == "text";
    if (text_like_from && to.type == "text") return true;
    if (from.type == "varchar" && to.type == "varchar") {
        if (to.typmods.empty()) return true;
        return !from.typmods.empty() && to.typmods[0] >= from.typmods[0];
    }
    if (from.type == "numeric" && to.type == "numeric") {
        if (to.typmods.empty()) return true;
        if (from.typmods.empty()) return false;
        int from_scale = from.typmods.size() > 1 ? from.typmods[1] : 0;
        int to_scale = to.typmods.size() > 1 ? to.typmods[1] : 0;
        return to_scale == from_scale && to.typmods[0] >= from.typmods[0];
    }
    if (from.type == "cidr" && to.type == "inet") return true;
    return from.type == to.type && from.typmods == to.typmods;
}

StatementEffects predict_effects(const Statement& st, const Schema& before, int pg_version) {
    Collector out(before, pg_version);
    if (st.query) dml(out, st);
    for (const auto& op : st.ddl) {
        std::string table = names_relation(op, out) ? out.resolve(op.schema, op.table) : std::string();
        switch (op.kind) {
            case DdlKind::create_table:
                for (const auto& c : op.new_table->constraints)
                    if (c.kind == ConstraintKind::foreign_key)
                        out.lock(out.resolve(c.ref_schema, c.ref_table), LockMode::share_row_exclusive);
                if (!op.new_table->partition_of.empty()) {
                    auto dot = op.new_table->partition_of.find('.');
                    std::string parent = dot == std::string::npos
                        ? out.resolve("", op.new_table->partition_of)
                        : out.resolve(op.new_table->partition_of.substr(0, dot), op.new_table->partition_of.substr(dot + 1));
                    out.lock(parent, LockMode::access_exclusive);
                }
                break;
            case DdlKind::create_index:
                out.lock(table, op.concurrently ? LockMode::share_update_exclusive : LockMode::share);
                out.scan(table);
                if (op.concurrently) out.outside_transaction();
                break;
            case DdlKind::drop_index:
                for (const auto& [schema, name] : op.objects) {
                    bool found = false;
                    for (const auto& t : before.tables)
                        for (const auto& i : t.indexes)
                            if (i.name == name && (schema.empty() || schema == t.schema)) {
                                found = true;
                                out.lock(t.qualified(), op.concurrently ? LockMode::share_update_exclusive
                                                                         : LockMode::access_exclusive);
                            }
                    if (!found) out.unknown_index(qualified_name(schema, name));
                }
                if (op.concurrently) out.outside_transaction();
                break;
            case DdlKind::drop_view:
                for (const auto& [schema, name] : op.objects) {
                    std::string dropped = out.resolve(schema, name);
                    out.lock(dropped, LockMode::access_exclusive);
                    if (const View* v = out.view(schema, name); v && op.cascade) drop_dependent_views(out, before, *v, 0);
                }
                break;
            case DdlKind::create_view:
                if (out.view(op.schema, op.table)) out.lock(table, LockMode::access_exclusive);  // OR REPLACE
                break;
            case DdlKind::drop_trigger:
            case DdlKind::table_object:
            case DdlKind::set_schema:
                out.lock(table, LockMode::access_exclusive);
                break;
            case DdlKind::drop_function:
                // CASCADE drops the triggers that call it, each under AccessExclusiveLock.
                if (op.cascade)
                    for (const auto& t : before.tables)
                        for (const auto& trig : t.triggers)
                            for (const auto& [schema, name] : op.objects)
                                if (trig.function == name) out.lock(t.qualified(), LockMode::access_exclusive);
                break;
            case DdlKind::lock_table: {
                int mode = std::atoi(op.text.c_str());  // 1 AccessShareLock … 8 AccessExclusiveLock
                if (mode < 1 || mode > 8) mode = 8;
                for (const auto& [schema, name] : op.objects) out.lock(out.resolve(schema, name), LockMode(mode - 1));
                break;
            }
            case DdlKind::create_statistics: out.lock(table, LockMode::share_update_exclusive); break;
            case DdlKind::drop_table:
            case DdlKind::truncate:
                for (const auto& [schema, name] : op.objects) {
                    std::string dropped = out.resolve(schema, name);
                    out.lock(dropped, LockMode::access_exclusive);
                    // TRUNCATE gives the table new, empty storage.
                    if (op.kind == DdlKind::truncate) out.rewrite(dropped);
                    if (op.kind == DdlKind::truncate && op.cascade)
                        if (const Table* t = before.find_table(schema, name)) {
                            std::set<std::string> done = {t->qualified()};
                            truncate_cascade(out, before, done, *t);
                        }
                    if (op.kind == DdlKind::drop_table)
                        if (const Table* t = before.find_table(schema, name))
                            for (const auto& c : t->constraints)
                                if (c.kind == ConstraintKind::foreign_key)
                                    out.lock(out.resolve(c.ref_schema, c.ref_table), LockMode::access_exclusive);
                }
                break;
            case DdlKind::reindex:
                if (op.name == "REINDEX_OBJECT_TABLE") {
                    out.lock(table, op.concurrently ? LockMode::share_update_exclusive : LockMode::share);
                } else if (op.name == "REINDEX_OBJECT_INDEX") {
                    for (const auto& t : before.tables)
                        for (const auto& i : t.indexes)
                            if (i.name == op.table)
                                out.lock(t.qualified(), op.concurrently ? LockMode::share_update_exclusive : LockMode::share);
                }
                if (op.concurrently) out.outside_transaction();
                break;
            case DdlKind::vacuum_full:
            case DdlKind::cluster:
                out.lock(table, LockMode::access_exclusive);
                out.rewrite(table);
                if (op.kind == DdlKind::vacuum_full) out.outside_transaction();
                break;
            case DdlKind::refresh_matview:
                out.lock(table, op.concurrently ? LockMode::exclusive : LockMode::access_exclusive);
                if (!op.concurrently) out.rewrite(table);  // the new contents go to new storage
                if (const View* v = out.view(op.schema, op.table))
                    for (const auto& [schema, name] : v->sources) out.lock(out.resolve(schema, name), LockMode::access_share);
                break;
            case DdlKind::create_trigger: out.lock(table, LockMode::share_row_exclusive); break;
            case DdlKind::create_policy:
            case DdlKind::rename_table:
            case DdlKind::rename_column:
            case DdlKind::rename_constraint:
                out.lock(table, LockMode::access_exclusive);
                break;
            case DdlKind::comment_table:
            case DdlKind::comment_column:
                out.lock(table, LockMode::share_update_exclusive);
                break;
            case DdlKind::add_column: case DdlKind::drop_column: case DdlKind::alter_column_type:
            case DdlKind::set_not_null: case DdlKind::drop_not_null: case DdlKind::set_default:
            case DdlKind::drop_default: case DdlKind::add_identity: case DdlKind::add_constraint:
            case DdlKind::drop_constraint: case DdlKind::validate_constraint: case DdlKind::enable_rls:
            case DdlKind::disable_rls: case DdlKind::force_rls: case DdlKind::no_force_rls:
            case DdlKind::attach_partition: case DdlKind::detach_partition: case DdlKind::set_statistics:
            case DdlKind::set_storage: case DdlKind::set_logged: case DdlKind::alter_table_other:
                alter_op(out, op, table);
                break;
            default: break;
        }
    }
    return out.finish();
}

}  // namespace dbsage
