#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class PreferBigintOverInt final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"prefer-bigint-over-int", "schema", Severity::warning, "integer keys and references overflow at 2^31", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            for (const auto& c : t.columns) {
                if (c.type != "int4" && c.type != "int2") continue;
                const Constraint* pk = t.primary_key();
                bool is_key = pk && pk->columns.size() == 1 && pk->columns[0] == c.name;
                bool is_ref = foreign_key_on(t, c.name) != nullptr;
                if (!is_key && !is_ref) continue;
                std::string limit = c.type == "int2" ? "32,767" : "2,147,483,647";
                sink.report(at_column(t, c),
                            std::string(is_key ? "key " : "reference ") + t.name + "." + c.name + " is " +
                                display_type(c) + " and runs out at " + limit,
                            "changing a key's type later rewrites the table and every referencing table under an "
                            "exclusive lock; use bigint from the start (it costs 4 bytes a row)",
                            alter_type_fix(t, c, "bigint"));
            }
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_bigint_over_int() { return std::make_unique<PreferBigintOverInt>(); }

}  // namespace dbsage::rules
