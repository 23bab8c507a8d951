// The scratch MariaDB that reads MySQL-dialect files.
#include <regex>

#include "connectors/mysql/mysql_connection.h"
#include "connectors/mysql/mysql_schema_reader.h"
#include "sandbox/scratch_engine.h"
#include "sandbox/scratch_mariadb.h"
#include "util/strings.h"

namespace dbsage {
namespace {

constexpr unsigned k_parse_error = 1064;
constexpr unsigned k_no_such_table = 1146;
constexpr const char* k_user_databases =
    " NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')";

class MariadbScratch final : public ScratchEngine {
public:
    MariadbScratch(std::unique_ptr<ScratchMariadb> server, std::unique_ptr<MysqlConnection> conn)
        : m_server(std::move(server)), m_conn(std::move(conn)) {}

    std::optional<EngineError> run(const std::string& sql) override {
        auto r = m_conn->query(sql);
        if (r) return std::nullopt;
        EngineError e;
        e.message = r.status().message();
        e.syntax = m_conn->last_errno() == k_parse_error;
        e.missing_table = m_conn->last_errno() == k_no_such_table;
        // "… near 'x' at line 3": the line within the statement.
        static const std::regex k_line(R"(at line (\d+)$)");
        std::smatch m;
        if (e.syntax && std::regex_search(e.message, m, k_line)) {
            int line = std::stoi(m[1].str());
            size_t offset = 0;
            for (int l = 1; l < line && offset != std::string::npos; ++l) {
                offset = sql.find('\n', offset);
                if (offset != std::string::npos) ++offset;
            }
            if (offset != std::string::npos && offset < sql.size()) e.offset = static_cast<int>(offset);
        }
        return e;
    }

    Result<std::set<std::string>> objects() override {
        std::string in = k_user_databases;
        auto rows = m_conn->query(
            "SELECT LOWER(CONCAT(IF(TABLE_TYPE = 'VIEW', 'view ', 'table '), TABLE_SCHEMA, '.', TABLE_NAME)) FROM "
            "information_schema.TABLES WHERE TABLE_SCHEMA" + in +
            " UNION ALL SELECT LOWER(CONCAT('column ', TABLE_SCHEMA, '.', TABLE_NAME, '.', COLUMN_NAME)) FROM "
            "information_schema.COLUMNS WHERE TABLE_SCHEMA" + in +
            " UNION ALL SELECT DISTINCT CONCAT('index ', LOWER(TABLE_SCHEMA), '.', LOWER(TABLE_NAME), '.', INDEX_NAME) FROM "
            "information_schema.STATISTICS WHERE TABLE_SCHEMA" + in +
            " UNION ALL SELECT CONCAT('constraint ', LOWER(TABLE_SCHEMA), '.', LOWER(TABLE_NAME), '.', CONSTRAINT_NAME) FROM "
            "information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA" + in +
            " UNION ALL SELECT LOWER(CONCAT('trigger ', EVENT_OBJECT_SCHEMA, '.', EVENT_OBJECT_TABLE, '.', TRIGGER_NAME)) FROM "
            "information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA" + in);
        if (!rows) return rows.status();
        std::set<std::string> out;
        for (const auto& r : *rows)
            if (r[0]) out.insert(*r[0]);
        return out;
    }

    Status read_schema(Workspace& ws) override {
        auto dbs = m_conn->query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME" +
                                 std::string(k_user_databases) + " ORDER BY SCHEMA_NAME");
        if (!dbs) return dbs.status();
        MysqlReadOptions options;
        options.live = false;
        for (const auto& r : *dbs) options.databases.push_back(r[0].value_or(""));
        if (options.databases.empty()) options.databases.push_back("main");
        return read_mysql_schema_from(*m_conn, options, ws);
    }

    std::string name() const override { return m_conn->server_name(); }
    int version() const override { return m_conn->server_version(); }

    bool foreign_key_checks() override {
        auto r = m_conn->query("SELECT @@foreign_key_checks");
        return !r || r->empty() || r->front()[0].value_or("1") != "0";
    }

    std::optional<Table> find_table(const std::string& name) override {
        std::string db, table = name;
        if (auto dot = name.find('.'); dot != std::string::npos) {
            db = name.substr(0, dot);
            table = name.substr(dot + 1);
        } else {
            auto current = m_conn->query("SELECT DATABASE()");
            if (!current || current->empty() || !current->front()[0]) return std::nullopt;
            db = *current->front()[0];
        }
        Workspace ws;
        MysqlReadOptions options;
        options.live = false;
        options.databases = {db};
        options.tables = {table};
        if (!read_mysql_schema_from(*m_conn, options, ws).is_ok() || ws.schema.tables.empty()) return std::nullopt;
        return ws.schema.tables.front();
    }

private:
    std::unique_ptr<ScratchMariadb> m_server;
    std::unique_ptr<MysqlConnection> m_conn;
};

}  // namespace

Result<std::unique_ptr<ScratchEngine>> open_mariadb_scratch() {
    auto server = ScratchMariadb::start();
    if (!server) return server.status();
    {
        auto admin = MysqlConnection::open_for_changes((*server)->url());
        if (!admin) return admin.status();
        auto created = (*admin)->query("CREATE DATABASE main");
        if (!created) return created.status();
    }
    auto conn = MysqlConnection::open_for_changes((*server)->url("main"));
    if (!conn) return conn.status();
    return std::unique_ptr<ScratchEngine>(new MariadbScratch(std::move(*server), std::move(*conn)));
}

}  // namespace dbsage
