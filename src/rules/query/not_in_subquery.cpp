#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class NotInSubquery final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"not-in-subquery", "query", Severity::warning, "NOT IN over a subquery that can return NULL", k_all_engines, {}};
        return k_info;
    }

    // What a subquery's column was found to be.
    struct Source {
        const Table* table = nullptr;
        const Column* column = nullptr;  // a schema column, when one was reached
        bool never_null = false;
        std::string reason;  // why it may be NULL, when no schema column says it
    };

    static std::string last_part(const std::string& name) {
        auto dot = name.rfind('.');
        return dot == std::string::npos ? name : name.substr(dot + 1);
    }

    // Follows the column `wanted` of `sub` (its only target when empty) to
    // where its values come from: a schema column, a CTE's column, or a
    // WHERE x IS NOT NULL that keeps NULLs out. ctes: the CTEs in scope.
    static Source trace(const Schema& schema, const Query& sub, std::string wanted,
                        const std::vector<std::pair<const std::string*, const Query*>>& ctes, int depth) {
        Source out;
        if (depth > 8) return out;
        std::string target;
        for (const auto& t : sub.targets)
            if (wanted.empty() ? sub.targets.size() == 1 : last_part(t) == wanted) target = t;
        if (target.empty()) return out;
        std::string column = last_part(target);
        std::string qualifier = target.size() > column.size() ? target.substr(0, target.size() - column.size() - 1) : "";
        for (const auto& p : sub.predicates)
            if (p.op == "IS NOT NULL" && p.column == column && (p.qualifier.empty() || qualifier.empty() || p.qualifier == qualifier))
                out.never_null = true;
        auto scope = ctes;
        for (size_t i = 0; i < sub.ctes.size() && i < sub.cte_names.size(); ++i) scope.emplace_back(&sub.cte_names[i], &sub.ctes[i]);
        // The FROM item the column comes from: by its qualifier, else the
        // only one, else the only table that has such a column.
        const TableRef* from = nullptr;
        for (const auto& ref : sub.tables)
            if (qualifier.empty() ? sub.tables.size() == 1 : (ref.alias.empty() ? ref.name : ref.alias) == qualifier) from = &ref;
        if (!from && qualifier.empty()) {
            for (const auto& ref : sub.tables) {
                const Table* t = schema.find_table(ref.schema, ref.name);
                if (t && t->find_column(column)) {
                    if (from) return out;  // ambiguous
                    from = &ref;
                }
            }
        }
        if (!from) return out;
        if (from->outer_nullable) {  // an outer join may fill it with NULL: only a filter helps
            if (!out.never_null) out.reason = target + " comes from the NULL-filled side of an outer join";
            return out;
        }
        if (from->schema.empty())
            for (auto it = scope.rbegin(); it != scope.rend(); ++it)
                if (*it->first == from->name) {
                    Source inner = trace(schema, *it->second, column, scope, depth + 1);
                    inner.never_null = inner.never_null || out.never_null;
                    return inner;
                }
        out.table = schema.find_table(from->schema, from->name);
        if (out.table) out.column = out.table->find_column(column);
        if (out.column && out.column->not_null) out.never_null = true;
        return out;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.query) continue;
            std::vector<std::pair<const std::string*, const Query*>> ctes;
            for (size_t i = 0; i < st.query->ctes.size() && i < st.query->cte_names.size(); ++i)
                ctes.emplace_back(&st.query->cte_names[i], &st.query->ctes[i]);
            for_each_query(*st.query, [&](const Query& q) {
                for (const auto& p : q.predicates) {
                    if (p.op != "NOT IN" || p.operand != Predicate::Operand::subquery || p.subquery < 0) continue;
                    const Query& sub = q.subqueries[p.subquery];
                    Source source = trace(ctx.schema, sub, "", ctes, 0);
                    if (source.never_null) continue;
                    const Table* table = source.table;
                    const Column* col = source.column;
                    std::string what = col                     ? table->name + "." + col->name + " is nullable"
                                       : !source.reason.empty() ? source.reason
                                                                : "the subquery's column may be NULL";
                    std::optional<std::string> fix;
                    if (col && q.tables.size() == 1 && sub.tables.size() == 1) {
                        std::string outer = (q.tables[0].alias.empty() ? q.tables[0].name : q.tables[0].alias) + "." + p.column;
                        std::string inner_name = sub.tables[0].alias.empty() ? sub.tables[0].name : sub.tables[0].alias;
                        std::string sub_table = sub.tables[0].name + (sub.tables[0].alias.empty() ? "" : " " + sub.tables[0].alias);
                        fix = "NOT EXISTS (SELECT 1 FROM " + sub_table + " WHERE " + inner_name + "." + col->name +
                              " = " + outer + (sub.has_where ? " AND (" + sub.where_text + ")" : "") + ")";
                    }
                    sink.report(st.location_at(p.offset), p.column + " NOT IN (subquery): " + what,
                                "if the subquery returns a single NULL, NOT IN is never true and the query silently "
                                "returns no rows; it also cannot become an anti-join; use NOT EXISTS",
                                fix);
                }
            });
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_not_in_subquery() { return std::make_unique<NotInSubquery>(); }

}  // namespace dbsage::rules
