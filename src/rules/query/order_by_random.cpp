#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class OrderByRandom final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"order-by-random", "query", Severity::warning, "ORDER BY random() sorts the whole table", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.query) continue;
            for_each_query(*st.query, [&](const Query& q) {
                // TABLESAMPLE … ORDER BY random() shuffles a sample: the rule's own fix.
                if (q.tablesample) return;
                for (const auto& item : q.order_by) {
                    if (!item.is_random) continue;
                    std::string table = q.tables.empty() ? "the input" : q.tables[0].name;
                    sink.report(st.location_at(item.offset), "ORDER BY " + item.expression + " reads and sorts all of " + table,
                                "every call scans and sorts every row to return a few; sample with TABLESAMPLE "
                                "SYSTEM_ROWS/BERNOULLI, or pick random keys in the key range and fetch them by index");
                }
            });
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_order_by_random() { return std::make_unique<OrderByRandom>(); }

}  // namespace dbsage::rules
