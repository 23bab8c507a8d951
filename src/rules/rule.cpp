#include "rules/rule.h"

#include <charconv>

namespace dbsage {

int RuleOptions::get_int(std::string_view name, int fallback) const {
    auto it = m_values.find(name);
    if (it == m_values.end()) return fallback;
    int value = fallback;
    auto [ptr, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
    return ec == std::errc() ? value : fallback;
}

std::string RuleOptions::get_string(std::string_view name, std::string_view fallback) const {
    auto it = m_values.find(name);
    return it == m_values.end() ? std::string(fallback) : it->second;
}

void FindingSink::report(Location location, std::string message, std::string help, std::optional<std::string> fix) {
    Finding f;
    f.rule = std::string(m_rule);
    f.severity = m_severity;
    f.message = std::move(message);
    f.help = std::move(help);
    f.location = std::move(location);
    f.fix = std::move(fix);
    m_out.push_back(std::move(f));
}

}  // namespace dbsage
