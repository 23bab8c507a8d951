#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class RlsEnabledWithoutPolicy final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"rls-enabled-without-policy", "schema", Severity::warning, "row level security enabled with no policy", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            if (!t.rls_enabled || !t.policies.empty()) return;
            sink.report(at_table(t), "row level security is enabled on " + t.qualified() + " but it has no policy",
                        "with no policy every row is hidden from every role but the owner and superusers "
                        "(default deny); add CREATE POLICY statements or disable row level security");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_rls_enabled_without_policy() { return std::make_unique<RlsEnabledWithoutPolicy>(); }

}  // namespace dbsage::rules
