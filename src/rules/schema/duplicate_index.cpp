#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class DuplicateIndex final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"duplicate-index", "schema", Severity::warning, "two indexes with the same definition", k_all_engines, {}};
        return k_info;
    }

    static std::string signature(const Index& i) {
        std::string s = i.method + "|" + i.predicate + "|";
        for (const auto& k : i.keys) s += (k.column.empty() ? k.expression : k.column) + (k.descending ? " desc," : ",");
        return s + "|" + join(i.include, ",");
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            for (size_t a = 0; a < t.indexes.size(); ++a) {
                for (size_t b = a + 1; b < t.indexes.size(); ++b) {
                    const Index& first = t.indexes[a];
                    const Index& second = t.indexes[b];
                    if (signature(first) != signature(second)) continue;
                    // Keep the one that enforces something: a constraint, then uniqueness.
                    bool drop_first = (!first.constraint.empty() ? 2 : first.unique ? 1 : 0) <
                                      (!second.constraint.empty() ? 2 : second.unique ? 1 : 0);
                    const Index& dup = drop_first ? first : second;
                    const Index& kept = drop_first ? second : first;
                    if (!dup.constraint.empty()) continue;  // two constraints: a schema change, not an index drop
                    sink.report(at_index(t, dup), "index " + dup.name + " duplicates " + kept.name + " on " + t.name,
                                "every write maintains both and they take twice the cache; drop the duplicate",
                                drop_index_sql(ctx.dialect, t, dup));
                }
            }
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_duplicate_index() { return std::make_unique<DuplicateIndex>(); }

}  // namespace dbsage::rules
