#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class TransactionNesting final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"transaction-nesting", "migration", Severity::warning, "BEGIN inside a transaction", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (size_t i = 0; i < ctx.statements.size() && i < ctx.migration.size(); ++i) {
            const Statement& st = ctx.statements[i];
            const StatementContext& sc = ctx.migration[i];
            bool nested = st.txn == TxnCommand::begin && sc.in_transaction;
            bool stray = (st.txn == TxnCommand::commit || st.txn == TxnCommand::rollback) && !sc.explicit_transaction &&
                         sc.in_transaction;
            if (!nested && !stray) continue;
            sink.report(st.location,
                        nested ? (sc.explicit_transaction ? "BEGIN inside an open transaction"
                                                          : "BEGIN in a file the runner already wraps in a transaction")
                               : "COMMIT/ROLLBACK ends the transaction the runner opened",
                        "PostgreSQL only warns and carries on, so statements meant to be atomic are not; let either "
                        "the file or the migration runner manage the transaction, not both");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_transaction_nesting() { return std::make_unique<TransactionNesting>(); }

}  // namespace dbsage::rules
