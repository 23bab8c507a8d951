#include <fmt/format.h>

#include "rules/helpers.h"
#include "rules/rule.h"

namespace dbsage::rules {
namespace {

class LargeInList final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"large-in-list", "query", Severity::info, "IN with hundreds of literals", k_all_engines,
                                     {{"max-items", "100", "the most literals an IN list may hold before the rule fires"}}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        int max_items = ctx.options.get_int("max-items", 100);
        for (const auto& st : ctx.statements) {
            if (!st.query) continue;
            for_each_query(*st.query, [&](const Query& q) {
                for (const auto& p : q.predicates) {
                    if ((p.op != "IN" && p.op != "NOT IN") || p.operand != Predicate::Operand::list || p.list_size <= max_items) continue;
                    sink.report(st.location_at(p.offset),
                                fmt::format("{} {} a list of {} literals: every distinct list is a new statement to parse and plan, "
                                            "and a separate entry in pg_stat_statements",
                                            p.column, p.op, p.list_size),
                                ctx.dialect == Dialect::postgres
                                    ? "pass the values as one array parameter (= ANY($1)), or join to a VALUES list or a temporary table"
                                    : "join to a temporary table of the values, or send them in batches");
                }
            });
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_large_in_list() { return std::make_unique<LargeInList>(); }

}  // namespace dbsage::rules
