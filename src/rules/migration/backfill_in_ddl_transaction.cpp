#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class BackfillInDdlTransaction final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"backfill-in-ddl-transaction", "migration", Severity::warning, "whole-table UPDATE/DELETE in a transaction that also changes schema", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (size_t i = 0; i < ctx.statements.size() && i < ctx.migration.size(); ++i) {
            const Statement& st = ctx.statements[i];
            const StatementContext& sc = ctx.migration[i];
            if ((st.kind != StatementKind::update && st.kind != StatementKind::delete_) || !st.query ||
                st.query->has_where || !sc.in_transaction)
                continue;
            std::string table = sc.existing_locks().empty() ? "" : sc.existing_locks()[0].table;
            if (table.empty()) continue;
            bool has_ddl = false;
            for (size_t j = 0; j < ctx.statements.size(); ++j)
                if (ctx.statements[j].location.file == st.location.file && !ctx.statements[j].ddl.empty() &&
                    ctx.migration[j].in_transaction)
                    has_ddl = true;
            if (!has_ddl) continue;
            sink.report(st.location, "backfilling all of " + table + " inside a schema-changing transaction",
                        "the transaction keeps its DDL locks while every row is updated, and all row locks until "
                        "commit; backfill in a separate migration, in batches of a few thousand rows by key range");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_backfill_in_ddl_transaction() { return std::make_unique<BackfillInDdlTransaction>(); }

}  // namespace dbsage::rules
