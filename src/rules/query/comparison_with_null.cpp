#include <fmt/format.h>

#include "rules/helpers.h"
#include "rules/rule.h"

namespace dbsage::rules {
namespace {

class ComparisonWithNull final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"comparison-with-null", "query", Severity::error, "= NULL or <> NULL is never true", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.query) continue;
            for_each_query(*st.query, [&](const Query& q) {
                auto consider = [&](const Predicate& p) {
                    bool equal = p.op == "=";
                    if ((!equal && p.op != "<>" && p.op != "!=") || p.operand != Predicate::Operand::constant || p.value != "null") return;
                    std::string column = (p.qualifier.empty() ? "" : p.qualifier + ".") + p.column;
                    sink.report(st.location_at(p.offset),
                                fmt::format("{} {} NULL is never true (it is NULL): the condition matches no row", column, p.op),
                                "NULL is not a value to compare with; test it with IS NULL / IS NOT NULL",
                                column + (equal ? " IS NULL" : " IS NOT NULL"));
                };
                for (const auto& p : q.predicates) consider(p);
                for (const auto& p : q.join_conditions) consider(p);
                for (const auto& group : q.or_groups)
                    for (const auto& p : group) consider(p);
            });
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_comparison_with_null() { return std::make_unique<ComparisonWithNull>(); }

}  // namespace dbsage::rules
