#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class FkWithoutIndex final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"fk-without-index", "schema", Severity::warning, "foreign key columns have no index", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            for (const auto& fk : t.constraints) {
                if (fk.kind != ConstraintKind::foreign_key) continue;
                bool covered = std::any_of(t.indexes.begin(), t.indexes.end(),
                                           [&](const Index& i) { return index_covers(i, fk.columns); });
                if (covered) continue;
                Location loc = at_constraint(t, fk);
                loc.object = t.qualified() + "." + join(fk.columns, ",");
                std::vector<std::string> quoted;
                for (const auto& c : fk.columns) quoted.push_back(quote_ident(c));
                std::string name = t.name + "_" + join(fk.columns, "_") + "_idx";
                sink.report(loc,
                            "foreign key " + t.name + "(" + join(fk.columns, ", ") + ") -> " + fk.ref_table +
                                " has no index on its columns",
                            "deletes and key updates on " + fk.ref_table + " scan all of " + t.name +
                                " to check references, and joins on the key cannot use an index; index the columns",
                            create_index_sql(ctx.dialect, t, name, join(quoted, ", ")));
            }
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_fk_without_index() { return std::make_unique<FkWithoutIndex>(); }

}  // namespace dbsage::rules
