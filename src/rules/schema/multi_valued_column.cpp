#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class MultiValuedColumn final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"multi-valued-column", "schema", Severity::warning, "text values hold delimited lists", k_all_engines, {}};
        return k_info;
    }

    // Splits a value on the delimiter; true when it reads as a list of short items.
    static bool looks_like_list(const std::string& value, char delimiter) {
        if (value.size() > 300 || value.find(delimiter) == std::string::npos) return false;
        auto items = split(value, delimiter);
        if (items.size() < 2) return false;
        for (const auto& item : items) {
            auto t = trim(item);
            if (t.empty() || t.size() > 40 || std::count(t.begin(), t.end(), ' ') > 2) return false;
        }
        return true;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_column(ctx.schema, [&](const Table& t, const Column& c) {
            const auto& samples = c.stats.samples;
            if (samples.size() < 5 || c.is_array) return;
            for (char delimiter : {',', ';', '|'}) {
                size_t lists = std::count_if(samples.begin(), samples.end(),
                                             [&](const std::string& v) { return looks_like_list(v, delimiter); });
                if (lists * 2 < samples.size()) continue;
                auto example = std::find_if(samples.begin(), samples.end(),
                                            [&](const std::string& v) { return looks_like_list(v, delimiter); });
                sink.report(at_column(t, c),
                            t.name + "." + c.name + " holds delimited lists in " + std::to_string(lists) + " of " +
                                std::to_string(samples.size()) + " sampled rows (e.g. '" + *example + "')",
                            "a list in one column breaks first normal form: items cannot be indexed, joined, "
                            "constrained or updated one at a time; move them to a child table (one row per item)" +
                                std::string(ctx.dialect == Dialect::postgres ? " or an array column" : ""));
                return;
            }
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_multi_valued_column() { return std::make_unique<MultiValuedColumn>(); }

}  // namespace dbsage::rules
