#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class SqliteForeignKeysNotEnforced final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"sqlite-foreign-keys-not-enforced", "schema", Severity::warning, "SQLite foreign keys are declared but only enforced per connection", k_sqlite, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            bool has_fk = std::any_of(t.constraints.begin(), t.constraints.end(),
                                      [](const Constraint& c) { return c.kind == ConstraintKind::foreign_key; });
            if (!has_fk) return;
            std::string evidence = t.fk_violations && *t.fk_violations > 0
                ? " and " + std::to_string(*t.fk_violations) + (*t.fk_violations == 1 ? " row already violates them" : " rows already violate them")
                : "";
            sink.report(at_table(t), "foreign keys of " + t.name + " are not enforced unless each connection enables them" + evidence,
                        "SQLite ignores foreign keys unless the connection runs PRAGMA foreign_keys = ON; run it "
                        "right after opening every connection (and PRAGMA foreign_key_check to find bad rows)",
                        "PRAGMA foreign_keys = ON;");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_sqlite_foreign_keys_not_enforced() { return std::make_unique<SqliteForeignKeysNotEnforced>(); }

}  // namespace dbsage::rules
