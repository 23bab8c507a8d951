#include <map>

#include <nlohmann/json.hpp>

#include "report/report.h"

namespace dbsage {

std::string format_sarif(const ReportContext& ctx) {
    using nlohmann::json;
    auto level = [](Severity s) {
        return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
    };
    json rules = json::array();
    std::map<std::string, int> rule_index;
    for (const auto& r : ctx.rules) {
        rule_index[r.id] = static_cast<int>(rules.size());
        json rule = {
            {"id", r.id},
            {"name", r.id},
            {"shortDescription", {{"text", r.summary}}},
            {"defaultConfiguration", {{"level", level(r.severity)}}},
        };
        if (!r.doc.empty()) rule["help"] = {{"text", r.doc}, {"markdown", r.doc}};
        rules.push_back(std::move(rule));
    }
    json results = json::array();
    for (const auto& f : ctx.report.findings) {
        std::string text = f.message + (f.help.empty() ? "" : ". " + f.help);
        json result = {{"ruleId", f.rule}, {"level", level(f.severity)}, {"message", {{"text", text}}}};
        if (auto it = rule_index.find(f.rule); it != rule_index.end()) result["ruleIndex"] = it->second;
        json location = json::object();
        if (!f.location.file.empty()) {
            json region = {{"startLine", std::max(1, f.location.line)}};
            if (f.location.column > 0) region["startColumn"] = f.location.column;
            location["physicalLocation"] = {{"artifactLocation", {{"uri", f.location.file}}}, {"region", region}};
        }
        if (!f.location.object.empty())
            location["logicalLocations"] = json::array({{{"fullyQualifiedName", f.location.object}}});
        if (!location.empty()) result["locations"] = json::array({location});
        if (f.fix) result["properties"] = {{"fix", *f.fix}};
        results.push_back(std::move(result));
    }
    json sarif = {
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", json::array({{
            {"tool", {{"driver", {{"name", "dbsage"},
                                  {"version", "0.1.0"}, {"rules", rules}}}}},
            {"results", results},
        }})},
    };
    return sarif.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace dbsage
