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

    // The schema column a subquery selects, when it selects one plain column of one table.
    static const Column* subquery_column(const Schema& schema, const Query& sub, const Table** table) {
        if (sub.tables.size() != 1 || sub.targets.size() != 1) return nullptr;
        *table = schema.find_table(sub.tables[0].schema, sub.tables[0].name);
        if (!*table) return nullptr;
        std::string target = sub.targets[0];
        auto dot = target.rfind('.');
        if (dot != std::string::npos) target = target.substr(dot + 1);
        return (*table)->find_column(target);
    }

    // The subquery keeps NULLs out itself: WHERE x IS NOT NULL on the column it selects.
    static bool filters_nulls(const Query& sub) {
        if (sub.targets.size() != 1) return false;
        std::string target = sub.targets[0];
        auto dot = target.rfind('.');
        std::string column = dot == std::string::npos ? target : target.substr(dot + 1);
        for (const auto& p : sub.predicates)
            if (p.op == "IS NOT NULL" && p.column == column) return true;
        return false;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.query) continue;
            for_each_query(*st.query, [&](const Query& q) {
                for (const auto& p : q.predicates) {
                    if (p.op != "NOT IN" || p.operand != Predicate::Operand::subquery || p.subquery < 0) continue;
                    const Query& sub = q.subqueries[p.subquery];
                    const Table* table = nullptr;
                    const Column* col = subquery_column(ctx.schema, sub, &table);
                    if (col && col->not_null) continue;
                    if (filters_nulls(sub)) continue;
                    std::string what = col ? table->name + "." + col->name + " is nullable"
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
