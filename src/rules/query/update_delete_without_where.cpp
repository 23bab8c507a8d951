#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class UpdateDeleteWithoutWhere final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"update-delete-without-where", "query", Severity::warning, "UPDATE or DELETE without WHERE touches every row", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.query || st.query->has_where) continue;
            if (st.kind != StatementKind::update && st.kind != StatementKind::delete_) continue;
            const std::string table = st.query->tables.empty() ? "the table" : st.query->tables[0].name;
            bool is_delete = st.kind == StatementKind::delete_;
            sink.report(st.location, std::string(is_delete ? "DELETE" : "UPDATE") + " without WHERE changes every row of " + table,
                        is_delete ? "if emptying the table is intended, TRUNCATE is faster and says so; otherwise add the missing WHERE"
                                  : "if every row really must change, do it in batches by key range so locks and WAL stay small; "
                                    "otherwise add the missing WHERE");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_update_delete_without_where() { return std::make_unique<UpdateDeleteWithoutWhere>(); }

}  // namespace dbsage::rules
