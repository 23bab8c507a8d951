#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class IdentifierTooLong final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"identifier-too-long", "schema", Severity::error, "identifier longer than 63 bytes is truncated", k_postgres, {}};
        return k_info;
    }

    static constexpr size_t k_max = 63;

    void check(const Context& ctx, FindingSink& sink) const override {
        auto report = [&](const Location& loc, const std::string& what, const std::string& name) {
            if (name.size() <= k_max) return;
            sink.report(loc, what + " name is " + std::to_string(name.size()) + " bytes, over PostgreSQL's 63",
                        "PostgreSQL silently truncates it to '" + name.substr(0, k_max) +
                            "', so two long names can collide and tools that compare names break; shorten it");
        };
        for (const auto& t : ctx.schema.tables) {
            report(at_table(t), "table", t.name);
            for (const auto& c : t.columns) report(at_column(t, c), "column", c.name);
            for (const auto& i : t.indexes) report(at_index(t, i), "index", i.name);
            for (const auto& c : t.constraints)
                if (c.kind == ConstraintKind::foreign_key || c.kind == ConstraintKind::check)
                    report(at_constraint(t, c), "constraint", c.name);
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_identifier_too_long() { return std::make_unique<IdentifierTooLong>(); }

}  // namespace dbsage::rules
