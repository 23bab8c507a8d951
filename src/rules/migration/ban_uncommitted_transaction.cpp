#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class BanUncommittedTransaction final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"ban-uncommitted-transaction", "migration", Severity::error, "a file leaves a transaction open", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (size_t i = 0; i < ctx.statements.size() && i < ctx.migration.size(); ++i) {
            bool last_of_file = i + 1 == ctx.statements.size() ||
                                ctx.statements[i + 1].location.file != ctx.statements[i].location.file;
            if (!last_of_file) continue;
            const Statement& st = ctx.statements[i];
            int depth = ctx.migration[i].transaction_depth;
            if (st.txn == TxnCommand::begin) ++depth;
            if (st.txn == TxnCommand::commit || st.txn == TxnCommand::rollback) depth = 0;
            if (depth == 0) continue;
            sink.report(st.location, "the file ends inside the transaction it began",
                        "whatever runs next joins this transaction, and the changes are lost if the session ends; "
                        "finish with COMMIT",
                        "COMMIT;");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_uncommitted_transaction() { return std::make_unique<BanUncommittedTransaction>(); }

}  // namespace dbsage::rules
