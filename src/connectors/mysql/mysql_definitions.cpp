// The schema before a migration, read from a live MySQL/MariaDB as a script.
#include "connectors/mysql/mysql_connection.h"
#include "connectors/mysql/mysql_schema_reader.h"
#include "connectors/target.h"

namespace dbsage {

Result<std::string> mysql_definitions(const std::string& url) {
    auto conn = MysqlConnection::open_read_only(url);
    if (!conn) return conn.status();
    auto tables = (*conn)->query("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                                 "ORDER BY TABLE_TYPE = 'VIEW', TABLE_NAME");
    if (!tables) return Status::error(mask_target(url) + ": " + tables.status().message());
    if (tables->empty()) return Status::error(mask_target(url) + ": no tables (name the database in the URL: mysql://host/db)");
    std::string out = "SET FOREIGN_KEY_CHECKS = 0;\n";
    for (const auto& t : *tables) {
        bool view = t[1].value_or("") == "VIEW";
        auto def = (*conn)->query(std::string(view ? "SHOW CREATE VIEW " : "SHOW CREATE TABLE ") + mysql_ident(t[0].value_or("")));
        if (!def || def->empty() || def->front().size() < 2) continue;
        out += def->front()[1].value_or("") + ";\n";
    }
    return out + "SET FOREIGN_KEY_CHECKS = 1;\n";
}

}  // namespace dbsage
