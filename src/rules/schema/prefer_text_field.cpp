#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class PreferTextField final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"prefer-text-field", "schema", Severity::info, "varchar(n) where text with a CHECK is easier to change", k_postgres, {}};
        return k_info;
    }

    // One finding per table, naming every varchar(n) column: a legacy schema
    // with hundreds of them gets one line per table, and one fix.
    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            std::vector<const Column*> limited;
            for (const auto& c : t.columns)
                if (c.type == "varchar" && !c.typmods.empty()) limited.push_back(&c);
            if (limited.empty()) return;
            const Column& first = *limited.front();
            std::string fix = "ALTER TABLE " + sql_name(t);
            for (size_t i = 0; i < limited.size(); ++i)
                fix += std::string(i ? "," : "") + "\n    ALTER COLUMN " + quote_ident(limited[i]->name) + " TYPE text";
            fix += ";";
            std::string help = "varchar(n) and text perform the same in PostgreSQL; raising n later is cheap but "
                               "lowering it rewrites the table; prefer text (the change below is catalog-only, no "
                               "rewrite), with CHECK (length(" + first.name + ") <= " + std::to_string(first.typmods[0]) +
                               ") where the limit is a business rule";
            if (limited.size() == 1) {
                sink.report(at_column(t, first), t.name + "." + first.name + " is " + display_type(first), help, fix);
                return;
            }
            std::string names;
            for (const Column* c : limited) names += (names.empty() ? "" : ", ") + c->name + " " + display_type(*c);
            sink.report(at_column(t, first),
                        t.name + " has " + std::to_string(limited.size()) + " varchar(n) columns: " + names, help, fix);
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_text_field() { return std::make_unique<PreferTextField>(); }

}  // namespace dbsage::rules
