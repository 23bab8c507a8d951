#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class AddingNotNullableField final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"adding-not-nullable-field", "migration", Severity::warning, "SET NOT NULL scans the table under an exclusive lock", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::set_not_null) return;
            std::string table = existing_target(sc, op);
            if (table.empty()) return;
            bool scans = std::find(sc.effects.scans.begin(), sc.effects.scans.end(), table) != sc.effects.scans.end();
            if (!scans) return;
            std::string check = quote_ident(op.table + "_" + op.name + "_not_null");
            std::optional<std::string> fix;
            if (ctx.pg_version >= 12)
                fix = "ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + quote_ident(op.name) +
                      " IS NOT NULL) NOT VALID;\nALTER TABLE " + table + " VALIDATE CONSTRAINT " + check +
                      ";\nALTER TABLE " + table + " ALTER COLUMN " + quote_ident(op.name) + " SET NOT NULL;\nALTER TABLE " +
                      table + " DROP CONSTRAINT " + check + ";";
            sink.report(st.location, "SET NOT NULL on " + table + "." + op.name + " scans the table under AccessExclusiveLock",
                        "every read and write waits while PostgreSQL checks each row; from PostgreSQL 12 a validated "
                        "CHECK (col IS NOT NULL) lets SET NOT NULL skip the scan",
                        fix);
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_adding_not_nullable_field() { return std::make_unique<AddingNotNullableField>(); }

}  // namespace dbsage::rules
