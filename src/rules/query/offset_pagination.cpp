#include <algorithm>
#include <cctype>
#include <optional>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class OffsetPagination final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"offset-pagination", "query", Severity::warning, "OFFSET pagination reads and discards every skipped row", k_all_engines, {}};
        return k_info;
    }

    // Byte offset of the keyword `word` (case-insensitive) last seen before `before`.
    static size_t keyword_before(const std::string& text, const std::string& word, size_t before) {
        std::string lower = to_lower(text.substr(0, before));
        size_t at = lower.rfind(word);
        return at;
    }

    static std::optional<std::string> keyset_rewrite(const Statement& st, const Query& q) {
        if (q.order_by.empty() || !q.group_by.empty() || q.offset_offset < 0) return std::nullopt;
        std::vector<std::string> columns, params;
        bool descending = q.order_by[0].descending;
        for (const auto& item : q.order_by) {
            if (item.column.empty() || item.descending != descending) return std::nullopt;
            columns.push_back(item.expression);
            params.push_back(":last_" + item.column);
        }
        const std::string& text = st.text;
        size_t offset_kw = keyword_before(text, "offset", static_cast<size_t>(q.offset_offset));
        size_t order_kw = keyword_before(text, "order", static_cast<size_t>(q.order_by[0].offset));
        if (offset_kw == std::string::npos || order_kw == std::string::npos) return std::nullopt;
        // OFFSET value runs to the next space, semicolon or end.
        size_t value_end = text.find_first_of(" \t\n;", static_cast<size_t>(q.offset_offset));
        if (value_end == std::string::npos) value_end = text.size();
        std::string lhs = columns.size() == 1 ? columns[0] : "(" + join(columns, ", ") + ")";
        std::string rhs = params.size() == 1 ? params[0] : "(" + join(params, ", ") + ")";
        std::string condition = lhs + (descending ? " < " : " > ") + rhs;
        std::string out = text.substr(0, offset_kw);
        while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
        out += text.substr(value_end);
        std::string head = out.substr(0, order_kw);
        std::string tail = out.substr(order_kw);
        while (!head.empty() && std::isspace(static_cast<unsigned char>(head.back()))) head.pop_back();
        return head + (q.has_where ? "\n  AND " : "\nWHERE ") + condition + "\n" + tail;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.query || st.kind != StatementKind::select) continue;
            const Query& q = *st.query;
            if (!q.offset || *q.offset == "0") continue;
            std::string help = q.order_by.empty()
                ? "without ORDER BY pages are not even stable; order by a unique key and page with WHERE key > the last key seen"
                : "page N reads and throws away N x page size rows, so deep pages get slower and rows shift between "
                  "pages under concurrent writes; use keyset pagination: remember the last row's sort key and filter on it";
            sink.report(st.location_at(q.offset_offset), "query pages with OFFSET " + *q.offset, help,
                        keyset_rewrite(st, q));
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_offset_pagination() { return std::make_unique<OffsetPagination>(); }

}  // namespace dbsage::rules
