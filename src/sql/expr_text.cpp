#include "sql/expr_text.h"

#include "util/strings.h"

namespace dbsage {

using tree::body;
using tree::get;
using tree::Json;
using tree::str;
using tree::type_of;

namespace {

std::string list_text(const Json& list, std::string_view separator = ", ") {
    std::string out;
    bool first = true;
    for (Json item : list) {
        if (!first) out += separator;
        first = false;
        out += expr_text(item);
    }
    return out;
}

std::string const_text(const Json& b) {
    if (b.contains("isnull")) return "null";
    if (b.contains("ival")) return std::to_string(tree::integer(get(b, "ival"), "ival"));
    if (b.contains("fval")) return str(get(b, "fval"), "fval");
    if (b.contains("sval")) return quote_literal(str(get(b, "sval"), "sval"));
    if (b.contains("boolval")) return tree::flag(get(b, "boolval"), "boolval") ? "true" : "false";
    if (b.contains("bsval")) return str(get(b, "bsval"), "bsval");
    return "0";
}

std::string wrap(const Json& node) {
    auto t = type_of(node);
    std::string text = expr_text(node);
    if (t == "A_Expr" || t == "BoolExpr" || t == "NullTest") return "(" + text + ")";
    return text;
}

}  // namespace

std::string expr_text(const Json& node) {
    if (node.is_array()) return list_text(node);
    auto t = type_of(node);
    const Json& b = body(node);
    if (t == "ColumnRef") {
        std::string out;
        for (const auto& f : get(b, "fields")) {
            if (!out.empty()) out += ".";
            out += type_of(f) == "A_Star" ? "*" : quote_ident(str(body(f), "sval"));
        }
        return out;
    }
    if (t == "A_Const") return const_text(b);
    if (t == "ParamRef") return "$" + std::to_string(tree::integer(b, "number"));
    if (t == "TypeCast") {
        // Casts of literals are dropped: catalogs add them ('a'::text), files rarely do.
        return expr_text(get(b, "arg"));
    }
    if (t == "A_Expr") {
        auto kind = str(b, "kind");
        auto ops = tree::strings(get(b, "name"));
        std::string op = ops.empty() ? "?" : ops.back();
        if (kind == "AEXPR_IN") {
            return wrap(get(b, "lexpr")) + (op == "<>" ? " not in (" : " in (") +
                   list_text(get(body(get(b, "rexpr")), "items")) + ")";
        }
        if (kind == "AEXPR_LIKE") op = op == "~~" ? "like" : "not like";
        if (kind == "AEXPR_ILIKE") op = op == "~~*" ? "ilike" : "not ilike";
        if (kind == "AEXPR_BETWEEN" || kind == "AEXPR_NOT_BETWEEN") {
            Json range = get(body(get(b, "rexpr")), "items");
            return wrap(get(b, "lexpr")) + (kind == "AEXPR_BETWEEN" ? " between " : " not between ") +
                   (range.size() == 2 ? expr_text(range.front()) + " and " + expr_text(range.back()) : "?");
        }
        if (kind == "AEXPR_OP_ANY") return wrap(get(b, "lexpr")) + " " + op + " any(" + expr_text(get(b, "rexpr")) + ")";
        if (kind == "AEXPR_OP_ALL") return wrap(get(b, "lexpr")) + " " + op + " all(" + expr_text(get(b, "rexpr")) + ")";
        if (kind == "AEXPR_DISTINCT") op = "is distinct from";
        if (kind == "AEXPR_NOT_DISTINCT") op = "is not distinct from";
        if (get(b, "lexpr").is_null()) return op + " " + wrap(get(b, "rexpr"));
        return wrap(get(b, "lexpr")) + " " + op + " " + wrap(get(b, "rexpr"));
    }
    if (t == "BoolExpr") {
        auto op = str(b, "boolop");
        Json args = get(b, "args");
        if (op == "NOT_EXPR") return "not " + (args.empty() ? std::string() : wrap(args.front()));
        std::string out;
        bool first = true;
        for (Json arg : args) {
            if (!first) out += op == "AND_EXPR" ? " and " : " or ";
            first = false;
            out += wrap(arg);
        }
        return out;
    }
    if (t == "NullTest") {
        return wrap(get(b, "arg")) + (str(b, "nulltesttype") == "IS_NULL" ? " is null" : " is not null");
    }
    if (t == "BooleanTest") return wrap(get(b, "arg")) + " is " + to_lower(str(b, "booltesttype").substr(3));
    if (t == "FuncCall") {
        auto names = tree::strings(get(b, "funcname"));
        std::string name = names.empty() ? "?" : names.back();
        if (tree::flag(b, "agg_star")) return name + "(*)";
        return name + "(" + list_text(get(b, "args")) + ")";
    }
    if (t == "SQLValueFunction") {
        auto op = str(b, "op");
        return to_lower(op.size() > 8 ? op.substr(8) : op);  // SVFOP_CURRENT_TIMESTAMP
    }
    if (t == "A_ArrayExpr") return "array[" + list_text(get(b, "elements")) + "]";
    if (t == "List") return "(" + list_text(get(b, "items")) + ")";
    if (t == "CoalesceExpr") return "coalesce(" + list_text(get(b, "args")) + ")";
    if (t == "RowExpr") return "(" + list_text(get(b, "args")) + ")";
    if (t == "SubLink") return "(subquery)";
    if (t == "CaseExpr") return "case";
    if (t == "String") return str(b, "sval");
    return std::string(t);
}

void collect_columns(const Json& node, std::vector<std::string>& out) {
    if (node.is_array()) {
        for (Json item : node) collect_columns(item, out);
        return;
    }
    if (!node.is_object()) return;
    if (type_of(node) == "ColumnRef") {
        auto fields = tree::strings(get(body(node), "fields"));
        if (!fields.empty()) out.push_back(fields.back());
        return;
    }
    node.for_each_member([&](std::string_view, const Json& value) {
        if (value.is_object() || value.is_array()) collect_columns(value, out);
    });
}

std::string canonical_type(const Json& type_name, bool* serial) {
    auto names = tree::strings(get(type_name, "names"));
    if (serial) *serial = false;
    if (names.empty()) return "unknown";
    std::string name = to_lower(names.back());
    if (names.size() == 1 || names.front() != "pg_catalog") {
        static const std::pair<std::string_view, std::string_view> k_aliases[] = {
            {"serial", "int4"}, {"serial4", "int4"}, {"bigserial", "int8"}, {"serial8", "int8"},
            {"smallserial", "int2"}, {"serial2", "int2"},
        };
        for (const auto& [alias, real] : k_aliases) {
            if (name == alias) {
                if (serial) *serial = true;
                return std::string(real);
            }
        }
        static const std::pair<std::string_view, std::string_view> k_names[] = {
            {"integer", "int4"}, {"int", "int4"}, {"bigint", "int8"}, {"smallint", "int2"},
            {"boolean", "bool"}, {"real", "float4"}, {"double", "float8"}, {"character", "bpchar"},
            {"char", "bpchar"}, {"character varying", "varchar"}, {"decimal", "numeric"},
        };
        for (const auto& [alias, real] : k_names)
            if (name == alias) return std::string(real);
    }
    return name;
}

}  // namespace dbsage
