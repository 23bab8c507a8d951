#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class ChangingColumnType final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"changing-column-type", "migration", Severity::warning, "ALTER COLUMN TYPE that rewrites the table", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::alter_column_type) return;
            std::string table = existing_target(sc, op);
            if (table.empty()) return;
            bool rewrites = std::find(sc.effects.rewrites.begin(), sc.effects.rewrites.end(), table) != sc.effects.rewrites.end();
            if (!rewrites) return;
            sink.report(st.location, "changing the type of " + table + "." + op.name + " to " + display_type(*op.column) +
                                         " rewrites the table",
                        "the table and all its indexes are rewritten under AccessExclusiveLock; add a new column, "
                        "backfill it in batches, switch readers and writers, then drop the old one");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_changing_column_type() { return std::make_unique<ChangingColumnType>(); }

}  // namespace dbsage::rules
