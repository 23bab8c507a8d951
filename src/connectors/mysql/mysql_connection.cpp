#include "connectors/mysql/mysql_connection.h"

#include <mysql.h>

#include <cstdlib>
#include <regex>

#include "connectors/target.h"
#include "util/strings.h"

namespace dbsage {
namespace {

MYSQL* conn_of(void* p) { return static_cast<MYSQL*>(p); }

constexpr int k_statement_seconds = 30;
constexpr int k_lock_wait_seconds = 5;

std::string percent_decode(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace

Result<MysqlParams> parse_mysql_url(const std::string& url) {
    static const std::regex k_url(R"(^(?:mysql|mariadb)://(?:([^:@/?]*)(?::([^@/?]*))?@)?(\[[^\]]*\]|[^:/?]*)(?::(\d+))?(?:/([^?]*))?(?:\?(.*))?$)",
                                  std::regex::icase);
    std::smatch m;
    if (!std::regex_match(url, m, k_url))
        return Status::error(mask_target(url) + ": invalid MySQL URL (expected mysql://user@host:port/database)");
    MysqlParams p;
    p.user = percent_decode(m[1].str());
    if (m[2].matched) p.password = percent_decode(m[2].str());
    p.host = m[3].str();
    if (m[4].matched) p.port = static_cast<unsigned>(std::stoul(m[4].str()));
    p.database = percent_decode(m[5].str());
    for (const auto& pair : split(m[6].str(), '&')) {
        auto eq = pair.find('=');
        if (pair.empty()) continue;
        std::string key = to_lower(pair.substr(0, eq));
        std::string value = eq == std::string::npos ? "" : percent_decode(pair.substr(eq + 1));
        if (key == "socket") p.socket = value;
        else if (key == "password") p.password = value;
        else if (key == "user") p.user = value;
        else
            return Status::error(mask_target(url) + ": unknown URL parameter '" + key + "' (known: socket, user, password)");
    }
    return p;
}

MysqlConnection::~MysqlConnection() { mysql_close(conn_of(m_conn)); }

Result<std::unique_ptr<MysqlConnection>> MysqlConnection::open_read_only(const std::string& url) { return open(url, true); }

Result<std::unique_ptr<MysqlConnection>> MysqlConnection::open_for_changes(const std::string& url) { return open(url, false); }

Result<std::unique_ptr<MysqlConnection>> MysqlConnection::open(const std::string& url, bool read_only) {
    auto params = parse_mysql_url(url);
    if (!params) return params.status();
    MYSQL* raw = mysql_init(nullptr);
    if (!raw) return Status::error("out of memory starting a MySQL session");
    std::unique_ptr<MysqlConnection> conn(new MysqlConnection(raw));
    // The [client] group of the option files, as the mysql client reads it.
    mysql_optionsv(raw, MYSQL_READ_DEFAULT_GROUP, "client");
    unsigned timeout = 10;
    mysql_optionsv(raw, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    const char* password = nullptr;
    if (params->password) password = params->password->c_str();
    else if (const char* env = std::getenv("MYSQL_PWD")) password = env;
    const char* host = params->host.empty() ? nullptr : params->host.c_str();
    if (!mysql_real_connect(raw, host, params->user.empty() ? nullptr : params->user.c_str(), password,
                            params->database.empty() ? nullptr : params->database.c_str(), params->port,
                            params->socket.empty() ? nullptr : params->socket.c_str(), 0))
        return Status::error(mask_target(url) + ": cannot connect: " + one_line(mysql_error(raw)));
    mysql_set_character_set(raw, "utf8mb4");
    conn->m_version = static_cast<int>(mysql_get_server_version(raw));
    std::string info = mysql_get_server_info(raw) ? mysql_get_server_info(raw) : "";
    conn->m_mariadb = to_lower(info).find("mariadb") != std::string::npos;
    std::vector<std::string> setup = {"SET SESSION lock_wait_timeout = " + std::to_string(k_lock_wait_seconds)};
    if (read_only) {
        setup.push_back("SET SESSION TRANSACTION READ ONLY");
        setup.push_back(conn->m_mariadb ? "SET SESSION max_statement_time = " + std::to_string(k_statement_seconds)
                                        : "SET SESSION max_execution_time = " + std::to_string(k_statement_seconds * 1000));
    }
    for (const auto& sql : setup) {
        auto r = conn->query(sql);
        if (!r) return Status::error(mask_target(url) + ": cannot set up the session: " + r.status().message());
    }
    return conn;
}

Result<std::vector<MyRow>> MysqlConnection::query(const std::string& sql) {
    MYSQL* c = conn_of(m_conn);
    m_errno = 0;
    if (mysql_real_query(c, sql.data(), sql.size()) != 0) {
        m_errno = mysql_errno(c);
        return Status::error(one_line(mysql_error(c)));
    }
    std::vector<MyRow> rows;
    MYSQL_RES* res = mysql_store_result(c);
    if (!res) {
        if (mysql_field_count(c) != 0) {
            m_errno = mysql_errno(c);
            return Status::error(one_line(mysql_error(c)));
        }
        return rows;
    }
    unsigned fields = mysql_num_fields(res);
    while (MYSQL_ROW row = mysql_fetch_row(res)) {
        unsigned long* lengths = mysql_fetch_lengths(res);
        MyRow out;
        out.reserve(fields);
        for (unsigned i = 0; i < fields; ++i) {
            if (row[i]) out.emplace_back(std::string(row[i], lengths[i]));
            else out.emplace_back(std::nullopt);
        }
        rows.push_back(std::move(out));
    }
    mysql_free_result(res);
    return rows;
}

std::string MysqlConnection::server_name() const {
    int major = m_version / 10000, minor = m_version / 100 % 100, patch = m_version % 100;
    return std::string(m_mariadb ? "MariaDB " : "MySQL ") + std::to_string(major) + "." + std::to_string(minor) + "." +
           std::to_string(patch);
}

}  // namespace dbsage
