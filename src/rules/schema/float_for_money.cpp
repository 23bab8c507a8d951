#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class FloatForMoney final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"float-for-money", "schema", Severity::warning, "floating point column holds money", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_column(ctx.schema, [&](const Table& t, const Column& c) {
            bool is_float = c.type == "float4" || c.type == "float8" || c.type == "real" || c.type == "double" ||
                            c.type == "float";
            if (!is_float || !name_has_word(c.name, {"price", "amount", "total", "balance", "cost", "fee",
                                                     "subtotal", "tax", "salary", "revenue", "payment"}))
                return;
            std::optional<std::string> fix;
            if (ctx.dialect == Dialect::postgres) fix = alter_type_fix(t, c, "numeric(12,2)");
            if (ctx.dialect == Dialect::mysql) fix = mysql_modify_column(t, c, "decimal(12,2)");
            sink.report(at_column(t, c), t.name + "." + c.name + " stores money in " + display_type(c),
                        std::string("binary floating point cannot represent 0.10 exactly, so sums drift by fractions of a cent; ") +
                            "use " + (ctx.dialect == Dialect::mysql ? "decimal(12,2)" : "numeric(12,2)") +
                            " or an integer count of cents",
                        fix);
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_float_for_money() { return std::make_unique<FloatForMoney>(); }

}  // namespace dbsage::rules
