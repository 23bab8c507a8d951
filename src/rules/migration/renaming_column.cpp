#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class RenamingColumn final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"renaming-column", "migration", Severity::warning, "renaming a column breaks running application code", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::rename_column) return;
            std::string table = existing_target(sc, op);
            if (table.empty()) return;
            sink.report(st.location, "renaming " + table + "." + op.name + " to " + op.new_name,
                        "application instances still running the old code fail on the old name the moment this "
                        "commits; add the new column, write both, backfill, move readers, then drop the old one");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_renaming_column() { return std::make_unique<RenamingColumn>(); }

}  // namespace dbsage::rules
