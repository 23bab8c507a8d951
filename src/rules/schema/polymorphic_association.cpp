#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class PolymorphicAssociation final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"polymorphic-association", "schema", Severity::warning, "x_type + x_id columns with no foreign key", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            for (const auto& c : t.columns) {
                if (!ends_with(c.name, "_type") || c.name.size() <= 5) continue;
                std::string stem = c.name.substr(0, c.name.size() - 5);
                const Column* id = t.find_column(stem + "_id");
                if (!id || foreign_key_on(t, id->name)) continue;
                sink.report(at_column(t, *id),
                            t.name + "." + stem + "_type/" + stem + "_id is a polymorphic association",
                            "the database cannot check a reference whose target table is in a column: orphans and "
                            "wrong-table ids go unnoticed; use one nullable foreign key column per target table "
                            "with a CHECK that exactly one is set, or a shared parent table");
            }
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_polymorphic_association() { return std::make_unique<PolymorphicAssociation>(); }

}  // namespace dbsage::rules
