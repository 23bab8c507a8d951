#include "rules/helpers.h"
#include "rules/rule.h"

namespace dbsage::rules {
namespace {

class StatementFails final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"statement-fails", "migration", Severity::error,
                                     "statement the engine would reject on the schema before it", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        // MySQL- and SQLite-dialect files run in a scratch engine: a statement
        // its grammar accepts but that fails there is marked "fails".
        for (const auto& st : ctx.statements)
            if (st.kind == StatementKind::invalid && st.node == "fails")
                sink.report(st.location, "this statement fails: " + st.error,
                            "the engine ran it against the schema the files built so far and it failed there (a "
                            "missing table or column, a duplicate name, a key too long); the later statements were still run");
        for (size_t i = 0; i < ctx.statements.size() && i < ctx.migration.size(); ++i)
            for (const auto& failure : ctx.migration[i].failures)
                sink.report(ctx.statements[i].location, "this statement fails: " + failure,
                            "PostgreSQL rejects it, which stops the migration (and rolls back its transaction); "
                            "nothing it defines is created, so the rules do not judge its definition either: fix the "
                            "order or the name, or use the IF [NOT] EXISTS form where re-running is intended");
    }
};

}  // namespace

std::unique_ptr<Rule> make_statement_fails() { return std::make_unique<StatementFails>(); }

}  // namespace dbsage::rules
