#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class AddingSerialPrimaryKeyField final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"adding-serial-primary-key-field", "migration", Severity::warning, "serial/identity column or primary key added to an existing table", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            std::string table = existing_target(sc, op);
            if (table.empty()) return;
            if (op.kind == DdlKind::add_column && (op.column->serial || op.column->identity)) {
                sink.report(st.location, "adding " + std::string(op.column->serial ? "serial" : "identity") + " column " +
                                             op.column->name + " rewrites " + table,
                            "every row gets a sequence value, so the table is rewritten under AccessExclusiveLock; add "
                            "a nullable bigint column, attach a sequence default, backfill in batches, then add the key");
            }
            if (op.kind == DdlKind::add_constraint && op.constraint->kind == ConstraintKind::primary_key &&
                op.constraint->using_index.empty()) {
                sink.report(st.location, "adding a primary key to " + table + " builds its index under AccessExclusiveLock",
                            "build a unique index CONCURRENTLY first, then ADD CONSTRAINT … PRIMARY KEY USING INDEX "
                            "(the columns must already be NOT NULL)");
            }
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_adding_serial_primary_key_field() { return std::make_unique<AddingSerialPrimaryKeyField>(); }

}  // namespace dbsage::rules
