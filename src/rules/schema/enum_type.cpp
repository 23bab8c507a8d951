#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class EnumType final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"enum-type", "schema", Severity::info, "enum type where a CHECK constraint is easier to change", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& e : ctx.schema.enums) {
            Location loc = e.location;
            loc.object = e.schema + "." + e.name;
            sink.report(loc, "enum type " + e.name + " (" + join(e.values, ", ") + ")",
                        "enum values cannot be removed or renamed back safely, and adding one cannot run inside a "
                        "transaction before PostgreSQL 12; a text column with CHECK (col IN (...)) or a lookup table "
                        "is easier to change");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_enum_type() { return std::make_unique<EnumType>(); }

}  // namespace dbsage::rules
