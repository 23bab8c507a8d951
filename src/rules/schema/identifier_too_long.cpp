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

    void check(const Context& ctx, FindingSink& sink) const override {
        // The parser truncates long names, so they are read from the source text.
        for (const auto& st : ctx.statements) {
            for (const auto& [name, offset] : st.long_identifiers) {
                sink.report(st.location_at(offset),
                            "identifier is " + std::to_string(name.size()) + " bytes, over PostgreSQL's 63",
                            "PostgreSQL silently truncates it to '" + name.substr(0, 63) +
                                "', so two long names can collide and tools that compare names break; shorten it");
            }
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_identifier_too_long() { return std::make_unique<IdentifierTooLong>(); }

}  // namespace dbsage::rules
