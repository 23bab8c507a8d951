// What every command prints its report with: one table of output formats per
// command, which both declares the --format option and renders the report,
// and the one decision whether stdout gets colour.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

namespace dbsage::cli {

// True when stdout is a terminal and NO_COLOR is not set (no-color.org).
bool stdout_color();

// The formats a report can be printed in, the first being the default.
template <class Report>
class Formats {
public:
    using Render = std::function<std::string(const Report&)>;
    Formats(std::initializer_list<std::pair<std::string, Render>> formats) : m_formats(formats) {}

    // Adds --format to cmd, accepting exactly this table's names, into chosen.
    // note, when given, follows the list in the option's help.
    CLI::Option* add_option(CLI::App* cmd, std::string& chosen, const std::string& note = "") const {
        std::vector<std::string> names;
        for (const auto& [name, render] : m_formats) names.push_back(name);
        chosen = names.front();
        std::string help = describe(names) + (note.empty() ? "" : " (" + note + ")");
        return cmd->add_option("--format", chosen, help)->check(CLI::IsMember(names));
    }

    // The report in the chosen format (CLI11 already refused other names).
    std::string render(const std::string& chosen, const Report& report) const {
        for (const auto& [name, render] : m_formats)
            if (name == chosen) return render(report);
        return m_formats.front().second(report);
    }

private:
    // "text, json or sql"
    static std::string describe(const std::vector<std::string>& names) {
        std::string out;
        for (size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
        return out;
    }

    std::vector<std::pair<std::string, Render>> m_formats;
};

}  // namespace dbsage::cli
