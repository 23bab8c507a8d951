#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class AddingForeignKeyConstraint final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"adding-foreign-key-constraint", "migration", Severity::warning, "foreign key added to an existing table without NOT VALID", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::add_constraint || op.constraint->kind != ConstraintKind::foreign_key ||
                op.constraint->not_valid)
                return;
            std::string table = existing_target(sc, op);
            if (table.empty()) return;
            std::string help = "validating the key scans " + table + " while ShareRowExclusiveLock blocks writes to it "
                               "and to " + op.constraint->ref_table + "; add it NOT VALID, then VALIDATE CONSTRAINT "
                               "separately (ShareUpdateExclusiveLock, writes go on)";
            std::optional<std::string> fix;
            const auto& c = *op.constraint;
            if (!c.name.empty() && st.kind == StatementKind::alter_table && st.ddl.size() == 1) {
                std::string body = statement_body(st.text);
                fix = body + " NOT VALID;\nALTER TABLE " + table + " VALIDATE CONSTRAINT " + quote_ident(c.name) + ";";
            }
            sink.report(st.location, "foreign key on " + table + " is validated while writes are blocked", help, fix);
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_adding_foreign_key_constraint() { return std::make_unique<AddingForeignKeyConstraint>(); }

}  // namespace dbsage::rules
