#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class RequireEnumValueOrdering final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"require-enum-value-ordering", "migration", Severity::info, "ALTER TYPE … ADD VALUE without BEFORE or AFTER", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext&, const DdlOp& op) {
            if (op.kind != DdlKind::add_enum_value || !op.text.empty()) return;
            sink.report(st.location, "enum value '" + op.new_name + "' is added at the end of " + op.table,
                        "enum values sort in declaration order, and the order cannot be changed later; say where the "
                        "value belongs with BEFORE or AFTER");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_enum_value_ordering() { return std::make_unique<RequireEnumValueOrdering>(); }

}  // namespace dbsage::rules
