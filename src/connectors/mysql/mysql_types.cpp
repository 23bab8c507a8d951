#include "connectors/mysql/mysql_types.h"

#include <map>
#include <regex>

#include "util/strings.h"

namespace dbsage {

void set_mysql_type(Column& column, const std::string& data_type, const std::string& column_type) {
    static const std::map<std::string, std::string> k_types = {
        {"tinyint", "int2"},    {"smallint", "int2"},     {"mediumint", "int4"},  {"int", "int4"},
        {"integer", "int4"},    {"bigint", "int8"},       {"decimal", "numeric"}, {"numeric", "numeric"},
        {"float", "float4"},    {"double", "float8"},     {"real", "float8"},     {"bit", "bit"},
        {"char", "bpchar"},     {"varchar", "varchar"},   {"tinytext", "text"},   {"text", "text"},
        {"mediumtext", "text"}, {"longtext", "text"},     {"binary", "bytea"},    {"varbinary", "bytea"},
        {"tinyblob", "bytea"},  {"blob", "bytea"},        {"mediumblob", "bytea"}, {"longblob", "bytea"},
        {"date", "date"},       {"datetime", "timestamp"}, {"timestamp", "timestamptz"}, {"time", "time"},
        {"year", "int2"},       {"json", "json"},         {"enum", "enum"},       {"set", "set"},
        {"uuid", "uuid"},       {"inet6", "inet"},        {"inet4", "inet"},      {"geometry", "geometry"},
        {"point", "point"},     {"boolean", "bool"},      {"bool", "bool"},
    };
    std::string dt = to_lower(data_type);
    std::string ct = to_lower(column_type);
    column.engine_type = ct;
    column.is_unsigned = ct.find("unsigned") != std::string::npos;
    auto it = k_types.find(dt);
    column.type = it == k_types.end() ? dt : it->second;
    if (dt == "tinyint" && ct.rfind("tinyint(1)", 0) == 0) column.type = "bool";
    column.typmods.clear();
    if (dt == "enum" || dt == "set") return;
    static const std::regex k_mods(R"(^[a-z ]+\((\d+)(?:,(\d+))?\))");
    std::smatch m;
    bool sized = dt == "varchar" || dt == "char" || dt == "decimal" || dt == "numeric" || dt == "binary" ||
                 dt == "varbinary" || dt == "datetime" || dt == "timestamp" || dt == "time" || dt == "bit";
    if (sized && std::regex_search(ct, m, k_mods)) {
        column.typmods.push_back(std::stoi(m[1].str()));
        if (m[2].matched) column.typmods.push_back(std::stoi(m[2].str()));
    }
}

std::string charset_of_collation(const std::string& collation) {
    std::string c = to_lower(collation);
    auto underscore = c.find('_');
    std::string charset = c.substr(0, underscore);
    return charset == "utf8" ? "utf8mb3" : charset;
}

bool collation_ignores_case(const std::string& collation) {
    std::string c = to_lower(collation);
    return ends_with(c, "_ci") || c.find("_ci_") != std::string::npos || c.find("_ai_ci") != std::string::npos;
}

}  // namespace dbsage
