#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class MultipleAlterTable final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"multiple-alter-table", "migration", Severity::info, "several ALTER TABLE statements on one table that could be one", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        // Consecutive ALTER TABLEs of the same existing table each wait for
        // AccessExclusiveLock; one statement waits once.
        for (size_t i = 1; i < ctx.statements.size() && i < ctx.migration.size(); ++i) {
            const Statement& prev = ctx.statements[i - 1];
            const Statement& st = ctx.statements[i];
            if (st.kind != StatementKind::alter_table || prev.kind != StatementKind::alter_table) continue;
            if (st.location.file != prev.location.file || st.ddl.empty() || prev.ddl.empty()) continue;
            std::string table = existing_target(ctx.migration[i], st.ddl.front());
            if (table.empty() || table != existing_target(ctx.migration[i - 1], prev.ddl.front())) continue;
            if (ctx.migration[i].in_transaction) continue;  // one transaction already takes the lock once
            // Only two exclusive steps gain from merging: ADD … NOT VALID then
            // VALIDATE must stay apart, or the validation runs under the exclusive lock.
            auto exclusive = [&](size_t k) {
                for (const auto& lock : ctx.migration[k].existing_locks())
                    if (lock.table == table && lock.mode == LockMode::access_exclusive) return true;
                return false;
            };
            if (!exclusive(i) || !exclusive(i - 1)) continue;
            sink.report(st.location, "another ALTER TABLE of " + table + " right after the previous one",
                        "outside a transaction each statement queues for AccessExclusiveLock again; combine the "
                        "changes into one ALTER TABLE with comma-separated actions");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_multiple_alter_table() { return std::make_unique<MultipleAlterTable>(); }

}  // namespace dbsage::rules
