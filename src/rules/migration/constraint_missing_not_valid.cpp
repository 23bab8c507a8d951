#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class ConstraintMissingNotValid final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"constraint-missing-not-valid", "migration", Severity::warning, "CHECK constraint added to an existing table without NOT VALID", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::add_constraint || op.constraint->kind != ConstraintKind::check ||
                op.constraint->not_valid)
                return;
            std::string table = existing_target(sc, op);
            if (table.empty()) return;
            std::string body = statement_body(st.text);
            std::string fix = body + " NOT VALID;";
            if (!op.constraint->name.empty())
                fix += "\nALTER TABLE " + table + " VALIDATE CONSTRAINT " + quote_ident(op.constraint->name) + ";";
            sink.report(st.location, "CHECK constraint on " + table + " is validated under AccessExclusiveLock",
                        "adding it scans the whole table while every read and write waits; add it NOT VALID (instant) "
                        "and VALIDATE CONSTRAINT in a later step, which holds only ShareUpdateExclusiveLock",
                        fix);
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_constraint_missing_not_valid() { return std::make_unique<ConstraintMissingNotValid>(); }

}  // namespace dbsage::rules
