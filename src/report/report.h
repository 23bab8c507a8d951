// Output formats. They see only findings, source texts and rule metadata.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "dbsage/lint.h"

namespace dbsage {

enum class Format { text, json, sarif, github, markdown };

struct RuleMeta {
    std::string id;
    std::string summary;
    Severity severity = Severity::warning;
    std::string doc;  // the rule's doc page (markdown)
};

struct ReportContext {
    const LintReport& report;
    const std::vector<RuleMeta>& rules;
    bool color = false;
};

std::string format_text(const ReportContext& ctx);
std::string format_json(const ReportContext& ctx);
std::string format_sarif(const ReportContext& ctx);
std::string format_github(const ReportContext& ctx);
std::string format_markdown(const ReportContext& ctx);

// Counts of findings by severity: {error, warning, info}.
std::array<int, 3> count_by_severity(const std::vector<Finding>& findings);

}  // namespace dbsage
