#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class UniqueIgnoresSoftDelete final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"unique-ignores-soft-delete", "schema", Severity::warning, "unique constraint on a soft-deleted table counts deleted rows", k_postgres | k_sqlite, {}};
        return k_info;
    }

    static const Column* soft_delete_column(const Table& t) {
        for (const char* name : {"deleted_at", "is_deleted", "deleted", "archived_at"})
            if (const Column* c = t.find_column(name)) return c;
        return nullptr;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            const Column* marker = soft_delete_column(t);
            if (!marker) return;
            for (const auto& idx : t.indexes) {
                if (!idx.unique || idx.primary) continue;
                if (std::find(idx.predicate_columns.begin(), idx.predicate_columns.end(), marker->name) !=
                    idx.predicate_columns.end())
                    continue;
                bool has_marker_key = std::any_of(idx.keys.begin(), idx.keys.end(),
                                                  [&](const IndexKey& k) { return k.column == marker->name; });
                if (has_marker_key) continue;
                std::vector<std::string> keys;
                for (const auto& k : idx.keys) keys.push_back(k.column.empty() ? k.expression : quote_ident(k.column));
                std::string condition = marker->name == "deleted_at" || marker->name == "archived_at"
                    ? quote_ident(marker->name) + " IS NULL" : "NOT " + quote_ident(marker->name);
                sink.report(at_index(t, idx),
                            "unique " + idx.name + " on " + t.name + " also counts soft-deleted rows",
                            "once a row is soft-deleted (" + marker->name + ") its values can never be reused; make the "
                            "uniqueness partial so it only applies to live rows",
                            create_index_sql(ctx.dialect, t, idx.name + "_live", join(keys, ", "), true, condition));
            }
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_unique_ignores_soft_delete() { return std::make_unique<UniqueIgnoresSoftDelete>(); }

}  // namespace dbsage::rules
