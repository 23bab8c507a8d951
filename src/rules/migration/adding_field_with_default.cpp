#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class AddingFieldWithDefault final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"adding-field-with-default", "migration", Severity::warning, "ADD COLUMN with a default that rewrites the table", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::add_column || !op.column->default_expr || op.column->serial) return;
            bool rewrites = op.column->default_volatile || ctx.pg_version < 11;
            std::string table = existing_target(sc, op);
            if (!rewrites || table.empty()) return;
            std::string why = op.column->default_volatile
                ? "the default " + *op.column->default_expr + " is volatile, so every row gets its own value"
                : "before PostgreSQL 11 any default is written into every row";
            sink.report(st.location, "adding " + op.column->name + " with a default rewrites " + table,
                        why + ": the table is rewritten under AccessExclusiveLock; add the column without a default, "
                              "set the default, then backfill existing rows in batches");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_adding_field_with_default() { return std::make_unique<AddingFieldWithDefault>(); }

}  // namespace dbsage::rules
