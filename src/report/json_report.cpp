#include <nlohmann/json.hpp>

#include "report/report.h"

namespace dbsage {
namespace {

nlohmann::json or_null(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }
nlohmann::json or_null(int n) { return n > 0 ? nlohmann::json(n) : nlohmann::json(); }

}  // namespace

std::string format_json(const ReportContext& ctx) {
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& f : ctx.report.findings) {
        findings.push_back({
            {"rule", f.rule},
            {"severity", to_string(f.severity)},
            {"message", f.message},
            {"help", or_null(f.help)},
            {"file", or_null(f.location.file)},
            {"line", or_null(f.location.line)},
            {"column", or_null(f.location.column)},
            {"object", or_null(f.location.object)},
            {"fix", f.fix ? nlohmann::json(*f.fix) : nlohmann::json()},
        });
    }
    auto counts = count_by_severity(ctx.report.findings);
    nlohmann::json out = {
        {"findings", findings},
        {"summary", {{"total", ctx.report.findings.size()}, {"errors", counts[0]}, {"warnings", counts[1]},
                     {"info", counts[2]}, {"files", ctx.report.files}, {"statements", ctx.report.statements}}},
    };
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string format_github(const ReportContext& ctx) {
    // GitHub workflow commands: ::warning file=…,line=…,col=…,title=…::message
    auto escape_data = [](std::string s) {
        std::string out;
        for (char c : s) {
            if (c == '%') out += "%25";
            else if (c == '\r') out += "%0D";
            else if (c == '\n') out += "%0A";
            else out += c;
        }
        return out;
    };
    auto escape_property = [&](std::string s) {
        std::string out;
        for (char c : escape_data(std::move(s))) {
            if (c == ':') out += "%3A";
            else if (c == ',') out += "%2C";
            else out += c;
        }
        return out;
    };
    std::string out;
    for (const auto& f : ctx.report.findings) {
        const char* level = f.severity == Severity::error ? "error" : f.severity == Severity::warning ? "warning" : "notice";
        out += std::string("::") + level + " ";
        if (!f.location.file.empty()) {
            out += "file=" + escape_property(f.location.file) + ",line=" + std::to_string(f.location.line) +
                   ",col=" + std::to_string(f.location.column) + ",";
        }
        out += "title=" + escape_property("dbsage " + f.rule) + "::";
        std::string message = f.message;
        if (!f.location.object.empty() && f.location.file.empty()) message = f.location.object + ": " + message;
        if (!f.help.empty()) message += "\n" + f.help;
        out += escape_data(message) + "\n";
    }
    return out;
}

std::string format_markdown(const ReportContext& ctx) {
    std::string out = "| severity | rule | location | message |\n|---|---|---|---|\n";
    auto cell = [](std::string s) {
        std::string o;
        for (char c : s) o += c == '|' ? std::string("\\|") : c == '\n' ? std::string(" ") : std::string(1, c);
        return o;
    };
    for (const auto& f : ctx.report.findings) {
        std::string where = f.location.file.empty() ? f.location.object
                          : f.location.file + ":" + std::to_string(f.location.line);
        out += "| " + std::string(to_string(f.severity)) + " | `" + f.rule + "` | " + cell(where) + " | " +
               cell(f.message) + (f.help.empty() ? "" : " — " + cell(f.help)) + " |\n";
    }
    auto counts = count_by_severity(ctx.report.findings);
    out += "\n" + std::to_string(ctx.report.findings.size()) + " findings: " + std::to_string(counts[0]) + " errors, " +
           std::to_string(counts[1]) + " warnings, " + std::to_string(counts[2]) + " info.\n";
    return out;
}

}  // namespace dbsage
