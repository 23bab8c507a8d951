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

class QueryBuilder {
public:
    Query build(const Json& stmt) {
        struct Depth {
            int& d;
            explicit Depth(int& depth) : d(++depth) {}
            ~Depth() { --d; }
        } depth(m_depth);
        auto type = type_of(stmt);
        const Json& b = body(stmt);
        Query q;
        if (type == "SelectStmt") select(b, q);
        else if (type == "InsertStmt") insert(b, q);
        else if (type == "UpdateStmt") update_or_delete(b, q, StatementKind::update, "fromClause");
        else if (type == "DeleteStmt") update_or_delete(b, q, StatementKind::delete_, "usingClause");
        return q;
    }

private:
    int m_depth = 0;

    void with_clause(const Json& b, Query& q) {
        for (Json cte : get(get(b, "withClause"), "ctes")) {
            q.ctes.push_back(build(get(body(cte), "ctequery")));
            q.cte_names.push_back(str(body(cte), "ctename"));
        }
    }

    void select(const Json& b, Query& q) {
        q.kind = StatementKind::select;
        with_clause(b, q);
        if (str(b, "op") != "SETOP_NONE" && !str(b, "op").empty()) {
            for (const char* side : {"larg", "rarg"}) {
                Query part;
                select(get(b, side), part);
                q.subqueries.push_back(std::move(part));
            }
        }
        for (Json t : get(b, "targetList")) {
            const Json& val = get(body(t), "val");
            if (type_of(val) == "ColumnRef") {
                Json fields = get(body(val), "fields");
                if (fields.size() == 1 && type_of(fields.front()) == "A_Star") {
                    q.select_star = true;
                    q.star_offset = tree::location(val);
                }
            }
            q.targets.push_back(expr_text(val));
            if (type_of(val) == "FuncCall") {
                auto names = tree::strings(get(body(val), "funcname"));
                static const char* k_aggregates[] = {"count", "sum", "avg", "min", "max"};
                for (const char* a : k_aggregates)
                    if (!names.empty() && to_lower(names.back()) == a) q.aggregates = true;
            }
            size_t before = q.subqueries.size();
            sublinks(val, q);
            for (size_t i = before; i < q.subqueries.size(); ++i) q.target_subqueries.push_back(i);
        }
        q.distinct = !get(b, "distinctClause").is_null();
        int item_number = 0;
        for (Json item : get(b, "fromClause")) {
            size_t first = q.tables.size();
            from_item(item, q);
            for (size_t i = first; i < q.tables.size(); ++i) q.tables[i].from_item = item_number;
            ++item_number;
        }
        where(get(b, "whereClause"), q);
        for (Json g : get(b, "groupClause")) q.group_by.push_back(expr_text(g));
        for (Json s : get(b, "sortClause")) {
            const Json& sb = body(s);
            const Json& node = get(sb, "node");
            OrderItem item;
            item.expression = expr_text(node);
            if (type_of(node) == "ColumnRef") {
                auto fields = tree::strings(get(body(node), "fields"));
                if (!fields.empty()) item.column = fields.back();
            }
            if (type_of(node) == "FuncCall") {
                auto names = tree::strings(get(body(node), "funcname"));
                if (!names.empty() && (names.back() == "random" || names.back() == "rand")) item.is_random = true;
            }
            item.descending = str(sb, "sortby_dir") == "SORTBY_DESC";
            std::string nulls = str(sb, "sortby_nulls");
            item.nulls_first = nulls == "SORTBY_NULLS_FIRST" || (nulls != "SORTBY_NULLS_LAST" && item.descending);
            item.offset = tree::location(node);
            q.order_by.push_back(std::move(item));
        }
        if (!get(b, "limitCount").is_null()) q.limit = expr_text(get(b, "limitCount"));
        if (!get(b, "limitOffset").is_null()) {
            q.offset = expr_text(get(b, "limitOffset"));
            q.offset_offset = tree::location(get(b, "limitOffset"));
        }
    }

    void insert(const Json& b, Query& q) {
        q.kind = StatementKind::insert;
        with_clause(b, q);
        q.tables.push_back(table_ref(get(b, "relation")));
        const Json& sel = get(b, "selectStmt");
        if (!sel.is_null() && get(body(sel), "valuesLists").is_null()) q.subqueries.push_back(build(sel));
    }

    void update_or_delete(const Json& b, Query& q, StatementKind kind, std::string_view extra_from) {
        q.kind = kind;
        with_clause(b, q);
        q.tables.push_back(table_ref(get(b, "relation")));
        if (kind == StatementKind::update)
            for (Json t : get(b, "targetList")) q.set_columns.push_back(str(body(t), "name"));
        for (Json item : get(b, extra_from)) from_item(item, q);
        where(get(b, "whereClause"), q);
    }

    static TableRef table_ref(const Json& rv_body) {
        TableRef ref;
        ref.schema = str(rv_body, "schemaname");
        ref.name = str(rv_body, "relname");
        ref.alias = str(get(rv_body, "alias"), "aliasname");
        ref.location.column = tree::integer(rv_body, "location", -1);
        return ref;
    }

    void from_item(const Json& item, Query& q) {
        auto type = type_of(item);
        const Json& b = body(item);
        if (type == "RangeVar") {
            q.tables.push_back(table_ref(b));
        } else if (type == "JoinExpr") {
            size_t left_from = q.tables.size();
            from_item(get(b, "larg"), q);
            size_t right_from = q.tables.size();
            from_item(get(b, "rarg"), q);
            std::string join = str(b, "jointype");
            auto nullable = [&](size_t from, size_t to) {
                for (size_t i = from; i < to; ++i) q.tables[i].outer_nullable = true;
            };
            if (join == "JOIN_LEFT" || join == "JOIN_FULL") nullable(right_from, q.tables.size());
            if (join == "JOIN_RIGHT" || join == "JOIN_FULL") nullable(left_from, right_from);
            std::vector<Predicate> preds;
            conjuncts(get(b, "quals"), preds, q);
            q.join_conditions.insert(q.join_conditions.end(), preds.begin(), preds.end());
        } else if (type == "RangeSubselect") {
            q.subqueries.push_back(build(get(b, "subquery")));
        } else if (type == "RangeTableSample") {
            // t TABLESAMPLE …: the table, read as a sample.
            const Json& rel = get(b, "relation");
            if (type_of(rel) == "RangeVar") q.tables.push_back(table_ref(body(rel)));
            q.tablesample = true;
        }
    }

    void where(const Json& clause, Query& q) {
        if (clause.is_null()) return;
        q.has_where = true;
        if (m_depth > 1) q.where_text = expr_text(clause);
        conjuncts(clause, q.predicates, q);
    }

    void conjuncts(const Json& e, std::vector<Predicate>& out, Query& q) {
        if (e.is_null()) return;
        if (type_of(e) == "BoolExpr" && str(body(e), "boolop") == "AND_EXPR") {
            for (Json arg : get(body(e), "args")) conjuncts(arg, out, q);
            return;
        }
        if (type_of(e) == "BoolExpr" && str(body(e), "boolop") == "OR_EXPR") {
            // Each arm read on the side, so nothing of an OR counts as a conjunct.
            Query scratch;
            std::vector<Predicate> arms;
            for (Json arg : get(body(e), "args")) {
                Predicate arm;
                if (!predicate(arg, arm, scratch)) {
                    arms.clear();
                    break;
                }
                arms.push_back(std::move(arm));
            }
            if (!arms.empty()) q.or_groups.push_back(std::move(arms));
            sublinks(e, q);
            return;
        }
        Predicate p;
        if (predicate(e, p, q)) out.push_back(std::move(p));
        else sublinks(e, q);
    }

    // The type a column was cast to ("date" in created_at::date), or "".
    static std::string cast_of(const Json& node) {
        std::string type;
        for (Json n = node; type_of(n) == "TypeCast"; n = get(body(n), "arg"))
            if (type.empty()) type = canonical_type(get(body(n), "typeName"));
        return type;
    }

    // (SELECT count(*) FROM …), the left side of a comparison with 0 or 1.
    static bool is_count_subquery(const Json& node) {
        if (type_of(node) != "SubLink" || str(body(node), "subLinkType") != "EXPR_SUBLINK") return false;
        Json targets = get(body(get(body(node), "subselect")), "targetList");
        if (targets.size() != 1) return false;
        Json val = get(body(targets.front()), "val");
        auto names = tree::strings(get(body(val), "funcname"));
        return type_of(val) == "FuncCall" && !names.empty() && to_lower(names.back()) == "count";
    }

    static bool column_of(const Json& node, std::string& qualifier, std::string& column) {
        Json n = node;
        while (type_of(n) == "TypeCast") n = get(body(n), "arg");
        if (type_of(n) != "ColumnRef") return false;
        auto fields = tree::strings(get(body(n), "fields"));
        if (fields.empty()) return false;
        column = fields.back();
        qualifier = fields.size() >= 2 ? fields[fields.size() - 2] : "";
        return true;
    }

    void operand(const Json& node, Predicate& p, Query& q) {
        auto type = type_of(node);
        if (type == "A_Const") {
            p.operand = Predicate::Operand::constant;
            p.value = expr_text(node);
        }
        else if (type == "ParamRef") p.operand = Predicate::Operand::parameter;
        else if (type == "List") {
            p.operand = Predicate::Operand::list;
            p.list_size = static_cast<int>(get(body(node), "items").size());
        }
        else if (type == "SubLink") {
            p.operand = Predicate::Operand::subquery;
            p.subquery = static_cast<int>(q.subqueries.size());
            q.subqueries.push_back(build(get(body(node), "subselect")));
        } else if (column_of(node, p.other_qualifier, p.other_column)) {
            p.operand = Predicate::Operand::column;
        } else {
            p.operand = Predicate::Operand::expression;
            sublinks(node, q);
        }
    }

    bool predicate(const Json& e, Predicate& p, Query& q) {
        auto type = type_of(e);
        const Json& b = body(e);
        p.offset = tree::location(e);
        if (type == "A_Expr") {
            auto kind = str(b, "kind");
            auto ops = tree::strings(get(b, "name"));
            std::string op = ops.empty() ? "" : ops.back();
            Json left = get(b, "lexpr");
            Json right = get(b, "rexpr");
            if (kind == "AEXPR_OP" && is_count_subquery(left) && type_of(right) == "A_Const") {
                std::string value = expr_text(right);
                if (value == "0" || value == "1") q.count_existence.push_back(p.offset);
            }
            if (!column_of(left, p.qualifier, p.column)) {
                if (kind == "AEXPR_OP" && expression_of_one_column(left, p) && !mentions_column(right)) {
                    p.op = op;
                    operand(right, p, q);
                    q.expression_predicates.push_back(p);
                    return false;
                }
                if (kind != "AEXPR_OP" || !column_of(right, p.qualifier, p.column)) return false;
                p.cast = cast_of(right);
                std::swap(left, right);
                if (op == "<") op = ">"; else if (op == ">") op = "<";
                else if (op == "<=") op = ">="; else if (op == ">=") op = "<=";
            }
            else p.cast = cast_of(left);
            if (kind == "AEXPR_IN") op = op == "<>" ? "NOT IN" : "IN";
            else if (kind == "AEXPR_LIKE") op = op == "~~" ? "LIKE" : "NOT LIKE";
            else if (kind == "AEXPR_ILIKE") op = op == "~~*" ? "ILIKE" : "NOT ILIKE";
            else if (kind == "AEXPR_BETWEEN") op = "BETWEEN";
            else if (kind == "AEXPR_OP_ANY") op += " ANY";
            else if (kind != "AEXPR_OP") op = to_lower(kind);
            p.op = op;
            operand(right, p, q);
            return true;
        }
        if (type == "NullTest") {
            if (!column_of(get(b, "arg"), p.qualifier, p.column)) return false;
            p.op = str(b, "nulltesttype") == "IS_NULL" ? "IS NULL" : "IS NOT NULL";
            return true;
        }
        if (type == "SubLink" && str(b, "subLinkType") == "ANY_SUBLINK") {
            if (!column_of(get(b, "testexpr"), p.qualifier, p.column)) return false;
            p.op = "IN";
            operand(e, p, q);
            return true;
        }
        if (type == "BoolExpr" && str(b, "boolop") == "NOT_EXPR") {
            Json args = get(b, "args");
            if (args.size() == 1 && type_of(args.front()) == "SubLink" &&
                str(body(args.front()), "subLinkType") == "ANY_SUBLINK") {
                if (!predicate(args.front(), p, q)) return false;
                p.op = "NOT IN";
                return true;
            }
        }
        return false;
    }

    // A function call or operator over exactly one column and constants
    // (lower(email), data ->> 'kind', date(created_at)): an expression index could serve it.
    bool expression_of_one_column(const Json& node, Predicate& p) {
        auto type = type_of(node);
        if (type != "FuncCall" && type != "A_Expr" && type != "TypeCast") return false;
        std::vector<std::pair<std::string, std::string>> columns;
        collect_columns(node, columns);
        if (columns.size() != 1) return false;
        p.qualifier = columns[0].first;
        p.column = columns[0].second;
        p.expression = expr_text(node);
        return true;
    }

    static void collect_columns(const Json& node, std::vector<std::pair<std::string, std::string>>& out) {
        if (node.is_object()) {
            if (type_of(node) == "ColumnRef") {
                std::pair<std::string, std::string> qc;
                if (column_of(node, qc.first, qc.second)) out.push_back(qc);
                else out.push_back({"", "*"});
                return;
            }
            if (type_of(node) == "SubLink") {
                out.push_back({"", "(subquery)"});
                return;
            }
            node.for_each_member([&](std::string_view, const Json& value) { collect_columns(value, out); });
        } else if (node.is_array()) {
            for (Json item : node) collect_columns(item, out);
        }
    }

    static bool mentions_column(const Json& node) {
        std::vector<std::pair<std::string, std::string>> columns;
        collect_columns(node, columns);
        return !columns.empty();
    }

    // Collects subqueries nested anywhere in an expression.
    void sublinks(const Json& node, Query& q) {
        if (node.is_array()) {
            for (Json item : node) sublinks(item, q);
            return;
        }
        if (!node.is_object()) return;
        if (type_of(node) == "SubLink") {
            q.subqueries.push_back(build(get(body(node), "subselect")));
            return;
        }
        node.for_each_member([&](std::string_view, const Json& value) {
            if (value.is_object() || value.is_array()) sublinks(value, q);
        });
    }
};

}  // namespace

Query translate_query(const Json& stmt) { return QueryBuilder().build(stmt); }

void translate_statement(const Json& stmt, Statement& st) {
    auto type = std::string(type_of(stmt));
    st.node = type;
    if (type == "SelectStmt" || type == "InsertStmt" || type == "UpdateStmt" || type == "DeleteStmt") {
        st.query = translate_query(stmt);
        st.kind = st.query->kind;
        return;
    }
    static const std::pair<std::string_view, StatementKind> k_kinds[] = {
        {"TransactionStmt", StatementKind::transaction}, {"VariableSetStmt", StatementKind::set},
        {"VacuumStmt", StatementKind::vacuum}, {"TruncateStmt", StatementKind::truncate},
        {"CreateFunctionStmt", StatementKind::create_function}, {"MergeStmt", StatementKind::merge},
        {"CreateSeqStmt", StatementKind::create_sequence},
    };
    st.kind = StatementKind::other;
    for (const auto& [name, kind] : k_kinds)
        if (type == name) st.kind = kind;
    const Json b = body(stmt);
    if (type == "TransactionStmt") {
        static const std::pair<std::string_view, TxnCommand> k_commands[] = {
            {"TRANS_STMT_BEGIN", TxnCommand::begin}, {"TRANS_STMT_START", TxnCommand::begin},
            {"TRANS_STMT_COMMIT", TxnCommand::commit}, {"TRANS_STMT_ROLLBACK", TxnCommand::rollback},
            {"TRANS_STMT_SAVEPOINT", TxnCommand::savepoint}, {"TRANS_STMT_RELEASE", TxnCommand::release},
            {"TRANS_STMT_ROLLBACK_TO", TxnCommand::rollback_to}, {"TRANS_STMT_PREPARE", TxnCommand::prepare},
        };
        st.txn = TxnCommand::other;
        for (const auto& [name, command] : k_commands)
            if (str(b, "kind") == name) st.txn = command;
        return;
    }
    if (type == "VariableSetStmt") {
        st.setting = to_lower(str(b, "name"));
        st.setting_local = tree::flag(b, "is_local");
        Json value = get(b, "args").front();
        st.setting_value = type_of(value) == "A_Const" ? expr_text(value) : std::string();
        if (!st.setting_value.empty() && st.setting_value.front() == '\'')
            st.setting_value = st.setting_value.substr(1, st.setting_value.size() - 2);
        return;
    }
    translate_ddl(stmt, st);
}

}  // namespace dbsage
