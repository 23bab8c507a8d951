#include <fmt/format.h>

#include <numeric>

#include "rules/helpers.h"
#include "rules/rule.h"

namespace dbsage::rules {
namespace {

class ImplicitCrossJoin final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"implicit-cross-join", "query", Severity::warning,
                                     "A table in FROM is joined to nothing: every row pairs with every row", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.query) continue;
            for_each_query(*st.query, [&](const Query& q) { check_level(ctx, st, q, sink); });
        }
    }

private:
    static void check_level(const Context& ctx, const Statement& st, const Query& q, FindingSink& sink) {
        if (q.kind != StatementKind::select || q.tables.size() < 2) return;
        // Union-find over FROM items: a JOIN tree is one; a condition between two items links them.
        int items = 0;
        for (const auto& ref : q.tables) items = std::max(items, ref.from_item + 1);
        if (items < 2) return;
        std::vector<int> parent(static_cast<size_t>(items));
        std::iota(parent.begin(), parent.end(), 0);
        std::function<int(int)> root = [&](int x) { return parent[static_cast<size_t>(x)] == x ? x : parent[static_cast<size_t>(x)] = root(parent[static_cast<size_t>(x)]); };
        // The FROM item a column belongs to; -2 when it cannot be told (then nothing is reported).
        auto item_of = [&](const std::string& qualifier, const std::string& column) {
            if (!qualifier.empty()) {
                for (const auto& ref : q.tables)
                    if (ref_name(ref) == qualifier) return ref.from_item;
                return -2;  // an outer query's table, a subquery in FROM
            }
            int found = -1;
            for (const auto& ref : q.tables) {
                const Table* t = ctx.schema.find_table(ref.schema, ref.name);
                if (!t) return -2;
                if (t->find_column(column)) {
                    if (found >= 0) return -2;
                    found = ref.from_item;
                }
            }
            return found < 0 ? -2 : found;
        };
        bool unsure = false;
        auto link = [&](const Predicate& p) {
            if (p.operand == Predicate::Operand::subquery || p.operand == Predicate::Operand::expression) {
                unsure = true;  // a condition dbsage cannot see into may join them
                return;
            }
            if (p.operand != Predicate::Operand::column) return;
            int a = item_of(p.qualifier, p.column), b = item_of(p.other_qualifier, p.other_column);
            if (a == -2 || b == -2) {
                unsure = true;
                return;
            }
            if (a >= 0 && b >= 0) parent[static_cast<size_t>(root(a))] = root(b);
        };
        for (const auto& p : q.predicates) link(p);
        for (const auto& p : q.join_conditions) link(p);
        for (const auto& group : q.or_groups)
            for (const auto& p : group) link(p);
        if (unsure) return;
        for (const auto& ref : q.tables) {
            if (root(ref.from_item) == root(q.tables[0].from_item)) continue;
            const Table* t = ctx.schema.find_table(ref.schema, ref.name);
            if (t && t->row_estimate && *t->row_estimate <= 1) continue;  // a one-row settings table
            sink.report(st.location, fmt::format("{} is not joined to {}: every row of one pairs with every row of the other",
                                                 ref_name(ref), ref_name(q.tables[0])),
                        "add the join condition (JOIN … ON); if the cross product is meant, write CROSS JOIN so it reads as meant");
            return;
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_implicit_cross_join() { return std::make_unique<ImplicitCrossJoin>(); }

}  // namespace dbsage::rules
