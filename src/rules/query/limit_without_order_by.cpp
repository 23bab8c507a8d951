#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "rules/helpers.h"
#include "rules/rule.h"

namespace dbsage::rules {
namespace {

// SELECT 1 … LIMIT 1: an existence check, any row will do.
bool selects_constants(const Query& q) {
    return !q.targets.empty() && std::all_of(q.targets.begin(), q.targets.end(), [](const std::string& t) {
        return !t.empty() && (std::isdigit(static_cast<unsigned char>(t[0])) || t[0] == '\'' || t == "true" || t == "null");
    });
}

// WHERE pk = constant: at most one row, so no order to lose.
bool at_most_one_row(const Schema& schema, const Query& q) {
    if (q.tables.size() != 1) return false;
    const Table* t = schema.find_table(q.tables[0].schema, q.tables[0].name);
    const Constraint* pk = t ? t->primary_key() : nullptr;
    if (!pk || pk->columns.empty()) return false;
    return std::all_of(pk->columns.begin(), pk->columns.end(), [&](const std::string& c) {
        return std::any_of(q.predicates.begin(), q.predicates.end(), [&](const Predicate& p) {
            return p.column == c && p.op == "=" && (p.operand == Predicate::Operand::constant || p.operand == Predicate::Operand::parameter);
        });
    });
}

class LimitWithoutOrderBy final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"limit-without-order-by", "query", Severity::warning, "LIMIT without ORDER BY returns arbitrary rows",
                                     k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.query) continue;
            for_each_query(*st.query, [&](const Query& q) {
                if (q.kind != StatementKind::select || !q.limit || !q.order_by.empty()) return;
                // (SELECT pk FROM ref WHERE code = 'x' LIMIT 1): a lookup guarded against duplicates, not a page.
                if (&q != &*st.query && *q.limit == "1") return;
                if (selects_constants(q) || (q.aggregates && q.group_by.empty()) || at_most_one_row(ctx.schema, q)) return;
                sink.report(st.location, fmt::format("LIMIT {} without ORDER BY: which rows come back is up to the plan", *q.limit),
                            "the rows returned change when the plan, the physical order or a parallel worker's timing does; "
                            "add ORDER BY on a unique key (pages also need it to be stable)");
            });
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_limit_without_order_by() { return std::make_unique<LimitWithoutOrderBy>(); }

}  // namespace dbsage::rules
