#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class RenamingTable final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"renaming-table", "migration", Severity::warning, "renaming a table breaks running application code", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::rename_table) return;
            std::string table = existing_target(sc, op);
            if (table.empty()) return;
            sink.report(st.location, "renaming " + table + " to " + op.new_name,
                        "running application code still queries the old name; create the new table (or a view "
                        "with the old name over the renamed table) and move readers and writers first");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_renaming_table() { return std::make_unique<RenamingTable>(); }

}  // namespace dbsage::rules
