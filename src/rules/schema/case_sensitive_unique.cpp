#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class CaseSensitiveUnique final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"case-sensitive-unique", "schema", Severity::warning, "unique email/username without case folding", k_all_engines, {}};
        return k_info;
    }

    static bool identity_like(const std::string& name) {
        return name_has_word(name, {"email", "username", "login"}) || name == "user_name" || name == "handle";
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            for (const auto& idx : t.indexes) {
                if (!idx.unique || idx.primary) continue;
                for (const auto& key : idx.keys) {
                    if (key.column.empty() || !identity_like(key.column)) continue;
                    const Column* c = t.find_column(key.column);
                    if (!c || c->type == "citext" || !is_text_type(c->type)) continue;
                    // MySQL's *_ci collations (the defaults) already compare without case.
                    if (ctx.dialect == Dialect::mysql && (c->collation.empty() || ends_with(c->collation, "_ci")))
                        continue;
                    bool folded = std::any_of(t.indexes.begin(), t.indexes.end(), [&](const Index& other) {
                        return other.unique && other.keys.size() == 1 &&
                               other.keys[0].expression == "lower(" + key.column + ")";
                    });
                    if (folded) continue;
                    std::string name = t.name + "_lower_" + key.column + "_key";
                    std::string folded_key = ctx.dialect == Dialect::sqlite ? quote_ident(key.column) + " COLLATE NOCASE"
                                                                            : "lower(" + quote_ident(key.column) + ")";
                    std::optional<std::string> fix = create_index_sql(ctx.dialect, t, name, folded_key, true);
                    std::string how = "enforce uniqueness on lower(" + key.column + ") (or use citext) and query with lower()";
                    if (ctx.dialect == Dialect::mysql) {
                        fix.reset();
                        how = "give the column a case-insensitive collation (" + c->charset +
                              "_unicode_ci or utf8mb4_0900_ai_ci) instead of " + c->collation;
                    }
                    Location loc = at_index(t, idx);
                    loc.object = t.qualified() + "." + key.column;
                    sink.report(loc,
                                "unique " + t.name + "." + key.column + " is case-sensitive",
                                "Alice@example.com and alice@example.com both get in, and lookups must guess the "
                                "case; " + how,
                                fix);
                }
            }
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_case_sensitive_unique() { return std::make_unique<CaseSensitiveUnique>(); }

}  // namespace dbsage::rules
