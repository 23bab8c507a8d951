#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class EavTable final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"eav-table", "schema", Severity::warning, "entity-attribute-value table", k_all_engines, {}};
        return k_info;
    }

    static const Column* find_any(const Table& t, std::initializer_list<const char*> names) {
        for (const char* n : names)
            if (const Column* c = t.find_column(n)) return c;
        return nullptr;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            const Column* attribute = find_any(t, {"attribute", "attribute_name", "attribute_id", "attr", "attr_name",
                                                   "key", "meta_key", "property", "property_name", "field", "field_name"});
            const Column* value = find_any(t, {"value", "val", "attribute_value", "attr_value", "meta_value",
                                               "value_text", "property_value", "field_value"});
            if (!attribute || !value) return;
            bool has_entity = std::any_of(t.columns.begin(), t.columns.end(), [&](const Column& c) {
                return &c != attribute && ends_with(c.name, "_id");
            });
            if (!has_entity) return;
            sink.report(at_table(t),
                        "table " + t.qualified() + " is an entity-attribute-value store (" + attribute->name + ", " +
                            value->name + ")",
                        "EAV hides the real schema: no types, no NOT NULL or foreign keys per attribute, and every "
                        "read pivots many rows; model known attributes as columns and keep a jsonb column for the "
                        "truly open-ended rest");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_eav_table() { return std::make_unique<EavTable>(); }

}  // namespace dbsage::rules
