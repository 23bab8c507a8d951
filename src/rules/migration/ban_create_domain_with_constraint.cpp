#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class BanCreateDomainWithConstraint final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"ban-create-domain-with-constraint", "migration", Severity::warning, "CREATE DOMAIN with a CHECK constraint", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext&, const DdlOp& op) {
            if (op.kind != DdlKind::create_domain || !op.domain->has_check) return;
            sink.report(st.location, "domain " + op.domain->name + " carries a CHECK constraint",
                        "changing a domain constraint later validates every column of that domain in every table at "
                        "once, with no NOT VALID escape for columns; put the CHECK on the table columns instead");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_create_domain_with_constraint() { return std::make_unique<BanCreateDomainWithConstraint>(); }

}  // namespace dbsage::rules
