#include "rules/helpers.h"

#include <algorithm>
#include <cctype>

#include "util/strings.h"

namespace dbsage::rules {

Location at_table(const Table& table) {
    Location loc = table.location;
    loc.object = table.qualified();
    return loc;
}

Location at_column(const Table& table, const Column& column) {
    Location loc = column.location.line ? column.location : table.location;
    loc.object = table.qualified() + "." + column.name;
    return loc;
}

Location at_constraint(const Table& table, const Constraint& constraint) {
    Location loc = constraint.location.line ? constraint.location : table.location;
    loc.object = table.qualified() + "." + constraint.name;
    return loc;
}

Location at_index(const Table& table, const Index& index) {
    Location loc = index.location.line ? index.location : table.location;
    loc.object = table.schema + "." + index.name;
    return loc;
}

void for_each_query(const Query& query, const std::function<void(const Query&)>& fn) {
    fn(query);
    for (const auto& q : query.ctes) for_each_query(q, fn);
    for (const auto& q : query.subqueries) for_each_query(q, fn);
}

std::vector<std::string> referenced_columns(const Schema& schema, const Constraint& fk) {
    if (!fk.ref_columns.empty()) return fk.ref_columns;
    if (const Table* target = schema.find_table(fk.ref_schema, fk.ref_table))
        if (const Constraint* pk = target->primary_key()) return pk->columns;
    return {};
}

bool index_covers(const Index& index, const std::vector<std::string>& columns) {
    if (index.keys.size() < columns.size() || !index.predicate.empty()) return false;
    if (index.method != "btree" && index.method != "hash" && index.method != "gist") return false;
    for (size_t i = 0; i < columns.size(); ++i) {
        const auto& key = index.keys[i].column;
        if (key.empty() || std::find(columns.begin(), columns.end(), key) == columns.end()) return false;
    }
    return true;
}

bool name_has_word(std::string_view name, std::initializer_list<std::string_view> words) {
    // Words are split at underscores, spaces, hyphens and digits, and where
    // camelCase turns upper ("shippingAddress", "HTTPStatus").
    std::vector<std::string> parts(1);
    for (size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        bool upper = std::isupper(static_cast<unsigned char>(c)) != 0;
        bool next_lower = i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]));
        bool prev_lower = i > 0 && std::islower(static_cast<unsigned char>(name[i - 1]));
        bool prev_upper = i > 0 && std::isupper(static_cast<unsigned char>(name[i - 1]));
        if (c == '_' || c == ' ' || c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
            if (!parts.back().empty()) parts.emplace_back();
            continue;
        }
        if (upper && (prev_lower || (prev_upper && next_lower)) && !parts.back().empty()) parts.emplace_back();
        parts.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::string whole = to_lower(name);
    for (auto w : words) {
        if (whole == w) return true;
        for (const auto& p : parts)
            if (p == w) return true;
    }
    return false;
}

void for_each_migration_op(const Context& ctx,
                           const std::function<void(const Statement&, const StatementContext&, const DdlOp&)>& fn) {
    if (ctx.migration.size() != ctx.statements.size()) return;
    for (size_t i = 0; i < ctx.statements.size(); ++i) {
        const Statement& st = ctx.statements[i];
        if (st.kind == StatementKind::invalid) continue;
        for (const auto& op : st.ddl) fn(st, ctx.migration[i], op);
    }
}

std::string existing_target(const StatementContext& sc, const DdlOp& op) {
    for (const auto& lock : sc.effects.locks) {
        auto dot = lock.table.find('.');
        bool same = lock.table.substr(dot + 1) == op.table &&
                    (op.schema.empty() || lock.table.substr(0, dot) == op.schema);
        if (same) return sc.is_new(lock.table) ? std::string() : lock.table;
    }
    return {};
}

std::string statement_body(const std::string& text) {
    std::string body = text;
    while (!body.empty() && (body.back() == ';' || std::isspace(static_cast<unsigned char>(body.back())))) body.pop_back();
    return body;
}

void first_per_file(const Context& ctx, const std::function<bool(const Statement&, const StatementContext&)>& needs,
                    const std::function<void(const Statement&)>& report) {
    std::string reported_file;
    for (size_t i = 0; i < ctx.statements.size() && i < ctx.migration.size(); ++i) {
        const Statement& st = ctx.statements[i];
        if (st.location.file == reported_file || st.kind == StatementKind::invalid) continue;
        if (!needs(st, ctx.migration[i])) continue;
        reported_file = st.location.file;
        report(st);
    }
}

std::string insert_after_keyword(const std::string& text, std::string_view keyword, std::string_view insert) {
    std::string lower = to_lower(text);
    std::string key = to_lower(keyword);
    for (size_t at = lower.find(key); at != std::string::npos; at = lower.find(key, at + 1)) {
        bool start_ok = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
        size_t end = at + key.size();
        bool end_ok = end >= lower.size() || !std::isalnum(static_cast<unsigned char>(lower[end]));
        if (start_ok && end_ok) return text.substr(0, end) + std::string(insert) + text.substr(end);
    }
    return text;
}

void for_each_table(const Schema& schema, const std::function<void(const Table&)>& fn) {
    for (const auto& t : schema.tables)
        if (t.partition_of.empty()) fn(t);
}

void for_each_column(const Schema& schema, const std::function<void(const Table&, const Column&)>& fn) {
    for_each_table(schema, [&](const Table& t) {
        for (const auto& c : t.columns) fn(t, c);
    });
}

std::string sql_name(const Table& table) {
    if (table.schema == "public" || table.schema == "main" || table.schema.empty()) return quote_ident(table.name);
    return quote_ident(table.schema) + "." + quote_ident(table.name);
}

std::string create_index_sql(Dialect dialect, const Table& table, const std::string& name, const std::string& keys,
                             bool unique, const std::string& predicate) {
    if (dialect == Dialect::mysql)  // online: fails rather than blocks writes when it cannot run without a lock
        return "ALTER TABLE " + sql_name(table) + " ADD " + (unique ? "UNIQUE " : "") + "INDEX " + quote_ident(name) +
               " (" + keys + "), ALGORITHM=INPLACE, LOCK=NONE;";
    std::string sql = std::string("CREATE ") + (unique ? "UNIQUE " : "") + "INDEX " +
                      (dialect == Dialect::postgres ? "CONCURRENTLY " : "") + quote_ident(name) + " ON " +
                      sql_name(table) + " (" + keys + ")";
    if (!predicate.empty()) sql += " WHERE " + predicate;
    return sql + ";";
}

std::string drop_index_sql(Dialect dialect, const Table& table, const Index& index) {
    if (dialect == Dialect::mysql)
        return "ALTER TABLE " + sql_name(table) + " DROP INDEX " + quote_ident(index.name) + ", ALGORITHM=INPLACE, LOCK=NONE;";
    bool qualify = dialect == Dialect::postgres && table.schema != "public";
    return std::string("DROP INDEX ") + (dialect == Dialect::postgres ? "CONCURRENTLY " : "") +
           (qualify ? quote_ident(table.schema) + "." : "") + quote_ident(index.name) + ";";
}

std::string alter_type_fix(const Table& table, const Column& column, std::string_view new_type) {
    return "ALTER TABLE " + sql_name(table) + " ALTER COLUMN " + quote_ident(column.name) + " TYPE " +
           std::string(new_type) + ";";
}

std::string mysql_modify_column(const Table& table, const Column& column, std::string_view new_type) {
    std::string sql = "ALTER TABLE " + sql_name(table) + " MODIFY " + quote_ident(column.name) + " " + std::string(new_type);
    if (column.not_null) sql += " NOT NULL";
    if (column.default_expr) sql += " DEFAULT " + *column.default_expr;
    if (column.auto_increment) sql += " AUTO_INCREMENT";
    for (const auto& trig : table.triggers)
        if (trig.name == "on update " + column.name) sql += " ON UPDATE CURRENT_TIMESTAMP";
    return sql + ";";
}

void for_each_fk_column(const Schema& schema,
                        const std::function<void(const Table&, const Table&, const Column&, const Column&)>& fn) {
    for_each_table(schema, [&](const Table& t) {
        for (const auto& fk : t.constraints) {
            if (fk.kind != ConstraintKind::foreign_key) continue;
            const Table* target = schema.find_table(fk.ref_schema, fk.ref_table);
            if (!target) continue;
            auto refs = referenced_columns(schema, fk);
            for (size_t i = 0; i < fk.columns.size() && i < refs.size(); ++i) {
                const Column* from = t.find_column(fk.columns[i]);
                const Column* to = target->find_column(refs[i]);
                if (from && to) fn(t, *target, *from, *to);
            }
        }
    });
}

bool has_check_on(const Table& table, std::string_view column) {
    for (const auto& c : table.constraints)
        if (c.kind == ConstraintKind::check &&
            std::find(c.expression_columns.begin(), c.expression_columns.end(), column) != c.expression_columns.end())
            return true;
    return false;
}

const Constraint* foreign_key_on(const Table& table, std::string_view column) {
    for (const auto& c : table.constraints)
        if (c.kind == ConstraintKind::foreign_key && !c.columns.empty() && c.columns[0] == column) return &c;
    return nullptr;
}

bool known_small_table(const Table* table) {
    constexpr double k_small_table = 10000;
    return table && table->row_estimate && *table->row_estimate < k_small_table;
}

bool leads_an_index(const Table& table, const std::string& column) {
    for (const auto& index : table.indexes)
        if (!index.keys.empty() && index.keys[0].column == column) return true;
    return false;
}

std::string ref_name(const TableRef& ref) { return ref.alias.empty() ? ref.name : ref.alias; }

const Table* table_of_column(const Schema& schema, const Query& q, const std::string& qualifier, const std::string& column) {
    if (!qualifier.empty()) {
        for (const auto& ref : q.tables)
            if (ref_name(ref) == qualifier) return schema.find_table(ref.schema, ref.name);
        return nullptr;
    }
    if (q.tables.size() == 1) return schema.find_table(q.tables[0].schema, q.tables[0].name);
    const Table* found = nullptr;
    for (const auto& ref : q.tables) {
        const Table* t = schema.find_table(ref.schema, ref.name);
        if (!t || !t->find_column(column)) continue;
        if (found) return nullptr;  // ambiguous
        found = t;
    }
    return found;
}

}  // namespace dbsage::rules
