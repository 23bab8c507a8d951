#include "advisor/candidates.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "model/schema.h"
#include "model/statement.h"
#include "util/strings.h"

namespace dbsage {
namespace {

bool is_equality(const Predicate& p) {
    bool value = p.operand == Predicate::Operand::constant || p.operand == Predicate::Operand::parameter ||
                 p.operand == Predicate::Operand::list;
    return (p.op == "=" && (value || p.operand == Predicate::Operand::column)) || (p.op == "IN" && value) ||
           p.op == "IS NULL";
}

// An expression operand (now() - interval '1 day') may well be a constant
// to the planner; the what-if cost tells whether the index helps.
bool is_range(const Predicate& p) {
    bool value = p.operand == Predicate::Operand::constant || p.operand == Predicate::Operand::parameter ||
                 p.operand == Predicate::Operand::expression;
    return value && (p.op == "<" || p.op == ">" || p.op == "<=" || p.op == ">=" || p.op == "BETWEEN");
}

// What one query level asks of one table.
struct TableAccess {
    const Table* table = nullptr;
    std::vector<std::string> equality, range;
    std::vector<std::string> equal_expressions;  // lower(email) = …
    std::vector<std::pair<std::string, std::string>> constant_conditions;  // column, "status = 'new'"
    std::vector<IndexKeyColumn> sort;
    std::vector<std::string> group;  // GROUP BY columns, when all are this table's
    std::vector<std::pair<IndexKeyColumn, std::string>> gin;  // key (with its operator class), reason
    bool sort_complete = true;  // every ORDER BY item is a column of this table
};

void add_unique(std::vector<std::string>& into, const std::string& column) {
    if (std::find(into.begin(), into.end(), column) == into.end()) into.push_back(column);
}

// The table a column belongs to: by qualifier (alias or name), else the
// only table of the level that has such a column.
const TableRef* owner(const Query& q, const Schema& schema, const std::string& qualifier, const std::string& column) {
    const TableRef* found = nullptr;
    for (const auto& ref : q.tables) {
        if (!qualifier.empty()) {
            if ((ref.alias.empty() ? ref.name : ref.alias) == qualifier) return &ref;
            continue;
        }
        const Table* t = schema.find_table(ref.schema, ref.name);
        if (t && t->find_column(column)) {
            if (found) return nullptr;
            found = &ref;
        }
    }
    return found;
}

// The GIN key a condition asks for, if any: containment and key tests on
// jsonb (jsonb_path_ops is the smaller one and serves @> alone), arrays,
// tsvector @@, and LIKE/ILIKE with a leading wildcard (pg_trgm trigrams).
bool gin_key(const Predicate& p, const Column& column, IndexKeyColumn& key, std::string& reason) {
    // ARRAY['a'] and to_tsquery('x') are expressions the planner folds to constants.
    bool value = p.operand == Predicate::Operand::constant || p.operand == Predicate::Operand::parameter ||
                 p.operand == Predicate::Operand::expression;
    if (!value) return false;
    key = {p.column, false, false, ""};
    if (column.type == "jsonb" && (p.op == "@>" || p.op == "?" || p.op == "?|" || p.op == "?&")) {
        if (p.op == "@>") key.opclass = "jsonb_path_ops";
        reason = "jsonb " + p.op + " on " + p.column;
        return true;
    }
    if (column.is_array && (p.op == "@>" || p.op == "&&" || p.op == "<@")) {
        reason = "array " + p.op + " on " + p.column;
        return true;
    }
    if (column.type == "tsvector" && p.op == "@@") {
        reason = "full-text @@ on " + p.column;
        return true;
    }
    bool like = p.op == "LIKE" || p.op == "ILIKE";
    if (like && p.operand == Predicate::Operand::constant && p.value.rfind("'%", 0) == 0 && p.value.size() > 4) {
        key.opclass = "gin_trgm_ops";
        reason = p.op + " " + p.value + " on " + p.column + " (a leading wildcard: trigrams)";
        return true;
    }
    return false;
}

void level_candidates(const Query& q, const Schema& schema, int max_columns, std::vector<IndexCandidate>& out) {
    std::map<const Table*, TableAccess> access;
    auto column_of = [&](const std::string& qualifier, const std::string& column) -> TableAccess* {
        const TableRef* ref = owner(q, schema, qualifier, column);
        if (!ref) return nullptr;
        const Table* t = schema.find_table(ref->schema, ref->name);
        if (!t || !t->find_column(column)) return nullptr;
        TableAccess& a = access[t];
        a.table = t;
        return &a;
    };
    for (const auto& p : q.predicates) {
        TableAccess* a = column_of(p.qualifier, p.column);
        if (!a) continue;
        if (is_equality(p)) add_unique(a->equality, p.column);
        else if (is_range(p)) add_unique(a->range, p.column);
        IndexKeyColumn key;
        std::string reason;
        if (const Column* col = a->table->find_column(p.column); col && gin_key(p, *col, key, reason))
            a->gin.emplace_back(key, reason);
        // A partial index fits a value the application keeps asking for
        // (status = 'new'), not one key among many (customer_id = 42): the
        // column must have few distinct values (pg_stats, at most 20).
        const Column* col = a->table->find_column(p.column);
        bool few_values = col && col->stats.n_distinct && *col->stats.n_distinct > 0 && *col->stats.n_distinct <= 20;
        if (p.op == "=" && p.operand == Predicate::Operand::constant && !p.value.empty() && few_values)
            a->constant_conditions.emplace_back(p.column, quote_ident(p.column) + " = " + p.value);
        else if (p.op == "IS NULL")
            a->constant_conditions.emplace_back(p.column, quote_ident(p.column) + " IS NULL");
    }
    for (const auto& p : q.expression_predicates) {
        bool value = p.operand == Predicate::Operand::constant || p.operand == Predicate::Operand::parameter;
        TableAccess* a = column_of(p.qualifier, p.column);
        if (!a) continue;
        if (p.op == "=" && value) add_unique(a->equal_expressions, p.expression);
        else if (p.op == "@@" && (value || p.operand == Predicate::Operand::expression)) a->gin.emplace_back(IndexKeyColumn{p.expression, false, true, ""}, "full-text @@ on " + p.expression);
    }
    for (const auto& p : q.join_conditions) {
        if (p.op != "=" || p.operand != Predicate::Operand::column) continue;
        if (TableAccess* a = column_of(p.qualifier, p.column)) add_unique(a->equality, p.column);
        if (TableAccess* a = column_of(p.other_qualifier, p.other_column)) add_unique(a->equality, p.other_column);
    }
    const Table* sort_table = nullptr;
    for (const auto& item : q.order_by) {
        if (item.column.empty()) { sort_table = nullptr; break; }
        std::string qualifier, column = item.column;
        if (auto dot = column.rfind('.'); dot != std::string::npos) {
            qualifier = column.substr(0, dot);
            column = column.substr(dot + 1);
        }
        TableAccess* a = column_of(qualifier, column);
        if (!a || (sort_table && sort_table != a->table)) { sort_table = nullptr; break; }
        sort_table = a->table;
        IndexKeyColumn key{column, item.descending};
        if (item.nulls_first != item.descending) key.nulls = item.nulls_first ? "NULLS FIRST" : "NULLS LAST";
        a->sort.push_back(key);
    }
    // GROUP BY on one table's columns: an index in their order lets the
    // aggregate read the groups in order (no sort or hash of the rows).
    std::vector<std::pair<TableAccess*, std::string>> grouped;
    for (const auto& item : q.group_by) {
        std::string qualifier, column = item;
        if (auto dot = column.rfind('.'); dot != std::string::npos) {
            qualifier = column.substr(0, dot);
            column = column.substr(dot + 1);
        }
        TableAccess* a = column_of(qualifier, column);
        if (!a || (!grouped.empty() && grouped[0].first != a)) {
            grouped.clear();
            break;
        }
        grouped.emplace_back(a, column);
    }
    for (const auto& [a, column] : grouped) add_unique(a->group, column);
    for (auto& [table, a] : access) {
        for (const auto& [key, reason] : a.gin) {
            IndexCandidate gin{table->schema, table->name, {key}, "", reason};
            gin.method = "gin";
            out.push_back(std::move(gin));
        }
        // A structured binding is captured through a plain name: clang 14 (make fuzz) cannot capture one.
        const Table* of = table;
        auto emit = [&](std::vector<IndexKeyColumn> columns, const std::string& reason) {
            if (columns.empty()) return;
            if (static_cast<int>(columns.size()) > max_columns) columns.resize(static_cast<size_t>(max_columns));
            out.push_back({of->schema, of->name, std::move(columns), "", reason});
        };
        std::vector<IndexKeyColumn> eq;
        for (const auto& c : a.equality) eq.push_back({c, false});
        std::string eq_text = join(a.equality, ", ");
        emit(eq, "equality on " + eq_text);
        for (const auto& e : a.equal_expressions) {
            auto with_expression = eq;
            with_expression.insert(with_expression.begin(), IndexKeyColumn{e, false, true});
            emit({{e, false, true}}, "equality on the expression " + e);
            if (!eq.empty()) emit(with_expression, "equality on the expression " + e + " and on " + eq_text);
        }
        // A partial index on a condition with a constant holds only the rows
        // the query reads: the other keys of the query, over those rows.
        for (const auto& [column, condition] : a.constant_conditions) {
            std::vector<IndexKeyColumn> rest;
            for (const auto& c : a.equality)
                if (c != column) rest.push_back({c, false});
            if (!a.range.empty() && a.range[0] != column) rest.push_back({a.range[0], false});
            else if (sort_table == table)
                for (const auto& s : a.sort)
                    if (s.name != column) rest.push_back(s);
            if (rest.empty()) continue;
            if (static_cast<int>(rest.size()) > max_columns) rest.resize(static_cast<size_t>(max_columns));
            out.push_back({table->schema, table->name, rest, condition, "only the rows where " + condition});
        }
        for (const auto& c : a.equality) emit({{c, false}}, "equality on " + c);
        for (const auto& r : a.range) {
            // Rows in the column's order on disk (an append-only log's
            // timestamp): a BRIN index of a few pages serves the range.
            const Column* col = table->find_column(r);
            bool ordered = col && col->stats.correlation && std::abs(*col->stats.correlation) >= 0.95;
            if (ordered && table->row_estimate && *table->row_estimate >= 100000) {
                IndexCandidate brin{table->schema, table->name, {{r, false}}, "", "range on " + r + " (rows in its order on disk)"};
                brin.method = "brin";
                out.push_back(std::move(brin));
            }
            auto with_range = eq;
            with_range.push_back({r, false});
            emit(with_range, eq.empty() ? "range on " + r : "equality on " + eq_text + ", then range on " + r);
            emit({{r, false}}, "range on " + r);
        }
        if (!a.group.empty()) {
            auto with_group = eq;
            for (const auto& g : a.group)
                if (std::find(a.equality.begin(), a.equality.end(), g) == a.equality.end()) with_group.push_back({g, false});
            emit(with_group, (eq.empty() ? "" : "equality on " + eq_text + ", then ") + "GROUP BY " + join(a.group, ", "));
        }
        if (sort_table == table && !a.sort.empty()) {
            auto with_sort = eq;
            // Equality columns already fix their order: a sort key among them adds nothing.
            for (const auto& s : a.sort)
                if (std::find(a.equality.begin(), a.equality.end(), s.name) == a.equality.end()) with_sort.push_back(s);
            std::string sort_text;
            for (const auto& s : a.sort) sort_text += (sort_text.empty() ? "" : ", ") + s.name + (s.descending ? " DESC" : "");
            emit(with_sort, (eq.empty() ? "" : "equality on " + eq_text + ", then ") + "ORDER BY " + sort_text +
                                (q.limit ? " LIMIT " + *q.limit : ""));
        }
    }
}

// A query that selects a few plain columns of one table could read them
// from the index alone: each of its candidates also comes with the rest of
// them as INCLUDE columns (up to four).
void covering_variants(const Query& q, const Schema& schema, size_t first, std::vector<IndexCandidate>& out) {
    if (q.select_star || q.kind != StatementKind::select || q.tables.size() != 1 || q.targets.empty()) return;
    const Table* t = schema.find_table(q.tables[0].schema, q.tables[0].name);
    if (!t) return;
    std::vector<std::string> selected;
    for (const auto& target : q.targets) {
        std::string column = target.substr(target.rfind('.') == std::string::npos ? 0 : target.rfind('.') + 1);
        if (!t->find_column(column)) return;  // an expression or an aggregate: not a plain column list
        add_unique(selected, column);
    }
    size_t end = out.size();
    for (size_t i = first; i < end; ++i) {
        if (out[i].table != t->name || out[i].schema != t->schema || out[i].method != "btree") continue;
        std::vector<std::string> rest;
        for (const auto& column : selected)
            if (std::none_of(out[i].columns.begin(), out[i].columns.end(), [&](const IndexKeyColumn& k) { return k.name == column; }))
                rest.push_back(column);
        if (rest.empty() || rest.size() > 4) continue;
        IndexCandidate covering = out[i];
        covering.include = rest;
        covering.reason += ", covering " + join(rest, ", ") + " for an index-only scan";
        out.push_back(std::move(covering));
    }
}

void walk(const Query& q, const Schema& schema, int max_columns, std::vector<IndexCandidate>& out) {
    size_t first = out.size();
    level_candidates(q, schema, max_columns, out);
    covering_variants(q, schema, first, out);
    for (const auto& c : q.ctes) walk(c, schema, max_columns, out);
    for (const auto& s : q.subqueries) walk(s, schema, max_columns, out);
}

}  // namespace

std::string IndexCandidate::key() const {
    std::string k = schema + "." + table + "(";
    for (size_t i = 0; i < columns.size(); ++i)
        k += (i ? "," : "") + columns[i].name + (columns[i].opclass.empty() ? "" : " " + columns[i].opclass) +
             (columns[i].descending ? " desc" : "") + (columns[i].nulls.empty() ? "" : " " + to_lower(columns[i].nulls));
    k += ")";
    if (method != "btree") k = method + ":" + k;
    if (!include.empty()) k += " include(" + join(include, ",") + ")";
    return k + (where.empty() ? "" : " where " + where);
}

// Two candidates differ in their name where they differ at all: a partial
// index names its condition's words, a covering one its INCLUDE columns.
std::string IndexCandidate::name() const {
    auto words = [](const std::string& text) {
        std::string out;
        for (char ch : text) out += std::isalnum(static_cast<unsigned char>(ch)) ? static_cast<char>(std::tolower(ch)) : '_';
        return "_" + out;
    };
    std::string name = table;
    for (const auto& c : columns) name += words(c.name);
    if (!include.empty()) name += "_incl" + words(join(include, "_"));
    if (!where.empty()) name += "_where" + words(where);
    name += method == "btree" ? "_idx" : needs_trigram() ? "_trgm" : "_" + method;
    while (name.find("__") != std::string::npos) name.erase(name.find("__"), 1);
    if (name.size() > 63) name.resize(63);
    return name;
}

std::string IndexCandidate::key_list(bool with_direction) const {
    std::string out;
    for (const auto& c : columns)
        out += (out.empty() ? "" : ", ") + (c.expression ? "(" + c.name + ")" : quote_ident(c.name)) +
               (c.opclass.empty() ? "" : " " + c.opclass) + (with_direction && c.descending ? " DESC" : "") +
               (with_direction && !c.nulls.empty() ? " " + c.nulls : "");
    return out;
}

std::string IndexCandidate::ddl(bool for_migration) const {
    std::string cols = key_list(true);
    std::string target = (schema == "public" ? "" : quote_ident(schema) + ".") + quote_ident(table);
    std::string partial = where.empty() ? "" : " WHERE " + where;
    if (!include.empty()) {
        std::string names;
        for (const auto& c : include) names += (names.empty() ? "" : ", ") + quote_ident(c);
        partial = " INCLUDE (" + names + ")" + partial;
    }
    std::string using_method = method == "btree" ? "" : " USING " + method;
    if (!for_migration)
        return "CREATE INDEX ON " + quote_ident(schema) + "." + quote_ident(table) + using_method + " (" + cols + ")" + partial;
    return "CREATE INDEX CONCURRENTLY " + quote_ident(name()) + " ON " + target + using_method + " (" + cols + ")" + partial + ";";
}

std::string IndexCandidate::ddl_sqlite() const {
    std::string text = ddl(true);
    // "CREATE INDEX CONCURRENTLY name ON schema.table …" -> "CREATE INDEX IF NOT EXISTS name ON table …"
    text.replace(0, std::string("CREATE INDEX CONCURRENTLY ").size(), "CREATE INDEX IF NOT EXISTS ");
    std::string qualified = quote_ident(schema) + ".";
    if (auto at = text.find(" ON " + qualified); at != std::string::npos) text.erase(at + 4, qualified.size());
    return text;
}

bool IndexCandidate::needs_trigram() const {
    return std::any_of(columns.begin(), columns.end(), [](const IndexKeyColumn& c) { return c.opclass == "gin_trgm_ops"; });
}

bool IndexCandidate::is_prefix_of(const IndexCandidate& other) const {
    if (schema != other.schema || table != other.table || where != other.where || method != other.method ||
        columns.size() > other.columns.size() ||
        (!include.empty() && include != other.include))
        return false;
    return std::equal(columns.begin(), columns.end(), other.columns.begin());
}

std::vector<IndexCandidate> index_candidates(const Query& query, const Schema& schema, int max_columns) {
    std::vector<IndexCandidate> all, out;
    walk(query, schema, max_columns, all);
    for (auto& c : all)
        if (std::none_of(out.begin(), out.end(), [&](const IndexCandidate& o) { return o.key() == c.key(); }))
            out.push_back(std::move(c));
    return out;
}

}  // namespace dbsage
