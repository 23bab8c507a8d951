#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class AddExclusionConstraint final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"add-exclusion-constraint", "migration", Severity::warning, "EXCLUDE constraint added to an existing table", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::add_constraint || op.constraint->kind != ConstraintKind::exclude) return;
            std::string table = existing_target(sc, op);
            if (table.empty()) return;
            sink.report(st.location, "adding an EXCLUDE constraint to " + table + " builds its index under AccessExclusiveLock",
                        "exclusion constraints cannot be added NOT VALID or from an existing index, so every read "
                        "and write waits for the build; add it when the table is created or in a maintenance window");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_add_exclusion_constraint() { return std::make_unique<AddExclusionConstraint>(); }

}  // namespace dbsage::rules
