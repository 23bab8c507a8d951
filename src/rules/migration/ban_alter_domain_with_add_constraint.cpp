#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class BanAlterDomainWithAddConstraint final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"ban-alter-domain-with-add-constraint", "migration", Severity::warning, "ALTER DOMAIN … ADD CONSTRAINT", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext&, const DdlOp& op) {
            if (op.kind != DdlKind::alter_domain_add_constraint) return;
            sink.report(st.location, "adding a constraint to domain " + op.table,
                        "PostgreSQL validates it against every column of the domain in every table while holding "
                        "locks on all of them; add CHECK constraints (NOT VALID, then VALIDATE) on the tables instead");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_alter_domain_with_add_constraint() { return std::make_unique<BanAlterDomainWithAddConstraint>(); }

}  // namespace dbsage::rules
