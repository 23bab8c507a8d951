#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class PreferIdentity final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"prefer-identity", "schema", Severity::warning, "serial columns; identity columns are the standard form", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_column(ctx.schema, [&](const Table& t, const Column& c) {
            if (!c.serial) return;
            std::string type = c.type == "int8" ? "bigint" : c.type == "int2" ? "smallint" : "integer";
            sink.report(at_column(t, c), t.name + "." + c.name + " is " + display_type(c),
                        "serial creates a loose sequence whose ownership, grants and dumps surprise people; declare " +
                            c.name + " " + type + " GENERATED ALWAYS AS IDENTITY (or BY DEFAULT when the application "
                            "supplies ids)");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_identity() { return std::make_unique<PreferIdentity>(); }

}  // namespace dbsage::rules
