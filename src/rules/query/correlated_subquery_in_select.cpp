#include <fmt/format.h>

#include <set>

#include "rules/helpers.h"
#include "rules/rule.h"

namespace dbsage::rules {
namespace {

class CorrelatedSubqueryInSelect final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"correlated-subquery-in-select", "query", Severity::warning,
                                     "A subquery in the select list runs once per row", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.query) continue;
            for_each_query(*st.query, [&](const Query& q) {
                std::set<std::string> outer;
                for (const auto& ref : q.tables) outer.insert(ref_name(ref));
                for (size_t i : q.target_subqueries) {
                    const Query& sub = q.subqueries[i];
                    std::string reference = outer_reference(sub, outer);
                    if (reference.empty()) continue;
                    sink.report(st.location,
                                fmt::format("the subquery in the select list refers to {} of the outer query: it runs once for "
                                            "every row the query returns",
                                            reference),
                                "join the rows once instead: a LEFT JOIN to a grouped derived table, or LEFT JOIN LATERAL "
                                "(PostgreSQL, MySQL 8) for a top-n per row");
                }
            });
        }
    }

private:
    // "o.customer_id" when a condition of sub names a table of the outer level it does not read itself.
    static std::string outer_reference(const Query& sub, const std::set<std::string>& outer) {
        std::set<std::string> own;
        for (const auto& ref : sub.tables) own.insert(ref_name(ref));
        auto check = [&](const std::string& qualifier, const std::string& column) -> std::string {
            return !qualifier.empty() && outer.count(qualifier) && !own.count(qualifier) ? qualifier + "." + column : "";
        };
        for (const auto* list : {&sub.predicates, &sub.join_conditions, &sub.expression_predicates})
            for (const auto& p : *list) {
                if (auto r = check(p.qualifier, p.column); !r.empty()) return r;
                if (auto r = check(p.other_qualifier, p.other_column); !r.empty()) return r;
            }
        return "";
    }
};

}  // namespace

std::unique_ptr<Rule> make_correlated_subquery_in_select() { return std::make_unique<CorrelatedSubqueryInSelect>(); }

}  // namespace dbsage::rules
