#include "report/locks_report.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace dbsage {
namespace {

std::string first_line(const std::string& sql, size_t width) {
    std::string line = sql.substr(0, sql.find('\n'));
    if (line.size() > width) line = line.substr(0, width - 1) + "…";
    return line;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

std::string format_locks_text(const LocksReport& report, bool traced) {
    std::string out = fmt::format("{:<28} {:<28} {:<25} {:<8} {:<34} {}\n", "LOCATION", "TABLE", "LOCK",
                                  traced ? "REWRITE" : "EFFECT", "BLOCKS", "STATEMENT");
    for (const auto& st : report.statements) {
        std::string where = st.location.file + ":" + std::to_string(st.location.line);
        std::string sql = first_line(st.sql, 60);
        if (!st.error.empty()) {
            out += fmt::format("{:<28} {}\n{:<28} error: {}\n", where, sql, "", st.error);
            continue;
        }
        if (st.locks.empty()) {
            std::string note = st.observed ? "no new lock on existing tables" : "not observed (runs outside a transaction)";
            out += fmt::format("{:<28} {:<28} {:<25} {:<8} {:<34} {}\n", where, "-", note, "", "", sql);
            continue;
        }
        for (const auto& lock : st.locks) {
            std::string effect = contains(st.rewrites, lock.table) ? "rewrite"
                               : contains(st.scans, lock.table) ? "scan" : "";
            std::string blocks;
            for (const auto& b : st.blocks) blocks += (blocks.empty() ? "" : ", ") + b;
            out += fmt::format("{:<28} {:<28} {:<25} {:<8} {:<34} {}\n", where, lock.table, lock.mode, effect,
                               blocks.empty() ? "-" : blocks, sql);
        }
    }
    if (traced) {
        out += report.disagreements.empty() ? "\nPrediction and observation agree on every statement.\n"
                                            : "\nPrediction and observation disagree:\n";
        for (const auto& d : report.disagreements) out += "  " + d + "\n";
    }
    return out;
}

std::string format_locks_json(const LocksReport& report, bool traced) {
    using nlohmann::json;
    json statements = json::array();
    for (const auto& st : report.statements) {
        json locks = json::array();
        for (const auto& l : st.locks) locks.push_back({{"table", l.table}, {"mode", l.mode}});
        json entry = {
            {"file", st.location.file}, {"line", st.location.line}, {"sql", st.sql}, {"locks", locks},
            {"rewrites", st.rewrites}, {"scans", traced ? json() : json(st.scans)}, {"blocks", st.blocks},
            {"outside_transaction", st.outside_transaction},
        };
        if (traced) {
            entry["observed"] = st.observed;
            entry["error"] = st.error.empty() ? json() : json(st.error);
        }
        statements.push_back(std::move(entry));
    }
    json out = {{"statements", statements}};
    if (traced) out["disagreements"] = report.disagreements;
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace dbsage
