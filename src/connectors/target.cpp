#include "connectors/target.h"

#include <filesystem>
#include <fstream>
#include <regex>

#include <libpq-fe.h>

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

namespace {

// "password", and the misspellings that still hold one ("pasword", "passwd", "pwd").
bool is_password_key(std::string_view key) {
    std::string lower = to_lower(trim(key));
    for (const char* part : {"pass", "pasw", "pssw", "pwd"})
        if (lower.find(part) != std::string::npos) return true;
    return false;
}

// A conninfo value as libpq reads it back: single-quoted with \ escapes
// where it is empty or holds a space, a quote or a backslash.
std::string conninfo_value(const std::string& value) {
    if (!value.empty() && value.find_first_of(" \t\n'\"\\") == std::string::npos) return value;
    std::string out = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

// scheme://user:password@host/db?key=value. A password-like query
// parameter is masked to the end of the text (a raw '&' in it would split
// it), then the userinfo up to the last '@' that is left, so a password
// typed with a raw '@', '/', '?' or '#' stays inside what is masked. Masking
// too much is harmless; the order matters: an '@' in a query password must
// not be taken for the end of the userinfo.
std::string mask_url(const std::string& url) {
    size_t authority = url.find("://") + 3;
    std::string out = url;
    for (size_t at = out.find_first_of("?&", authority); at != std::string::npos; at = out.find_first_of("?&", at + 1)) {
        size_t eq = out.find('=', at + 1);
        if (eq == std::string::npos) break;
        std::string key = out.substr(at + 1, eq - at - 1);
        if (key.find_first_of("?&/@") == std::string::npos && is_password_key(key)) {
            out = out.substr(0, eq + 1) + "***";
            break;
        }
    }
    size_t at = out.rfind('@');
    if (at == std::string::npos || at < authority) return out;
    size_t colon = out.find(':', authority);
    if (colon < at) out = out.substr(0, colon + 1) + "***" + out.substr(at);
    return out;
}

// key=value pairs, parsed by libpq (the quoting rules are its own) and
// written back with the password replaced. A string libpq cannot parse
// (an unknown keyword, a quote never closed) is cut at its first
// password-like key: whatever follows may be the password.
std::string mask_conninfo(const std::string& text) {
    char* error = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(text.c_str(), &error);
    if (error) PQfreemem(error);
    if (parsed) {
        std::string out;
        bool password = false;
        for (PQconninfoOption* o = parsed; o->keyword; ++o) {
            if (!o->val) continue;
            bool secret = is_password_key(o->keyword) || (o->dispchar && *o->dispchar == '*');
            password = password || secret;
            out += (out.empty() ? "" : " ") + std::string(o->keyword) + "=" + (secret ? "***" : conninfo_value(o->val));
        }
        PQconninfoFree(parsed);
        return password ? out : text;  // nothing to hide: as the user wrote it
    }
    static const std::regex k_key(R"((^|\s)([A-Za-z_]+)\s*=)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), k_key); it != std::sregex_iterator(); ++it)
        if (is_password_key((*it)[2].str())) return text.substr(0, static_cast<size_t>(it->position(0) + it->length(0))) + "***";
    return text;
}

}  // namespace

std::string mask_target(const std::string& target) {
    if (target.find("://") != std::string::npos) return mask_url(target);
    static const std::regex k_conninfo(R"(^\s*[A-Za-z_]+\s*=)");
    if (std::regex_search(target, k_conninfo)) return mask_conninfo(target);
    return target;  // a file, a directory, sqlite:PATH
}

}  // namespace dbsage
