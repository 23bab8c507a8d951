#include "rules/helpers.h"
#include "rules/rule.h"

namespace dbsage::rules {
namespace {

class StatementTooLarge final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"statement-too-large", "syntax", Severity::warning,
                                     "statement too large or nested too deeply to analyse", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (st.kind != StatementKind::invalid || !st.too_large) continue;
            sink.report(st.location, st.error,
                        "no rule checked this statement (PostgreSQL may well accept it); the rest of the file was "
                        "checked. Raise max_statement_bytes in .dbsage.toml to analyse larger statements, at about "
                        "40 bytes of memory per byte of SQL");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_statement_too_large() { return std::make_unique<StatementTooLarge>(); }

}  // namespace dbsage::rules
