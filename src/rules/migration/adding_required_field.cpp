#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class AddingRequiredField final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"adding-required-field", "migration", Severity::error, "NOT NULL column without a default added to an existing table", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::add_column) return;
            const Column& c = *op.column;
            if (!c.not_null || c.default_expr || c.serial || c.identity || c.generated) return;
            std::string table = existing_target(sc, op);
            if (table.empty()) return;
            sink.report(st.location, "adding NOT NULL column " + c.name + " without a default to " + table,
                        "it fails as soon as the table has a row; add it nullable (or with a default), backfill, then "
                        "SET NOT NULL");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_adding_required_field() { return std::make_unique<AddingRequiredField>(); }

}  // namespace dbsage::rules
