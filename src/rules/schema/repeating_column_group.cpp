#include <algorithm>
#include <cctype>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class RepeatingColumnGroup final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"repeating-column-group", "schema", Severity::warning, "numbered columns (phone1, phone2) form a repeating group", k_all_engines, {}};
        return k_info;
    }

    // "phone2" -> "phone", "address_3" -> "address"; "" when not numbered.
    static std::string stem_of(const std::string& name) {
        size_t end = name.size();
        while (end > 0 && std::isdigit(static_cast<unsigned char>(name[end - 1]))) --end;
        if (end == name.size() || end == 0) return {};
        std::string stem = name.substr(0, end);
        if (stem.back() == '_') stem.pop_back();
        return stem;
    }

    // Numbers that name a standard or a coordinate, not a position in a
    // list: address_line1/2, sha1/sha256, md5, ipv4/ipv6, utf8, base64,
    // x1, y1, x2, y2 (one-letter stems are coordinates and bounds).
    static bool is_group_stem(const std::string& stem) {
        if (stem.size() == 1) return false;
        for (std::string_view word : {"line", "sha", "md", "ipv", "utf", "base", "iso", "latin", "http", "oauth", "s"})
            if (ends_with(stem, word)) return false;
        return true;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            std::vector<std::string> reported;
            for (const auto& c : t.columns) {
                std::string stem = stem_of(c.name);
                if (stem.empty() || !is_group_stem(stem) ||
                    std::find(reported.begin(), reported.end(), stem) != reported.end())
                    continue;
                std::vector<std::string> group;
                for (const auto& other : t.columns)
                    if (stem_of(other.name) == stem) group.push_back(other.name);
                if (group.size() < 2) continue;
                reported.push_back(stem);
                sink.report(at_column(t, c),
                            t.name + " repeats " + stem + " in columns " + join(group, ", "),
                            "a repeating group breaks first normal form: a third value needs a schema change and "
                            "queries must check every column; move the values to a child table " + t.name + "_" +
                                stem + "s (" + t.name + "_id, " + stem + ", position)");
            }
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_repeating_column_group() { return std::make_unique<RepeatingColumnGroup>(); }

}  // namespace dbsage::rules
