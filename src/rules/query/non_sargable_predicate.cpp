#include <fmt/format.h>

#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

// Casts an index on the column still serves: PostgreSQL prints varchar
// compared with text as a cast to text, and the cast is binary-coercible.
bool harmless_cast(const std::string& type) {
    static const char* k_text[] = {"text", "varchar", "character varying", "bpchar", "character", "name", "citext"};
    return std::any_of(std::begin(k_text), std::end(k_text), [&](const char* t) { return to_lower(type) == t; });
}

std::string squeeze(const std::string& text) {
    std::string out;
    for (char c : to_lower(text))
        if (c != ' ' && c != '(' && c != ')') out += c;
    return out;
}

bool has_expression_index(const Table& t, const std::string& expression) {
    for (const auto& index : t.indexes)
        if (!index.keys.empty() && !index.keys[0].expression.empty() && squeeze(index.keys[0].expression) == squeeze(expression))
            return true;
    return false;
}

bool is_date_truncation(const std::string& expression, const std::string& cast) {
    std::string e = to_lower(expression);
    return cast == "date" || e.rfind("date(", 0) == 0 || e.rfind("date_trunc(", 0) == 0 || e.find("::date") != std::string::npos;
}

class NonSargablePredicate final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"non-sargable-predicate", "query", Severity::warning,
                                     "A function or cast on a column in a condition keeps its index from serving it", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.query) continue;
            for_each_query(*st.query, [&](const Query& q) {
                for (const auto& p : q.expression_predicates) consider(ctx, st, q, p, p.expression, sink);
                for (const auto& p : q.predicates)
                    if (!p.cast.empty() && !harmless_cast(p.cast)) consider(ctx, st, q, p, p.column + "::" + p.cast, sink);
            });
        }
    }

private:
    static void consider(const Context& ctx, const Statement& st, const Query& q, const Predicate& p, const std::string& expression,
                         FindingSink& sink) {
        static const char* k_comparisons[] = {"=", "<", ">", "<=", ">=", "IN", "BETWEEN", "LIKE", "ILIKE"};
        if (std::none_of(std::begin(k_comparisons), std::end(k_comparisons), [&](const char* op) { return p.op == op; })) return;
        if (p.column.empty() || p.column == "*" || p.column == "(subquery)") return;
        const Table* t = table_of_column(ctx.schema, q, p.qualifier, p.column);
        if (t) {
            if (has_expression_index(*t, expression)) return;  // the index on the expression serves it
            if (known_small_table(t)) return;
            if (!p.cast.empty() && !leads_an_index(*t, p.column)) return;  // no index to lose
        }
        std::string column = (p.qualifier.empty() ? "" : p.qualifier + ".") + p.column;
        std::string help;
        std::optional<std::string> fix;
        if (is_date_truncation(expression, p.cast)) {
            help = fmt::format("compare the column itself with a range: {} >= d AND {} < d + interval '1 day' "
                               "(an index on {} serves that), or index the expression",
                               column, column, p.column);
            if (p.op == "=" && p.operand == Predicate::Operand::constant)
                fix = ctx.dialect == Dialect::mysql
                          ? fmt::format("{} >= {} AND {} < {} + INTERVAL 1 DAY", column, p.value, column, p.value)
                      : ctx.dialect == Dialect::sqlite
                          ? fmt::format("{} >= {} AND {} < date({}, '+1 day')", column, p.value, column, p.value)
                          : fmt::format("{} >= {} AND {} < {}::date + 1", column, p.value, column, p.value);
        } else if (expression.find('+') != std::string::npos || expression.find('-') != std::string::npos ||
                   expression.find('*') != std::string::npos) {
            help = fmt::format("move the arithmetic to the other side so {} stands alone, or index the expression", column);
        } else {
            help = "index the expression itself, so the condition can use it";
            if (t && ctx.dialect != Dialect::mysql)
                fix = create_index_sql(ctx.dialect, *t, t->name + "_" + p.column + "_expr_idx", "(" + expression + ")");
        }
        sink.report(st.location_at(p.offset),
                    fmt::format("{} {} …: the condition is on an expression of {}, which a plain index on {} cannot serve",
                                expression, p.op, column, p.column),
                    help, fix);
    }
};

}  // namespace

std::unique_ptr<Rule> make_non_sargable_predicate() { return std::make_unique<NonSargablePredicate>(); }

}  // namespace dbsage::rules
