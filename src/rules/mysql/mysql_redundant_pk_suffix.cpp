#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class MysqlRedundantPkSuffix final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"mysql-redundant-pk-suffix", "mysql", Severity::warning, "secondary index ends with the primary key, which InnoDB appends already", k_mysql, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            const Constraint* pk = t.primary_key();
            if (!pk || to_lower(t.engine) != "innodb") return;
            const auto& pkc = pk->columns;
            for (const auto& i : t.indexes) {
                if (i.primary || i.unique || i.keys.size() < 2 || i.method != "btree") continue;
                // The longest tail of the key that is a leading part of the primary
                // key, in order: InnoDB appends the primary key, so the tail adds nothing.
                size_t tail = 0;
                for (size_t n = std::min(pkc.size(), i.keys.size() - 1); n >= 1 && !tail; --n) {
                    size_t start = i.keys.size() - n;
                    bool match = true;
                    for (size_t k = 0; k < n; ++k)
                        match = match && i.keys[start + k].column == pkc[k] && i.keys[start + k].prefix_length == 0;
                    if (match) tail = n;
                }
                if (!tail) continue;
                size_t start = i.keys.size() - tail;
                std::vector<std::string> kept;
                for (size_t k = 0; k < start; ++k) {
                    const auto& key = i.keys[k];
                    std::string col = key.column.empty() ? key.expression : quote_ident(key.column);
                    if (key.prefix_length) col += "(" + std::to_string(key.prefix_length) + ")";
                    kept.push_back(col + (key.descending ? " DESC" : ""));
                }
                std::string keys = join(kept, ", ");
                sink.report(at_index(t, i),
                            "index " + i.name + " on " + t.name + " ends with " +
                                (tail == pkc.size() ? "the primary key (" : "the start of the primary key (") +
                                join(std::vector<std::string>(pkc.begin(), pkc.begin() + static_cast<long>(tail)), ", ") + ")",
                            "InnoDB stores the primary key in every secondary index entry already, so (" + keys +
                                ") finds and orders the same rows; the extra columns only make the index bigger",
                            "ALTER TABLE " + sql_name(t) + " DROP INDEX " + quote_ident(i.name) + ", ADD INDEX " +
                                quote_ident(i.name) + " (" + keys + "), ALGORITHM=INPLACE, LOCK=NONE;");
            }
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_mysql_redundant_pk_suffix() { return std::make_unique<MysqlRedundantPkSuffix>(); }

}  // namespace dbsage::rules
