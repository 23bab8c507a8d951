#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class PreferRepack final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"prefer-repack", "migration", Severity::warning, "VACUUM FULL and CLUSTER lock the table while they rewrite it", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::vacuum_full && op.kind != DdlKind::cluster) return;
            std::string what = op.kind == DdlKind::vacuum_full ? "VACUUM FULL" : "CLUSTER";
            sink.report(st.location, what + " rewrites " + (op.table.empty() ? std::string("tables") : op.table) +
                                         " under AccessExclusiveLock",
                        "reads and writes wait for the whole rewrite; use pg_repack (or pg_squeeze), which rebuilds "
                        "the table online and takes the exclusive lock only briefly at the end");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_repack() { return std::make_unique<PreferRepack>(); }

}  // namespace dbsage::rules
