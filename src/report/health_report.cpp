#include "report/health_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "util/strings.h"

namespace dbsage {
namespace {

const char* mark(HealthLevel level) {
    switch (level) {
        case HealthLevel::critical: return "RED   ";
        case HealthLevel::warning: return "YELLOW";
        default: return "GREEN ";
    }
}

const char* color_of(HealthLevel level) {
    switch (level) {
        case HealthLevel::critical: return "1;31";
        case HealthLevel::warning: return "1;33";
        case HealthLevel::info: return "1;36";
        default: return "1;32";
    }
}

std::string paint(bool on, const char* code, const std::string& text) {
    return on ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
}

int count(const HealthReport& r, const std::string& area, HealthLevel level) {
    int n = 0;
    for (const auto& f : r.findings) n += f.area == area && f.level == level;
    return n;
}

std::string indent(const std::string& text, const std::string& prefix) {
    std::string out;
    for (const auto& line : split(text, '\n')) out += prefix + line + "\n";
    return out;
}

// Plain decimals: Nagios' performance data grammar has no exponents.
std::string perf_number(double value) {
    if (value == static_cast<double>(static_cast<long long>(value))) return fmt::format("{:.0f}", value);
    return fmt::format("{:.2f}", value);
}

}  // namespace

std::string format_health_text(const HealthReport& r, bool color) {
    std::ostringstream out;
    out << paint(color, "1", "dbsage health") << " · " << r.engine << " · " << r.target << "\n\n";
    for (const auto& a : r.areas) {
        int warnings = count(r, a.name, HealthLevel::warning), criticals = count(r, a.name, HealthLevel::critical);
        std::string summary = criticals + warnings == 0 ? "ok" : fmt::format("{} critical, {} warning", criticals, warnings);
        out << "  " << paint(color, color_of(a.level), mark(a.level)) << "  " << fmt::format("{:<12}", a.name) << summary << "\n";
    }
    for (const auto& area : health_areas()) {
        bool header = false;
        for (const auto& f : r.findings) {
            if (f.area != area) continue;
            if (!header) {
                out << "\n" << paint(color, "1", area) << "\n";
                header = true;
            }
            out << "  " << paint(color, color_of(f.level), level_name(f.level)) << "[" << f.check << "] " << f.object << ": " << f.what << "\n";
            if (!f.why.empty()) out << "    why: " << f.why << "\n";
            if (!f.sql.empty()) out << indent(f.sql, "    | ");
        }
    }
    if (!r.notes.empty()) {
        out << "\nnotes\n";
        for (const auto& n : r.notes) out << "  - " << n << "\n";
    }
    if (!r.recorded_to.empty()) out << "\nsnapshot recorded to " << r.recorded_to << "\n";
    if (r.snapshots > 0) out << "trends from " << r.snapshots << " snapshot(s)\n";
    int warnings = 0, criticals = 0;
    for (const auto& f : r.findings) {
        warnings += f.level == HealthLevel::warning;
        criticals += f.level == HealthLevel::critical;
    }
    out << "\n" << fmt::format("{}: {} critical, {} warning", level_name(r.worst() == HealthLevel::info ? HealthLevel::ok : r.worst()),
                               criticals, warnings)
        << "\n";
    return out.str();
}

std::string format_health_markdown(const HealthReport& r) {
    std::ostringstream out;
    out << "# dbsage health: " << r.engine << "\n\n| area | status | critical | warning |\n|---|---|---|---|\n";
    for (const auto& a : r.areas)
        out << "| " << a.name << " | " << (a.level == HealthLevel::critical ? "🔴" : a.level == HealthLevel::warning ? "🟡" : "🟢") << " "
            << level_name(a.level) << " | " << count(r, a.name, HealthLevel::critical) << " | " << count(r, a.name, HealthLevel::warning)
            << " |\n";
    for (const auto& f : r.findings) {
        out << "\n### " << level_name(f.level) << " · " << f.check << " · `" << f.object << "`\n\n" << f.what << "\n";
        if (!f.why.empty()) out << "\n" << f.why << "\n";
        if (!f.sql.empty()) out << "\n```sql\n" << f.sql << "\n```\n";
    }
    if (!r.notes.empty()) {
        out << "\n## Notes\n\n";
        for (const auto& n : r.notes) out << "- " << n << "\n";
    }
    return out.str();
}

std::string format_health_json(const HealthReport& r) {
    using nlohmann::json;
    json areas = json::array(), findings = json::array(), metrics = json::array();
    for (const auto& a : r.areas) areas.push_back({{"area", a.name}, {"status", level_name(a.level)}});
    for (const auto& f : r.findings)
        findings.push_back({{"check", f.check}, {"area", f.area}, {"level", level_name(f.level)}, {"object", f.object},
                            {"what", f.what}, {"why", f.why}, {"sql", f.sql}});
    for (const auto& m : r.metrics)
        metrics.push_back({{"name", m.name}, {"value", m.value}, {"unit", m.unit}, {"warn", m.warn}, {"crit", m.crit}});
    json out = {{"engine", r.engine},     {"target", r.target},   {"status", level_name(r.worst())},
                {"exit_code", r.exit_code()}, {"areas", areas},   {"findings", findings},
                {"metrics", metrics},     {"notes", r.notes},     {"snapshots", r.snapshots}};
    if (!r.recorded_to.empty()) out["recorded_to"] = r.recorded_to;
    return out.dump(2) + "\n";
}

std::string format_health_nagios(const HealthReport& r) {
    const char* state = r.exit_code() == 3 ? "CRITICAL" : r.exit_code() == 1 ? "WARNING" : "OK";
    std::vector<std::string> worst;
    for (HealthLevel level : {HealthLevel::critical, HealthLevel::warning})
        for (const auto& f : r.findings)
            if (f.level == level && worst.size() < 3) worst.push_back(f.check + " " + f.object);
    int problems = 0;
    for (const auto& f : r.findings) problems += f.level >= HealthLevel::warning;
    std::string text = problems == 0 ? fmt::format("{} areas ok", r.areas.size())
                                     : fmt::format("{} problem(s): {}{}", problems, join(worst, ", "), problems > 3 ? ", …" : "");
    std::vector<std::string> perf;
    for (const auto& m : r.metrics) {
        std::string unit = m.unit == "B" ? "B" : m.unit == "%" ? "%" : m.unit == "s" ? "s" : "";
        perf.push_back(fmt::format("{}={}{};{};{}", m.name, perf_number(m.value), unit, m.warn > 0 ? perf_number(m.warn) : "",
                                   m.crit > 0 ? perf_number(m.crit) : ""));
    }
    // Nagios reads '|' as the start of the performance data.
    std::replace(text.begin(), text.end(), '|', '/');
    return fmt::format("DBSAGE HEALTH {} - {}{}{}\n", state, text, perf.empty() ? "" : " | ", join(perf, " "));
}

}  // namespace dbsage
