#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class BanDropColumn final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"ban-drop-column", "migration", Severity::warning, "dropping a column breaks code that still reads it", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::drop_column) return;
            std::string table = existing_target(sc, op);
            if (table.empty()) return;
            sink.report(st.location, "dropping column " + table + "." + op.name,
                        "queries of running code that name the column (or use SELECT * with positional reads) fail, "
                        "and the data is gone; stop using the column in a deploy before the one that drops it");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_column() { return std::make_unique<BanDropColumn>(); }

}  // namespace dbsage::rules
