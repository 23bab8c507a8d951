#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class RedundantIndex final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"redundant-index", "schema", Severity::warning, "a btree index is a leading prefix of another", k_all_engines, {}};
        return k_info;
    }

    static bool same_key(const IndexKey& a, const IndexKey& b) {
        return a.column == b.column && a.expression == b.expression && a.descending == b.descending;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            for (const auto& small : t.indexes) {
                if (small.method != "btree" || small.unique || !small.constraint.empty()) continue;
                for (const auto& big : t.indexes) {
                    if (&big == &small || big.method != "btree" || big.predicate != small.predicate) continue;
                    if (big.keys.size() <= small.keys.size()) continue;
                    if (!std::equal(small.keys.begin(), small.keys.end(), big.keys.begin(), same_key)) continue;
                    sink.report(at_index(t, small),
                                "index " + small.name + " is a prefix of " + big.name + " on " + t.name,
                                big.name + " serves every lookup " + small.name +
                                    " serves; drop the shorter one unless its smaller size is measured to matter",
                                drop_index_sql(ctx.dialect, t, small));
                    break;
                }
            }
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_redundant_index() { return std::make_unique<RedundantIndex>(); }

}  // namespace dbsage::rules
