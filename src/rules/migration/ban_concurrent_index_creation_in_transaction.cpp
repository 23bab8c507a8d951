#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class BanConcurrentIndexCreationInTransaction final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"ban-concurrent-index-creation-in-transaction", "migration", Severity::error, "CONCURRENTLY inside a transaction block fails", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            bool concurrent = op.concurrently && (op.kind == DdlKind::create_index || op.kind == DdlKind::drop_index ||
                                                  op.kind == DdlKind::reindex || op.kind == DdlKind::detach_partition);
            if (!concurrent || !sc.in_transaction) return;
            sink.report(st.location,
                        std::string("CONCURRENTLY cannot run inside a transaction block") +
                            (sc.explicit_transaction ? "" : " (the runner wraps this file in one)"),
                        "PostgreSQL rejects it with \"cannot run inside a transaction block\"; put this statement in "
                        "its own migration that runs outside a transaction (e.g. disable_ddl_transaction! in Rails, "
                        "atomic = False in Django, -- squawk/flyway: executeInTransaction=false)");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_concurrent_index_creation_in_transaction() { return std::make_unique<BanConcurrentIndexCreationInTransaction>(); }

}  // namespace dbsage::rules
