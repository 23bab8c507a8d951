#include "explain/plan_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace dbsage {
namespace {

// Changes smaller than this are noise, not a verdict.
constexpr double k_same_percent = 2;

struct Flat {
    const PlanNode* node = nullptr;
    int number = 0;   // preorder, from 1
    int parent = -1;  // index into the same vector
    int match = -1;   // index into the other tree's vector
    std::vector<int> children;
};

std::vector<Flat> flatten(const PlanNode& root) {
    std::vector<Flat> out;
    std::function<void(const PlanNode&, int)> walk = [&](const PlanNode& n, int parent) {
        int self = static_cast<int>(out.size());
        out.push_back({&n, self + 1, parent, -1, {}});
        if (parent >= 0) out[static_cast<size_t>(parent)].children.push_back(self);
        for (const auto& c : n.children) walk(c, self);
    };
    walk(root, -1);
    return out;
}

bool is_scan(const PlanNode& n) { return !n.relation.empty(); }

std::string signature(const PlanNode& n) {
    return n.type + "|" + n.relation + "|" + n.alias + "|" + n.index + "|" + n.subplan_name;
}

class Matcher {
public:
    Matcher(std::vector<Flat>& before, std::vector<Flat>& after) : m_b(before), m_a(after) {}

    void run() {
        // Both plans answer the same query: their tops are the same node.
        link(0, 0);
        // The same operation on the same relation, in order.
        pair_where([](const PlanNode& b, const PlanNode& a) { return is_scan(a) && signature(a) == signature(b); });
        // The same relation read another way.
        pair_where([](const PlanNode& b, const PlanNode& a) {
            return is_scan(a) && a.relation == b.relation && a.alias == b.alias;
        });
        for (bool changed = true; changed;) {
            bool went_up = up();  // both passes run each round
            bool went_down = down();
            changed = went_up || went_down;
        }
    }

private:
    void link(int b, int a) {
        m_b[static_cast<size_t>(b)].match = a;
        m_a[static_cast<size_t>(a)].match = b;
    }

    void pair_where(const std::function<bool(const PlanNode&, const PlanNode&)>& same) {
        for (size_t a = 0; a < m_a.size(); ++a) {
            if (m_a[a].match >= 0) continue;
            for (size_t b = 0; b < m_b.size(); ++b)
                if (m_b[b].match < 0 && same(*m_b[b].node, *m_a[a].node)) {
                    link(static_cast<int>(b), static_cast<int>(a));
                    break;
                }
        }
    }

    // An unmatched node whose matched children all have one unmatched parent
    // on the other side is that parent, or the nearest unmatched ancestor of
    // it with the same type (a Gather or a Sort may stand between them).
    bool up() {
        bool changed = false;
        for (size_t a = m_a.size(); a-- > 0;) {
            if (m_a[a].match >= 0) continue;
            int parent = -2;
            for (int c : m_a[a].children) {
                if (m_a[static_cast<size_t>(c)].match < 0) continue;
                int p = m_b[static_cast<size_t>(m_a[static_cast<size_t>(c)].match)].parent;
                parent = parent == -2 || parent == p ? p : -1;
            }
            if (parent < 0) continue;
            int chosen = -1;
            for (int p = parent; p >= 0 && m_b[static_cast<size_t>(p)].match < 0; p = m_b[static_cast<size_t>(p)].parent)
                if (m_b[static_cast<size_t>(p)].node->type == m_a[a].node->type) {
                    chosen = p;
                    break;
                }
            if (chosen < 0 && m_b[static_cast<size_t>(parent)].match < 0) chosen = parent;
            if (chosen >= 0) {
                link(chosen, static_cast<int>(a));
                changed = true;
            }
        }
        return changed;
    }

    // Under a matched pair, unmatched children of the same type pair up in
    // order; a last one left on each side is the same node changed.
    bool down() {
        bool changed = false;
        for (size_t a = 0; a < m_a.size(); ++a) {
            if (m_a[a].match < 0) continue;
            auto kids = [](const std::vector<Flat>& flat, int parent) {
                std::vector<int> out;
                for (int c : flat[static_cast<size_t>(parent)].children)
                    if (flat[static_cast<size_t>(c)].match < 0) out.push_back(c);
                return out;
            };
            auto ka = kids(m_a, static_cast<int>(a));
            auto kb = kids(m_b, m_a[a].match);
            for (int x : ka)
                for (int y : kb)
                    if (m_b[static_cast<size_t>(y)].match < 0 && m_a[static_cast<size_t>(x)].match < 0 &&
                        m_a[static_cast<size_t>(x)].node->type == m_b[static_cast<size_t>(y)].node->type) {
                        link(y, x);
                        changed = true;
                    }
            ka = kids(m_a, static_cast<int>(a));
            kb = kids(m_b, m_a[a].match);
            if (ka.size() == 1 && kb.size() == 1) {
                link(kb[0], ka[0]);
                changed = true;
            }
        }
        return changed;
    }

    std::vector<Flat>& m_b;
    std::vector<Flat>& m_a;
};

double buffers(const PlanNode& n) { return n.shared_hit + n.shared_read; }

NodeDiff make(const Flat* b, const Flat* a) {
    NodeDiff d;
    d.before = b ? b->node : nullptr;
    d.after = a ? a->node : nullptr;
    d.before_number = b ? b->number : 0;
    d.after_number = a ? a->number : 0;
    d.kind = !b ? NodeDiff::Kind::appeared
           : !a ? NodeDiff::Kind::vanished
           : signature(*a->node) == signature(*b->node) ? NodeDiff::Kind::same
                                                          : NodeDiff::Kind::changed_type;
    d.ms_change = (a ? a->node->exclusive_ms : 0) - (b ? b->node->exclusive_ms : 0);
    d.cost_change = (a ? a->node->exclusive_cost : 0) - (b ? b->node->exclusive_cost : 0);
    return d;
}

}  // namespace

double PlanDiff::change_percent() const {
    if (total_before <= 0) return total_after > 0 ? 100 : 0;
    return 100 * (total_after - total_before) / total_before;
}

std::unique_ptr<PlanDiff> diff_plans(PlanAnalysis before, PlanAnalysis after) {
    auto out = std::make_unique<PlanDiff>();
    PlanDiff& d = *out;
    d.before = std::move(before);
    d.after = std::move(after);
    auto fb = flatten(d.before.plan.root);
    auto fa = flatten(d.after.plan.root);
    Matcher(fb, fa).run();

    // The after tree in order; below a matched node, what vanished from under its partner.
    std::vector<bool> shown(fb.size(), false);
    std::function<void(int, int)> vanished = [&](int b, int depth) {
        shown[static_cast<size_t>(b)] = true;
        d.nodes.push_back(make(&fb[static_cast<size_t>(b)], nullptr));
        d.nodes.back().depth = depth;
        for (int c : fb[static_cast<size_t>(b)].children)
            if (fb[static_cast<size_t>(c)].match < 0) vanished(c, depth + 1);
    };
    std::function<void(int, int)> walk = [&](int a, int depth) {
        const Flat& fa_node = fa[static_cast<size_t>(a)];
        d.nodes.push_back(make(fa_node.match >= 0 ? &fb[static_cast<size_t>(fa_node.match)] : nullptr, &fa_node));
        d.nodes.back().depth = depth;
        for (int c : fa_node.children) walk(c, depth + 1);
        if (fa_node.match >= 0)
            for (int c : fb[static_cast<size_t>(fa_node.match)].children)
                if (fb[static_cast<size_t>(c)].match < 0) vanished(c, depth + 1);
    };
    walk(0, 0);
    for (size_t b = 0; b < fb.size(); ++b)  // under a node that vanished while its children stayed
        if (fb[b].match < 0 && !shown[b]) vanished(static_cast<int>(b), 1);

    d.timed = d.before.plan.analyzed && d.after.plan.analyzed;
    d.total_before = d.timed ? d.before.total_ms : d.before.total_cost;
    d.total_after = d.timed ? d.after.total_ms : d.after.total_cost;
    d.buffers_before = buffers(d.before.plan.root);
    d.buffers_after = buffers(d.after.plan.root);

    double pct = d.change_percent();
    bool slower = pct > 0;
    double largest = 0;
    for (size_t i = 0; i < d.nodes.size(); ++i) {
        double change = d.timed ? d.nodes[i].ms_change : d.nodes[i].cost_change;
        if ((slower ? change > 0 : change < 0) && std::fabs(change) > largest) {
            largest = std::fabs(change);
            d.responsible = static_cast<int>(i);
        }
    }
    const char* unit = d.timed ? " ms" : "";
    std::string word = std::fabs(pct) < k_same_percent ? "about the same" : slower ? "slower" : "faster";
    d.verdict = fmt::format("{}: {} {:.{}f}{} → {:.{}f}{} ({:+.1f}%)", word, d.timed ? "time" : "cost", d.total_before,
                            d.timed ? 3 : 2, unit, d.total_after, d.timed ? 3 : 2, unit, pct);
    if (d.buffers_before > 0 || d.buffers_after > 0)
        d.verdict += fmt::format(", buffers {:.0f} → {:.0f}", d.buffers_before, d.buffers_after);
    if (d.responsible >= 0 && word != "about the same") {
        const NodeDiff& r = d.nodes[static_cast<size_t>(d.responsible)];
        const PlanNode& n = r.after ? *r.after : *r.before;
        std::string name = n.type + (n.relation.empty() ? "" : " on " + n.relation);
        const char* how = r.kind == NodeDiff::Kind::appeared ? "appeared"
                        : r.kind == NodeDiff::Kind::vanished ? "vanished"
                        : r.kind == NodeDiff::Kind::changed_type ? "changed type"
                                                                 : "changed";
        d.verdict += fmt::format("; most of it: {} ({}, {:+.{}f}{})", name, how, d.timed ? r.ms_change : r.cost_change,
                                 d.timed ? 3 : 2, unit);
    }
    return out;
}

}  // namespace dbsage
