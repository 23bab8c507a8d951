#include <iostream>

#include <fmt/format.h>

#include "commands.h"
#include "explain/explain.h"
#include "rules/rule.h"
#include "rules/rule_docs.h"

namespace dbsage::cli {
namespace {

std::string engines_text(unsigned engines) {
    std::string out;
    if (engines & k_postgres) out += "postgres";
    if (engines & k_sqlite) out += out.empty() ? "sqlite" : ",sqlite";
    if (engines & k_mysql) out += out.empty() ? "mysql" : ",mysql";
    return out;
}

int run_rules(const std::string& id) {
    if (!id.empty()) {
        const Rule* rule = find_rule(id);
        if (!rule && !rule_doc(id).empty()) {  // a plan rule: dbsage explain's findings
            std::cout << rule_doc(id);
            return 0;
        }
        if (!rule) {
            std::cerr << "dbsage: no rule named '" << id << "' (run 'dbsage rules' for the list)\n";
            return 2;
        }
        auto doc = rule_doc(id);
        if (doc.empty()) std::cout << id << ": " << rule->info().summary << "\n";
        else std::cout << doc;
        return 0;
    }
    std::cout << fmt::format("{:<44} {:<8} {:<9} {:<22} {}\n", "RULE", "SEVERITY", "GROUP", "ENGINES", "SUMMARY");
    for (const auto& rule : all_rules()) {
        const auto& info = rule->info();
        std::string severity(to_string(info.severity));
        std::cout << fmt::format("{:<44} {:<8} {:<9} {:<22} {}{}\n", info.id, severity, info.group,
                                 engines_text(info.engines), info.summary,
                                 info.enabled_by_default ? "" : " (off by default)");
    }
    for (const auto& plan_id : plan_rule_ids()) {
        // The page's first paragraph after the header line is its summary.
        std::string doc(rule_doc(plan_id));
        size_t start = doc.find("\n\n", doc.find("**Group:**"));
        std::string summary = start == std::string::npos ? "" : doc.substr(start + 2, doc.find('\n', start + 2) - start - 2);
        std::cout << fmt::format("{:<44} {:<8} {:<9} {:<22} {}\n", plan_id, "varies", "plan", "see doc", summary);
    }
    return 0;
}

}  // namespace

Runner register_rules(CLI::App& app) {
    auto id = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("rules", "List the rules, or print one rule's documentation");
    cmd->add_option("id", *id, "rule id");
    return [id] { return run_rules(*id); };
}

}  // namespace dbsage::cli
