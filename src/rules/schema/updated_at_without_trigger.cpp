#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class UpdatedAtWithoutTrigger final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"updated-at-without-trigger", "schema", Severity::info, "updated_at column that nothing in the database maintains", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            const Column* c = nullptr;
            for (const char* name : {"updated_at", "modified_at", "updated_on", "last_modified"})
                if (!c) c = t.find_column(name);
            if (!c) return;
            bool maintained = std::any_of(t.triggers.begin(), t.triggers.end(),
                                          [](const Trigger& tr) { return tr.on_update; });
            if (maintained) return;
            std::optional<std::string> fix;
            if (ctx.dialect == Dialect::postgres) {
                std::string fn = "set_" + c->name;
                fix = "CREATE OR REPLACE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW." +
                      quote_ident(c->name) + " := now();\n  RETURN NEW;\nEND $$;\nCREATE TRIGGER " +
                      quote_ident(t.name + "_" + fn) + " BEFORE UPDATE ON " + sql_name(t) +
                      " FOR EACH ROW EXECUTE FUNCTION " + fn + "();";
            }
            sink.report(at_column(t, *c), t.name + "." + c->name + " has no update trigger",
                        "the column is only as true as every code path that remembers to set it (bulk SQL, "
                        "consoles and other services forget); maintain it with a BEFORE UPDATE trigger",
                        fix);
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_updated_at_without_trigger() { return std::make_unique<UpdatedAtWithoutTrigger>(); }

}  // namespace dbsage::rules
