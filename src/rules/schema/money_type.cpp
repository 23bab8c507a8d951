#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class MoneyType final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"money-type", "schema", Severity::warning, "the money type depends on lc_monetary", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_column(ctx.schema, [&](const Table& t, const Column& c) {
            if (c.type != "money") return;
            sink.report(at_column(t, c), t.name + "." + c.name + " uses the money type",
                        "money formats and parses by the server's lc_monetary setting, holds one currency and "
                        "rounds fractions of a cent; use numeric(12,2) (and a currency column if needed)",
                        alter_type_fix(t, c, "numeric(12,2)"));
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_money_type() { return std::make_unique<MoneyType>(); }

}  // namespace dbsage::rules
