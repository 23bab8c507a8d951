#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class RequireConcurrentReindex final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"require-concurrent-reindex", "migration", Severity::warning, "REINDEX without CONCURRENTLY blocks writes", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::reindex || op.concurrently || sc.existing_locks().empty()) return;
            std::optional<std::string> fix;
            if (ctx.pg_version >= 12) fix = insert_after_keyword(st.text, "reindex", " (CONCURRENTLY)");
            sink.report(st.location, "REINDEX blocks writes to " + sc.existing_locks()[0].table + " while it rebuilds",
                        ctx.pg_version >= 12 ? "use REINDEX … CONCURRENTLY (PostgreSQL 12+), outside a transaction block"
                                             : "before PostgreSQL 12, build a new index CONCURRENTLY and drop the old one",
                        fix);
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_reindex() { return std::make_unique<RequireConcurrentReindex>(); }

}  // namespace dbsage::rules
