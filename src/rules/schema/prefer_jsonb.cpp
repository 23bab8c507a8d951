#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class PreferJsonb final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"prefer-jsonb", "schema", Severity::warning, "json instead of jsonb", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_column(ctx.schema, [&](const Table& t, const Column& c) {
            if (c.type != "json") return;
            sink.report(at_column(t, c), t.name + "." + c.name + " is json",
                        "json keeps the raw text and reparses it on every access, cannot be indexed with GIN and "
                        "has no equality operator; use jsonb unless key order or duplicate keys must be kept",
                        alter_type_fix(t, c, c.is_array ? "jsonb[]" : "jsonb"));
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_jsonb() { return std::make_unique<PreferJsonb>(); }

}  // namespace dbsage::rules
