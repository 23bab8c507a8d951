#include "rules/helpers.h"
#include "rules/rule.h"

namespace dbsage::rules {
namespace {

class CountForExistence final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"count-for-existence", "query", Severity::warning,
                                     "count(*) compared with 0 counts every match to learn whether one exists", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.query) continue;
            for_each_query(*st.query, [&](const Query& q) {
                for (int offset : q.count_existence)
                    sink.report(st.location_at(offset),
                                "(SELECT count(*) …) compared with 0 or 1: every matching row is counted to learn whether there is one",
                                "use EXISTS (SELECT 1 FROM … WHERE …), which stops at the first match");
            });
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_count_for_existence() { return std::make_unique<CountForExistence>(); }

}  // namespace dbsage::rules
