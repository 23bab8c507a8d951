#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class BanCharField final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"ban-char-field", "schema", Severity::warning, "char(n) pads with spaces", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_column(ctx.schema, [&](const Table& t, const Column& c) {
            if (c.type != "bpchar") return;
            sink.report(at_column(t, c), t.name + "." + c.name + " is " + display_type(c),
                        "char(n) pads values with spaces, compares ignoring them and is no faster than text; "
                        "use text (with a CHECK on length if the limit matters)",
                        alter_type_fix(t, c, "text"));
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_char_field() { return std::make_unique<BanCharField>(); }

}  // namespace dbsage::rules
