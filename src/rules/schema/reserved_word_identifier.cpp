#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/keywords.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class ReservedWordIdentifier final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"reserved-word-identifier", "schema", Severity::warning, "table or column named with a reserved SQL keyword", k_postgres | k_sqlite, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        const std::string help = "it must be double-quoted in every query, and tools and hand-written SQL that "
                                 "forget the quotes fail with a syntax error; rename it";
        for_each_table(ctx.schema, [&](const Table& t) {
            if (is_reserved_keyword(t.name)) sink.report(at_table(t), "table name " + t.name + " is a reserved keyword", help);
            for (const auto& c : t.columns)
                if (is_reserved_keyword(c.name))
                    sink.report(at_column(t, c), "column name " + t.name + "." + c.name + " is a reserved keyword", help);
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_reserved_word_identifier() { return std::make_unique<ReservedWordIdentifier>(); }

}  // namespace dbsage::rules
