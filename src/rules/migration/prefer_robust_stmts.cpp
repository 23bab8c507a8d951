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

    // The spelling that survives a re-run, or "" when the statement already
    // has it (or running it twice is harmless).
    static std::string robust_form(const DdlOp& op) {
        switch (op.kind) {
            case DdlKind::create_table: return op.if_not_exists ? "" : "CREATE TABLE IF NOT EXISTS";
            case DdlKind::create_index: return op.if_not_exists ? "" : "CREATE INDEX IF NOT EXISTS";
            case DdlKind::add_column: return op.if_not_exists ? "" : "ADD COLUMN IF NOT EXISTS";
            case DdlKind::drop_table: return op.if_exists ? "" : "DROP TABLE IF EXISTS";
            case DdlKind::drop_index: return op.if_exists ? "" : "DROP INDEX IF EXISTS";
            case DdlKind::drop_column: return op.if_exists ? "" : "DROP COLUMN IF EXISTS";
            case DdlKind::drop_constraint: return op.if_exists ? "" : "DROP CONSTRAINT IF EXISTS";
            case DdlKind::drop_view: return op.if_exists ? "" : "DROP VIEW IF EXISTS";
            case DdlKind::drop_type: return op.if_exists ? "" : "DROP TYPE IF EXISTS";
            case DdlKind::drop_trigger: return op.if_exists ? "" : "DROP TRIGGER IF EXISTS";
            case DdlKind::create_view: return op.replace || op.view->materialized ? "" : "CREATE OR REPLACE VIEW";
            case DdlKind::create_trigger: return "CREATE OR REPLACE TRIGGER (PostgreSQL 14 and later)";
            case DdlKind::create_policy: return "DROP POLICY IF EXISTS before CREATE POLICY";
            // No IF NOT EXISTS form: catch the duplicate in a DO block.
            case DdlKind::add_constraint:
            case DdlKind::create_enum:
            case DdlKind::create_domain: return "a DO block that ignores duplicate_object";
            default: return "";
        }
    }

    static std::string do_block(const Statement& st) {
        return "DO $$\nBEGIN\n    " + statement_body(st.text) +
               ";\nEXCEPTION WHEN duplicate_object OR duplicate_table THEN NULL;\nEND $$;";
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (sc.in_transaction) return;  // a failed transaction leaves nothing half-done
            std::string form = robust_form(op);
            if (form.empty()) return;
            bool needs_block = form.rfind("a DO block", 0) == 0;
            // A DO block catches errors only for the statement it wraps: one per statement.
            if (needs_block && st.ddl.size() > 1 && &op != &st.ddl.front()) return;
            sink.report(st.location, "this statement fails if the migration is run again after a partial failure",
                        "outside a transaction, an error halfway leaves the earlier statements applied; write " + form +
                            " so a re-run can finish the job",
                        needs_block ? std::optional<std::string>(do_block(st)) : std::nullopt);
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_robust_stmts() { return std::make_unique<PreferRobustStmts>(); }

}  // namespace dbsage::rules
