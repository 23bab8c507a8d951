#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class DisallowedUniqueConstraint final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"disallowed-unique-constraint", "migration", Severity::warning, "ADD UNIQUE builds its index under an exclusive lock", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_migration_op(ctx, [&](const Statement& st, const StatementContext& sc, const DdlOp& op) {
            if (op.kind != DdlKind::add_constraint || op.constraint->kind != ConstraintKind::unique) return;
            if (!op.constraint->using_index.empty()) return;
            std::string table = existing_target(sc, op);
            if (table.empty()) return;
            std::vector<std::string> cols;
            for (const auto& c : op.constraint->columns) cols.push_back(quote_ident(c));
            std::string name = op.constraint->name.empty() ? op.table + "_" + join(op.constraint->columns, "_") + "_key"
                                                           : op.constraint->name;
            sink.report(st.location, "adding a UNIQUE constraint to " + table + " builds its index under AccessExclusiveLock",
                        "reads and writes wait for the whole index build; build a unique index CONCURRENTLY, then "
                        "attach it with ADD CONSTRAINT … UNIQUE USING INDEX (instant)",
                        "CREATE UNIQUE INDEX CONCURRENTLY " + quote_ident(name) + " ON " + table + " (" + join(cols, ", ") +
                            ");\nALTER TABLE " + table + " ADD CONSTRAINT " + quote_ident(name) + " UNIQUE USING INDEX " +
                            quote_ident(name) + ";");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_disallowed_unique_constraint() { return std::make_unique<DisallowedUniqueConstraint>(); }

}  // namespace dbsage::rules
