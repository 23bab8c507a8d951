#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class BanDropTable final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"ban-drop-table", "migration", Severity::warning, "dropping a table that existed before this migration", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::drop_table) return;
            for (const auto& lock : sc.existing_locks()) {
                bool dropped = false;
                for (const auto& [schema, name] : op.objects)
                    dropped = dropped || lock.table == (schema.empty() ? "public" : schema) + "." + name;
                if (!dropped) continue;
                sink.report(st.location, "dropping table " + lock.table,
                            "its data is gone and running code that still uses it fails; make sure nothing reads "
                            "it (rename it away first and wait) before dropping it");
            }
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_table() { return std::make_unique<BanDropTable>(); }

}  // namespace dbsage::rules
