#include <fmt/format.h>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

// A trigram (or any GIN) index that mentions the column already serves it.
bool has_gin_on(const Table& t, const std::string& column) {
    for (const auto& index : t.indexes) {
        if (index.method != "gin" && index.method != "gist") continue;
        for (const auto& key : index.keys)
            if (key.column == column || key.expression.find(column) != std::string::npos) return true;
    }
    return false;
}

class LeadingWildcardLike final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"leading-wildcard-like", "query", Severity::warning,
                                     "LIKE or ILIKE with a leading wildcard reads every row", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.query) continue;
            for_each_query(*st.query, [&](const Query& q) {
                auto consider = [&](const Predicate& p) {
                    if (p.op != "LIKE" && p.op != "ILIKE") return;
                    if (p.operand != Predicate::Operand::constant || p.value.size() < 2 || (p.value[1] != '%' && p.value[1] != '_')) return;
                    const Table* t = table_of_column(ctx.schema, q, p.qualifier, p.column);
                    if (known_small_table(t) || (t && has_gin_on(*t, p.column))) return;
                    std::optional<std::string> fix;
                    std::string help;
                    if (ctx.dialect == Dialect::postgres) {
                        help = "a B-tree index serves only patterns with a fixed start; a trigram index (pg_trgm) serves any "
                               "substring, and full-text search (tsvector) serves words";
                        if (t)
                            fix = fmt::format("CREATE EXTENSION IF NOT EXISTS pg_trgm;\nCREATE INDEX CONCURRENTLY {} ON {} USING gin ({} gin_trgm_ops);",
                                              quote_ident(t->name + "_" + p.column + "_trgm_idx"), sql_name(*t), quote_ident(p.column));
                    } else if (ctx.dialect == Dialect::sqlite) {
                        help = "no index serves a pattern that starts with a wildcard; an FTS5 table over the column serves words";
                    } else {
                        help = "no B-tree index serves a pattern that starts with a wildcard; a FULLTEXT index with MATCH … AGAINST serves words";
                    }
                    sink.report(st.location_at(p.offset),
                                fmt::format("{} {} {}: the pattern starts with a wildcard, so every row of {} is read and tested",
                                            p.column, p.op, p.value, t ? t->name : std::string("the table")),
                                help, fix);
                };
                for (const auto& p : q.predicates) consider(p);
                for (const auto& p : q.expression_predicates) consider(p);
            });
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_leading_wildcard_like() { return std::make_unique<LeadingWildcardLike>(); }

}  // namespace dbsage::rules
