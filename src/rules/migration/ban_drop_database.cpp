#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class BanDropDatabase final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"ban-drop-database", "migration", Severity::error, "DROP DATABASE in a migration", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext&, const DdlOp& op) {
            if (op.kind != DdlKind::drop_database) return;
            sink.report(st.location, "dropping database " + op.name,
                        "a migration should never destroy a whole database; do it by hand if it is really meant");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_database() { return std::make_unique<BanDropDatabase>(); }

}  // namespace dbsage::rules
