#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class BanDropNotNull final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"ban-drop-not-null", "migration", Severity::warning, "DROP NOT NULL lets NULLs into a column code relies on", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::drop_not_null) return;
            std::string table = existing_target(sc, op);
            if (table.empty()) return;
            sink.report(st.location, "dropping NOT NULL from " + table + "." + op.name,
                        "code that reads the column may not expect NULL; make sure every reader handles it first");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_not_null() { return std::make_unique<BanDropNotNull>(); }

}  // namespace dbsage::rules
