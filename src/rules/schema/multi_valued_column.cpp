#include <algorithm>
#include <map>
#include <vector>

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
    static bool looks_like_list(const std::string& value, char delimiter, std::vector<std::string>& items) {
        items.clear();
        if (value.size() > 300 || value.find(delimiter) == std::string::npos) return false;
        for (const auto& item : split(value, delimiter)) {
            auto t = trim(item);
            if (t.empty() || t.size() > 40 || std::count(t.begin(), t.end(), ' ') > 2) return false;
            items.push_back(to_lower(t));
        }
        return items.size() >= 2;
    }

    // Columns whose values are text with commas in it by nature: prose and
    // postal addresses are not lists of items.
    static bool holds_prose(const Column& c) {
        return name_has_word(c.name, {"address", "addr", "street", "description", "desc", "note",
                                      "notes", "comment", "comments", "remark", "remarks", "body", "text", "message",
                                      "summary", "bio", "title", "name", "caption", "content", "subject", "label"});
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_column(ctx.schema, [&](const Table& t, const Column& c) {
            const auto& samples = c.stats.samples;
            if (samples.size() < 5 || c.is_array || holds_prose(c)) return;
            for (char delimiter : {',', ';', '|'}) {
                size_t lists = 0;
                const std::string* example = nullptr;
                std::map<std::string, size_t> rows_with;  // item -> rows it is in
                std::vector<std::string> items;
                for (const auto& v : samples) {
                    if (!looks_like_list(v, delimiter, items)) continue;
                    ++lists;
                    if (!example) example = &v;
                    std::sort(items.begin(), items.end());
                    items.erase(std::unique(items.begin(), items.end()), items.end());
                    for (auto& item : items) ++rows_with[item];
                }
                if (lists * 2 < samples.size()) continue;
                // A list column draws its items from a small set: the same
                // items recur from row to row. Fragments of free text do not.
                auto common = std::max_element(rows_with.begin(), rows_with.end(),
                                               [](const auto& a, const auto& b) { return a.second < b.second; });
                if (common->second < 3 || common->second * 4 < lists) continue;
                sink.report(at_column(t, c),
                            t.name + "." + c.name + " holds delimited lists in " + std::to_string(lists) + " of " +
                                std::to_string(samples.size()) + " sampled rows (e.g. '" + *example + "'; the item '" +
                                common->first + "' is in " + std::to_string(common->second) + " of them)",
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
