#include "report/tune_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "util/strings.h"

namespace dbsage {

std::string format_tune_text(const TuneReport& r) {
    std::ostringstream out;
    out << "dbsage tune · " << r.engine << (r.target.empty() ? "" : " · " + r.target) << "\n";
    out << "machine: " << r.machine << "\n\n";
    if (r.target.empty()) out << "recommended settings (no server to compare with):\n";
    else if (r.items.empty()) out << r.settings_checked << " settings checked: none is more than 5% off\n";
    else out << r.settings_checked << " settings checked, " << r.items.size() << " more than 5% off:\n";
    for (const auto& i : r.items) {
        std::string change = i.live.empty() ? i.recommended : i.live + " -> " + i.recommended;
        out << fmt::format("  {:<34} {}{}\n", i.name, change, i.restart ? "  (restart)" : "");
        out << "      " << i.why << "\n";
    }
    if (!r.warnings.empty()) {
        out << "\nwarnings:\n";
        for (const auto& w : r.warnings) out << "  - " << w << "\n";
    }
    if (!r.notes.empty()) {
        out << "\nnotes:\n";
        for (const auto& n : r.notes) out << "  - " << n << "\n";
    }
    if (!r.apply.empty()) {
        out << "\napply (dbsage never does):\n";
        for (const auto& line : split(r.apply, '\n'))
            if (!line.empty()) out << "  " << line << "\n";
    }
    return out.str();
}

std::string format_tune_json(const TuneReport& r) {
    using nlohmann::json;
    json items = json::array();
    for (const auto& i : r.items)
        items.push_back({{"name", i.name}, {"live", i.live}, {"recommended", i.recommended}, {"why", i.why}, {"restart", i.restart}});
    json out = {{"engine", r.engine}, {"target", r.target}, {"machine", r.machine}, {"settings_checked", r.settings_checked},
                {"items", items},     {"warnings", r.warnings}, {"notes", r.notes}, {"apply", r.apply}};
    return out.dump(2) + "\n";
}

std::string format_tune_sql(const TuneReport& r) { return r.apply; }

}  // namespace dbsage
