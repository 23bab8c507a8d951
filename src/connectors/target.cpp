#include "connectors/target.h"

#include <filesystem>
#include <fstream>
#include <regex>

#include "util/strings.h"

namespace dbsage {

TargetKind classify_target(const std::string& target) {
    if (starts_with_ci(target, "postgres://") || starts_with_ci(target, "postgresql://")) return TargetKind::postgres;
    if (starts_with_ci(target, "mysql://") || starts_with_ci(target, "mariadb://")) return TargetKind::mysql;
    if (starts_with_ci(target, "sqlite:")) return TargetKind::sqlite;
    std::error_code ec;
    if (std::filesystem::is_regular_file(target, ec)) {
        std::ifstream in(target, std::ios::binary);
        char header[16] = {};
        in.read(header, sizeof header);
        if (in.gcount() == 16 && std::string(header, 15) == "SQLite format 3") return TargetKind::sqlite;
        auto lower = to_lower(target);
        if (ends_with(lower, ".db") || ends_with(lower, ".sqlite") || ends_with(lower, ".sqlite3"))
            return TargetKind::sqlite;
        return TargetKind::sql_path;
    }
    if (std::filesystem::exists(target, ec)) return TargetKind::sql_path;
    // "host=… dbname=…" or "dbname=x": a libpq conninfo string.
    static const std::regex k_conninfo(R"(^\s*[a-z_]+\s*=)");
    if (std::regex_search(target, k_conninfo)) return TargetKind::postgres;
    return TargetKind::sql_path;
}

std::string mask_target(const std::string& target) {
    std::string out = target;
    static const std::regex k_userinfo(R"(^([a-zA-Z]+://[^:/@?]*):[^@/?]*@)");
    out = std::regex_replace(out, k_userinfo, "$1:***@");
    // Up to the closing quote, or else up to the next "key=" (a malformed value
    // may hold spaces and quotes), "&" in a URL, or the end.
    // A mistyped keyword ("pasword=", "passwd=") still holds a password.
    static const std::regex k_password(
        R"(((?:[a-z_]*(?:pass|pasw|pssw|pwd)[a-z_]*)\s*=\s*)('([^'\\]|\\.)*'|.*?(?=\s+[A-Za-z_]+\s*=|&|$)))",
        std::regex::icase);
    out = std::regex_replace(out, k_password, "$1***");
    return out;
}

}  // namespace dbsage
