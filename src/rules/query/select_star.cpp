#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class SelectStar final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"select-star", "query", Severity::warning, "SELECT * in application queries", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.query || st.kind == StatementKind::create_view) continue;
            auto visit = [&](const Query& q) {
                if (!q.select_star) return;
                sink.report(st.location_at(q.star_offset), "query selects * from " +
                                (q.tables.empty() ? std::string("its source") : q.tables[0].name),
                            "* reads every column (defeating index-only scans and TOAST skipping) and breaks callers "
                            "when columns are added or reordered; name the columns you need");
            };
            visit(*st.query);
            for (const auto& cte : st.query->ctes) visit(cte);
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_select_star() { return std::make_unique<SelectStar>(); }

}  // namespace dbsage::rules
