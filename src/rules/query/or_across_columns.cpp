#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class OrAcrossColumns final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"or-across-columns", "query", Severity::info,
                                     "OR across different columns keeps a single index from serving the condition", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.query) continue;
            for_each_query(*st.query, [&](const Query& q) {
                for (const auto& arms : q.or_groups) {
                    std::set<std::string> columns;
                    for (const auto& p : arms) columns.insert(p.qualifier + "." + p.column);
                    if (columns.size() < 2) continue;
                    // An index leading with each column lets PostgreSQL OR bitmaps (BitmapOr), MySQL merge
                    // indexes and SQLite run a MULTI-INDEX OR: the OR is then served.
                    bool each_indexed = std::all_of(arms.begin(), arms.end(), [&](const Predicate& p) {
                        const Table* t = table_of_column(ctx.schema, q, p.qualifier, p.column);
                        return t && leads_an_index(*t, p.column);
                    });
                    if (each_indexed) continue;
                    std::vector<std::string> names;
                    for (const auto& c : columns) names.push_back(c.front() == '.' ? c.substr(1) : c);
                    sink.report(st.location_at(arms.front().offset),
                                fmt::format("OR across {}: no one index serves the condition, so the table is scanned",
                                            join(names, ", ")),
                                "give each column its own index (the engine combines them), or split the query into one "
                                "SELECT per column joined by UNION (ALL when the arms cannot match the same row)");
                }
            });
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_or_across_columns() { return std::make_unique<OrAcrossColumns>(); }

}  // namespace dbsage::rules
