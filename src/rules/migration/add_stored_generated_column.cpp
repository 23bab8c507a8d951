#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class AddStoredGeneratedColumn final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"add-stored-generated-column", "migration", Severity::warning, "stored generated column added to an existing table", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::add_column || !op.column->generated) return;
            std::string table = existing_target(sc, op);
            if (table.empty()) return;
            sink.report(st.location, "adding stored generated column " + op.column->name + " rewrites " + table,
                        "every row is rewritten under AccessExclusiveLock to store the computed value; add a plain "
                        "column filled by a trigger and backfill it in batches, or compute it in a view");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_add_stored_generated_column() { return std::make_unique<AddStoredGeneratedColumn>(); }

}  // namespace dbsage::rules
