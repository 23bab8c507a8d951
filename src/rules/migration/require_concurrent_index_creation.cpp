#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class RequireConcurrentIndexCreation final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"require-concurrent-index-creation", "migration", Severity::warning, "CREATE INDEX on an existing table without CONCURRENTLY", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::create_index || op.concurrently) return;
            std::string table = existing_target(sc, op);
            if (table.empty()) return;
            sink.report(st.location, "CREATE INDEX on " + table + " blocks writes while the index builds",
                        "a plain CREATE INDEX holds ShareLock, so every INSERT, UPDATE and DELETE on the table waits "
                        "for the whole build; build it CONCURRENTLY (outside a transaction block)",
                        insert_after_keyword(st.text, "index", " CONCURRENTLY"));
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_index_creation() { return std::make_unique<RequireConcurrentIndexCreation>(); }

}  // namespace dbsage::rules
