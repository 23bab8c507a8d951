#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class PreferTextField final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"prefer-text-field", "schema", Severity::info, "varchar(n) where text with a CHECK is easier to change", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_column(ctx.schema, [&](const Table& t, const Column& c) {
            if (c.type != "varchar" || c.typmods.empty()) return;
            sink.report(at_column(t, c), t.name + "." + c.name + " is " + display_type(c),
                        "varchar(n) and text perform the same in PostgreSQL; raising n later is cheap but lowering "
                        "it rewrites the table; prefer text, with CHECK (length(" + c.name + ") <= " +
                            std::to_string(c.typmods[0]) + ") if the limit is a business rule");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_text_field() { return std::make_unique<PreferTextField>(); }

}  // namespace dbsage::rules
