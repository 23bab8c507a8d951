#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class RequireConcurrentIndexDeletion final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"require-concurrent-index-deletion", "migration", Severity::warning, "DROP INDEX without CONCURRENTLY", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::drop_index || op.concurrently) return;
            std::string table = !sc.existing_locks().empty() ? sc.existing_locks()[0].table
                              : !sc.effects.unknown_indexes.empty() ? "the table of " + sc.effects.unknown_indexes[0]
                              : std::string();
            if (table.empty()) return;
            sink.report(st.location, "DROP INDEX takes AccessExclusiveLock on " + table,
                        "reads and writes of the table wait until the drop can take its lock and finishes; drop it "
                        "CONCURRENTLY (outside a transaction block)",
                        insert_after_keyword(st.text, "index", " CONCURRENTLY"));
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_index_deletion() { return std::make_unique<RequireConcurrentIndexDeletion>(); }

}  // namespace dbsage::rules
