#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class CreateIndexOnPg14CorruptionVersions final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"create-index-on-pg14-corruption-versions", "migration", Severity::warning, "CONCURRENTLY index builds on PostgreSQL 14.0–14.3", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        if (ctx.pg_version != 14) return;
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext&, const DdlOp& op) {
            bool concurrent_build = op.concurrently && (op.kind == DdlKind::create_index || op.kind == DdlKind::reindex);
            if (!concurrent_build) return;
            sink.report(st.location, "CREATE INDEX / REINDEX CONCURRENTLY on PostgreSQL 14 before 14.4 can corrupt the index",
                        "a bug in 14.0–14.3 could miss rows written during the build; make sure the server runs 14.4 "
                        "or later (and run amcheck on indexes built on the affected versions)");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_create_index_on_pg14_corruption_versions() { return std::make_unique<CreateIndexOnPg14CorruptionVersions>(); }

}  // namespace dbsage::rules
