#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class PreferTimestampTz final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"prefer-timestamp-tz", "schema", Severity::warning, "timestamp without time zone loses the offset", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_column(ctx.schema, [&](const Table& t, const Column& c) {
            if (c.type != "timestamp") return;
            sink.report(at_column(t, c), t.name + "." + c.name + " is timestamp without time zone",
                        "values are stored as wall-clock times with no offset, so they shift meaning when the "
                        "session time zone changes; use timestamptz (it stores an instant and takes the same space)",
                        alter_type_fix(t, c, c.is_array ? "timestamptz[]" : "timestamptz"));
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_timestamp_tz() { return std::make_unique<PreferTimestampTz>(); }

}  // namespace dbsage::rules
