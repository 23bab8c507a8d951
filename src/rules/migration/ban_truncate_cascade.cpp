#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class BanTruncateCascade final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"ban-truncate-cascade", "migration", Severity::error, "TRUNCATE … CASCADE empties every referencing table too", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext&, const DdlOp& op) {
            if (op.kind != DdlKind::truncate || !op.cascade) return;
            sink.report(st.location, "TRUNCATE " + op.table + " CASCADE also empties every table that references it",
                        "CASCADE follows foreign keys recursively and can wipe far more than intended; truncate the "
                        "tables you mean by name");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_truncate_cascade() { return std::make_unique<BanTruncateCascade>(); }

}  // namespace dbsage::rules
