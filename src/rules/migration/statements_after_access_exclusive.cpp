#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class StatementsAfterAccessExclusive final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"statements-after-access-exclusive", "migration", Severity::warning, "more work after taking ACCESS EXCLUSIVE in a transaction", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        std::string held_table;
        std::string file;
        bool reported = false;  // once per transaction
        for (size_t i = 0; i < ctx.statements.size() && i < ctx.migration.size(); ++i) {
            const Statement& st = ctx.statements[i];
            const StatementContext& sc = ctx.migration[i];
            if (st.location.file != file || !sc.in_transaction) {
                file = st.location.file;
                held_table.clear();
                reported = false;
            }
            if (st.txn != TxnCommand::none || st.kind == StatementKind::set || st.kind == StatementKind::invalid) {
                if (st.txn == TxnCommand::commit || st.txn == TxnCommand::rollback) {
                    held_table.clear();
                    reported = false;
                }
                continue;
            }
            if (!held_table.empty() && !reported) {
                sink.report(st.location, "this runs while the transaction still holds AccessExclusiveLock on " + held_table,
                            "every query on " + held_table + " waits until commit, including for this statement; "
                            "commit right after the exclusive step, or move it to the end of the transaction");
                reported = true;
            }
            for (const auto& lock : sc.existing_locks())
                if (lock.mode == LockMode::access_exclusive && sc.in_transaction) held_table = lock.table;
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_statements_after_access_exclusive() { return std::make_unique<StatementsAfterAccessExclusive>(); }

}  // namespace dbsage::rules
