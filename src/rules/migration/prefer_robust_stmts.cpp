#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class PreferRobustStmts final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"prefer-robust-stmts", "migration", Severity::info, "statement that fails when re-run, outside a transaction", k_postgres, {}, false};
        return k_info;
    }

    static std::string robust_form(const DdlOp& op) {
        switch (op.kind) {
            case DdlKind::create_table: return op.if_not_exists ? "" : "CREATE TABLE IF NOT EXISTS";
            case DdlKind::create_index: return op.if_not_exists ? "" : "CREATE INDEX IF NOT EXISTS";
            case DdlKind::add_column: return op.if_not_exists ? "" : "ADD COLUMN IF NOT EXISTS";
            case DdlKind::drop_table: return op.if_exists ? "" : "DROP TABLE IF EXISTS";
            case DdlKind::drop_index: return op.if_exists ? "" : "DROP INDEX IF EXISTS";
            case DdlKind::drop_column: return op.if_exists ? "" : "DROP COLUMN IF EXISTS";
            case DdlKind::drop_constraint: return op.if_exists ? "" : "DROP CONSTRAINT IF EXISTS";
            default: return "";
        }
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (sc.in_transaction) return;  // a failed transaction leaves nothing half-done
            std::string form = robust_form(op);
            if (form.empty()) return;
            sink.report(st.location, "this statement fails if the migration is run again after a partial failure",
                        "outside a transaction, an error halfway leaves the earlier statements applied; write " + form +
                            " so a re-run can finish the job");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_robust_stmts() { return std::make_unique<PreferRobustStmts>(); }

}  // namespace dbsage::rules
