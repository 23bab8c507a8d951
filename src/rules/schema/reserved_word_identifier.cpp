#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class ReservedWordIdentifier final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"reserved-word-identifier", "schema", Severity::warning, "table or column named with a reserved SQL keyword", k_all_engines, {}};
        return k_info;
    }

    static bool reserved(const std::string& name) {
        // PostgreSQL's reserved keywords, plus "user" and the ones other engines reserve
        // that schemas commonly use (key, value are fine in PostgreSQL; kept out).
        static const char* const k_words[] = {
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "user",
            "using", "variadic", "when", "where", "window", "with"};
        return std::any_of(std::begin(k_words), std::end(k_words), [&](const char* w) { return name == w; });
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        const std::string help = "it must be double-quoted in every query, and tools and hand-written SQL that "
                                 "forget the quotes fail with a syntax error; rename it";
        for_each_table(ctx.schema, [&](const Table& t) {
            if (reserved(t.name)) sink.report(at_table(t), "table name " + t.name + " is a reserved keyword", help);
            for (const auto& c : t.columns)
                if (reserved(c.name))
                    sink.report(at_column(t, c), "column name " + t.name + "." + c.name + " is a reserved keyword", help);
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_reserved_word_identifier() { return std::make_unique<ReservedWordIdentifier>(); }

}  // namespace dbsage::rules
