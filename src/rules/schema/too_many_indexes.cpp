#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class TooManyIndexes final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"too-many-indexes", "schema", Severity::warning, "a table has more indexes than the configured maximum", k_all_engines, {{"max", "10", "the most indexes a table may have"}}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        int max = ctx.options.get_int("max", 10);
        for_each_table(ctx.schema, [&](const Table& t) {
            if (static_cast<int>(t.indexes.size()) <= max) return;
            sink.report(at_table(t),
                        "table " + t.qualified() + " has " + std::to_string(t.indexes.size()) + " indexes (max " +
                            std::to_string(max) + ")",
                        "every insert and update maintains every index; look for unused, duplicate and prefix "
                        "indexes and drop them");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_too_many_indexes() { return std::make_unique<TooManyIndexes>(); }

}  // namespace dbsage::rules
