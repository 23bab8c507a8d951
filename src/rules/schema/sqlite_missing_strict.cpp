#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class SqliteMissingStrict final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"sqlite-missing-strict", "schema", Severity::info, "SQLite table without STRICT accepts any type in any column", k_sqlite, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            if (t.strict) return;
            sink.report(at_table(t), "table " + t.name + " is not STRICT",
                        "SQLite's type affinity stores 'abc' in an INTEGER column without complaint; declare the "
                        "table with STRICT (SQLite 3.37+) so column types are enforced");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_sqlite_missing_strict() { return std::make_unique<SqliteMissingStrict>(); }

}  // namespace dbsage::rules
