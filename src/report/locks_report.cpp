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

// Agreement is claimed only for what was seen: failed and unobserved
// statements are counted and never folded into "agree".
std::string trace_verdict(const LocksReport& report) {
    int failed = report.failed(), unobserved = report.unobserved();
    int observed = static_cast<int>(report.statements.size()) - failed - unobserved;
    std::string out;
    if (!report.disagreements.empty()) {
        out += "\nPrediction and observation disagree:\n";
        for (const auto& d : report.disagreements) out += "  " + d + "\n";
    } else if (failed == 0 && unobserved == 0) {
        out += "\nPrediction and observation agree on every statement.\n";
    } else {
        out += fmt::format("\nPrediction and observation agree on the {} observed statement{}.\n", observed,
                           observed == 1 ? "" : "s");
    }
    if (unobserved > 0) {
        out += fmt::format("Not observed: {} statement{}:\n", unobserved, unobserved == 1 ? "" : "s");
        for (const auto& st : report.statements)
            if (!st.observed)
                out += fmt::format("  {}:{}: {}\n", st.location.file, st.location.line, st.unobserved_reason);
    }
    if (failed > 0) {
        out += fmt::format("Failed on the server: {} statement{} (not compared):\n", failed, failed == 1 ? "" : "s");
        for (const auto& st : report.statements)
            if (!st.error.empty()) out += fmt::format("  {}:{}: {}\n", st.location.file, st.location.line, st.error);
    }
    for (const auto& note : report.notes) out += "Note: " + note + "\n";
    return out;
}

}  // namespace

std::string format_locks_text(const LocksReport& report, bool traced) {
    std::string out = fmt::format("{:<28} {:<28} {:<25} {:<8} {:<34} {}\n", "LOCATION", "TABLE", "LOCK",
                                  traced ? "REWRITE" : "EFFECT", "BLOCKS", "STATEMENT");
    bool any_unknown = false;
    for (const auto& st : report.statements) {
        std::string where = file_line(st.location);
        std::string sql = first_line(st.sql, 60);
        if (!st.error.empty()) {
            out += fmt::format("{:<28} {}\n{:<28} error: {}\n", where, sql, "", st.error);
            continue;
        }
        any_unknown = any_unknown || !st.unknown.empty();
        for (const auto& u : st.unknown) {
            if (u.rfind("index ", 0) != 0) continue;
            // Its table is unknown too: the row names the index's table by the index.
            const char* mode = st.outside_transaction ? "ShareUpdateExclusiveLock" : "AccessExclusiveLock";
            out += fmt::format("{:<28} {:<28} {:<25} {:<8} {:<34} {}\n", where, "table of " + u.substr(6) + "*", mode,
                               "", st.outside_transaction ? "DDL" : "SELECT, INSERT/UPDATE/DELETE, DDL", sql);
        }
        if (st.locks.empty() && !st.unknown.empty()) continue;
        if (st.locks.empty()) {
            std::string note = st.observed ? "no new lock on existing tables" : "not observed: " + st.unobserved_reason;
            out += fmt::format("{:<28} {:<28} {:<25} {:<8} {:<34} {}\n", where, "-", note, "", "", sql);
            continue;
        }
        for (const auto& lock : st.locks) {
            std::string effect = contains(st.rewrites, lock.table) ? "rewrite"
                               : contains(st.scans, lock.table) ? "scan" : "";
            std::string blocks;
            for (const auto& b : st.blocks) blocks += (blocks.empty() ? "" : ", ") + b;
            bool unknown = contains(st.unknown, lock.table);
            out += fmt::format("{:<28} {:<28} {:<25} {:<8} {:<34} {}\n", where, lock.table + (unknown ? "*" : ""), lock.mode, effect,
                               blocks.empty() ? "-" : blocks, sql);
        }
    }
    if (any_unknown)
        out += "\n* not defined by the baseline or earlier statements: assumed to exist and be in use "
               "(give --schema or --db to judge against the real table)\n";
    if (traced) out += trace_verdict(report);
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
            {"outside_transaction", st.outside_transaction}, {"unknown", st.unknown},
        };
        if (traced) {
            entry["observed"] = st.observed;
            entry["unobserved_reason"] = st.unobserved_reason.empty() ? json() : json(st.unobserved_reason);
            entry["error"] = st.error.empty() ? json() : json(st.error);
        }
        statements.push_back(std::move(entry));
    }
    json out = {{"statements", statements}};
    if (traced) {
        out["disagreements"] = report.disagreements;
        out["notes"] = report.notes;
        out["summary"] = {{"statements", report.statements.size()}, {"failed", report.failed()},
                          {"unobserved", report.unobserved()}, {"disagreements", report.disagreements.size()}};
    }
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace dbsage
