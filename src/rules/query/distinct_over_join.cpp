#include <fmt/format.h>

#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"

namespace dbsage::rules {
namespace {

class DistinctOverJoin final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"distinct-over-join", "query", Severity::info, "DISTINCT removes the duplicates a join made",
                                     k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.query) continue;
            for_each_query(*st.query, [&](const Query& q) {
                if (!q.distinct || q.tables.size() < 2 || q.targets.empty()) return;
                // Every selected column from one table: the others were joined only to filter.
                std::string side;
                for (const auto& target : q.targets) {
                    auto dot = target.find('.');
                    if (dot == std::string::npos) return;  // unqualified: cannot tell the side
                    std::string qualifier = target.substr(0, dot);
                    if (!side.empty() && qualifier != side) return;
                    side = qualifier;
                }
                if (std::none_of(q.tables.begin(), q.tables.end(), [&](const TableRef& r) { return ref_name(r) == side; })) return;
                sink.report(st.location,
                            fmt::format("SELECT DISTINCT of {}'s columns over a join: the join multiplies {}'s rows and DISTINCT "
                                        "sorts or hashes them all to remove the copies",
                                        side, side),
                            "keep the join out of the row count: SELECT " + side +
                                ".… FROM it WHERE EXISTS (SELECT 1 FROM the other table WHERE the join condition)");
            });
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_distinct_over_join() { return std::make_unique<DistinctOverJoin>(); }

}  // namespace dbsage::rules
