#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class RenameEnumValue final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"rename-enum-value", "migration", Severity::warning, "renaming an enum value breaks code that uses the old one", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext&, const DdlOp& op) {
            if (op.kind != DdlKind::rename_enum_value) return;
            sink.report(st.location, "renaming value '" + op.name + "' of enum " + op.table + " to '" + op.new_name + "'",
                        "running code that writes or compares the old value fails at once; add the new value, move "
                        "the code and the data, and stop using the old value instead");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_rename_enum_value() { return std::make_unique<RenameEnumValue>(); }

}  // namespace dbsage::rules
