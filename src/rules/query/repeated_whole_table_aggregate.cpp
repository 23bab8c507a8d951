#include <fmt/format.h>

#include <map>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class RepeatedWholeTableAggregate final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"repeated-whole-table-aggregate", "query", Severity::info,
                                     "The same aggregate over a whole table, run again and again", k_all_engines,
                                     {{"min-repeats", "3", "how often the same statement must appear in the input"}}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        int min_repeats = ctx.options.get_int("min-repeats", 3);
        std::map<std::string, int> seen;
        for (const auto& st : ctx.statements) {
            if (!st.query) continue;
            const Query& q = *st.query;
            if (q.kind != StatementKind::select || !q.aggregates || q.has_where || q.tables.size() != 1) continue;
            const Table* t = ctx.schema.find_table(q.tables[0].schema, q.tables[0].name);
            if (known_small_table(t)) continue;
            std::string key = to_lower(one_line(statement_body(st.text)));
            if (++seen[key] != min_repeats) continue;
            sink.report(st.location,
                        fmt::format("the same aggregate over all of {} appears {} times: each run reads the whole table",
                                    q.tables[0].name, min_repeats),
                        "keep the result instead of recomputing it: a materialized view refreshed on a schedule, a summary "
                        "table kept by triggers, or for an approximate count(*) the planner's estimate (pg_class.reltuples)");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_repeated_whole_table_aggregate() { return std::make_unique<RepeatedWholeTableAggregate>(); }

}  // namespace dbsage::rules
