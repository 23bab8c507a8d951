#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class RequireConcurrentPartitionDetach final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"require-concurrent-partition-detach", "migration", Severity::warning, "DETACH PARTITION without CONCURRENTLY", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::detach_partition || op.concurrently) return;
            std::string table = existing_target(sc, op);
            if (table.empty()) return;
            std::optional<std::string> fix;
            if (ctx.pg_version >= 14) {
                std::string body = statement_body(st.text);
                fix = body + " CONCURRENTLY;";
            }
            sink.report(st.location, "DETACH PARTITION takes AccessExclusiveLock on " + table,
                        ctx.pg_version >= 14 ? "from PostgreSQL 14, DETACH PARTITION … CONCURRENTLY takes only "
                                               "ShareUpdateExclusiveLock (run it outside a transaction block)"
                                             : "every query on the partitioned table waits; schedule it for a quiet moment",
                        fix);
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_partition_detach() { return std::make_unique<RequireConcurrentPartitionDetach>(); }

}  // namespace dbsage::rules
