#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class StatusColumnWithoutCheck final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"status-column-without-check", "schema", Severity::warning, "status-like text column accepts any value", k_all_engines, {}};
        return k_info;
    }

    static bool status_like(const std::string& name) {
        return name_has_word(name, {"status", "state", "kind", "type"}) && !ends_with(name, "_id") &&
               !ends_with(name, "_at");
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_column(ctx.schema, [&](const Table& t, const Column& c) {
            if (!status_like(c.name) || !is_text_type(c.type) || c.is_array) return;
            if (has_check_on(t, c.name) || foreign_key_on(t, c.name)) return;
            // A polymorphic x_type column names tables, not states.
            std::string stem = c.name.size() > 5 ? c.name.substr(0, c.name.size() - 5) : "";
            if (ends_with(c.name, "_type") && t.find_column(stem + "_id")) return;
            std::optional<std::string> fix;
            std::vector<std::string> seen;
            for (const auto& v : c.stats.samples)
                if (std::find(seen.begin(), seen.end(), v) == seen.end() && seen.size() < 20) seen.push_back(v);
            if (!seen.empty() && ctx.dialect == Dialect::postgres) {
                std::sort(seen.begin(), seen.end());
                std::vector<std::string> literals;
                for (const auto& v : seen) literals.push_back(quote_literal(v));
                std::string name = t.name + "_" + c.name + "_check";
                fix = "ALTER TABLE " + sql_name(t) + " ADD CONSTRAINT " + quote_ident(name) + " CHECK (" +
                      quote_ident(c.name) + " IN (" + join(literals, ", ") + ")) NOT VALID;\nALTER TABLE " +
                      sql_name(t) + " VALIDATE CONSTRAINT " + quote_ident(name) + ";";
            }
            sink.report(at_column(t, c), t.name + "." + c.name + " is free text with no CHECK",
                        "a typo such as 'shiped' is stored as a new state and every query filtering on the state "
                        "misses it; add CHECK (" + quote_ident(c.name) + " IN (...)) listing the allowed values",
                        fix);
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_status_column_without_check() { return std::make_unique<StatusColumnWithoutCheck>(); }

}  // namespace dbsage::rules
