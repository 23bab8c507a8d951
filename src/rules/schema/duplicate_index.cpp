#include <algorithm>
#include <map>
#include <tuple>

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

    // Which of two duplicates to keep, lowest first, so the choice does not
    // depend on the order the indexes were read in (script, dump or catalog):
    // the one enforcing a constraint, then a unique one, then the one with the
    // name PostgreSQL would give it, then the alphabetically first.
    static std::tuple<int, int, int, std::string> keep_rank(const Table& t, const Index& i) {
        std::string conventional = t.name;
        for (const auto& k : i.keys) conventional += "_" + (k.column.empty() ? std::string("expr") : k.column);
        conventional += "_idx";
        return {i.constraint.empty() ? 1 : 0, i.unique ? 0 : 1, i.name == conventional ? 0 : 1, i.name};
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            // Group identical indexes; keep the best of each group, report every other one once.
            std::map<std::string, std::vector<const Index*>> groups;
            for (const auto& i : t.indexes) groups[signature(i)].push_back(&i);
            for (auto& [sig, same] : groups) {
                if (same.size() < 2) continue;
                std::sort(same.begin(), same.end(),
                          [&](const Index* a, const Index* b) { return keep_rank(t, *a) < keep_rank(t, *b); });
                const Index& kept = *same.front();
                for (size_t k = 1; k < same.size(); ++k) {
                    const Index& dup = *same[k];
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
