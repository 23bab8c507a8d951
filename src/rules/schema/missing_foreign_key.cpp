#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class MissingForeignKey final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"missing-foreign-key", "schema", Severity::warning, "a <name>_id column matches a table's key but has no foreign key", k_all_engines, {}};
        return k_info;
    }

    static const Table* target_for(const Schema& schema, const Table& self, const std::string& stem) {
        for (const std::string& name : {stem, stem + "s", stem + "es",
                                        ends_with(stem, "y") ? stem.substr(0, stem.size() - 1) + "ies" : stem}) {
            const Table* t = schema.find_table(self.schema, name);
            if (t && t->primary_key() && t->primary_key()->columns.size() == 1) return t;
        }
        return nullptr;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            for (const auto& c : t.columns) {
                if (c.name.size() <= 3 || !ends_with(c.name, "_id")) continue;
                bool has_fk = std::any_of(t.constraints.begin(), t.constraints.end(), [&](const Constraint& k) {
                    return k.kind == ConstraintKind::foreign_key &&
                           std::find(k.columns.begin(), k.columns.end(), c.name) != k.columns.end();
                });
                if (has_fk) continue;
                std::string stem = c.name.substr(0, c.name.size() - 3);
                const Table* target = target_for(ctx.schema, t, stem);
                if (!target) continue;
                // x_type beside x_id is a polymorphic association: its own rule speaks of it.
                if (t.find_column(stem + "_type")) continue;
                const std::string& key = target->primary_key()->columns[0];
                std::string constraint = t.name + "_" + c.name + "_fkey";
                std::optional<std::string> fix;
                if (ctx.dialect == Dialect::postgres)
                    fix = "ALTER TABLE " + sql_name(t) + " ADD CONSTRAINT " + quote_ident(constraint) +
                          " FOREIGN KEY (" + quote_ident(c.name) + ") REFERENCES " + sql_name(*target) + " (" +
                          quote_ident(key) + ") NOT VALID;\nALTER TABLE " + sql_name(t) + " VALIDATE CONSTRAINT " +
                          quote_ident(constraint) + ";";
                if (ctx.dialect == Dialect::mysql)
                    fix = "ALTER TABLE " + sql_name(t) + " ADD CONSTRAINT " + quote_ident(constraint) + " FOREIGN KEY (" +
                          quote_ident(c.name) + ") REFERENCES " + sql_name(*target) + " (" + quote_ident(key) + ");";
                std::string how = ctx.dialect == Dialect::postgres
                                      ? "declare the foreign key (NOT VALID first on a large table, then VALIDATE)"
                                  : ctx.dialect == Dialect::mysql
                                      ? "declare the foreign key (InnoDB adds it in place without blocking writes when "
                                        "foreign_key_checks is off for the session, but then does not check existing rows)"
                                      : "declare the foreign key (SQLite enforces it only with PRAGMA foreign_keys = ON)";
                sink.report(at_column(t, c),
                            t.name + "." + c.name + " looks like a reference to " + target->name + "." + key +
                                " but has no foreign key",
                            "without the constraint nothing stops orphan rows and the planner cannot rely on the "
                            "relationship; " + how,
                            fix);
            }
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_missing_foreign_key() { return std::make_unique<MissingForeignKey>(); }

}  // namespace dbsage::rules
