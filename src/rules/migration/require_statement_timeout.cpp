#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class RequireStatementTimeout final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"require-statement-timeout", "migration", Severity::warning, "migration with no statement_timeout set", k_postgres, {}, false};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        auto needs = [](const Statement&, const StatementContext& sc) {
            return !sc.statement_timeout_set && !sc.existing_locks().empty();
        };
        first_per_file(ctx, needs, [&](const Statement& st) {
            sink.report(st.location, "this migration works on existing tables with no statement_timeout",
                        "a statement that runs longer than expected holds its locks all that time; set a "
                        "statement_timeout that fits the migration",
                        "SET statement_timeout = '5min';");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_statement_timeout() { return std::make_unique<RequireStatementTimeout>(); }

}  // namespace dbsage::rules
