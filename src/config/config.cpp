#include "config/config.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

namespace dbsage {
namespace fs = std::filesystem;

namespace {

std::string value_text(const toml::node& node) {
    if (auto v = node.value<std::string>()) return *v;
    if (auto v = node.value<int64_t>()) return std::to_string(*v);
    if (auto v = node.value<bool>()) return *v ? "true" : "false";
    if (auto v = node.value<double>()) return std::to_string(*v);
    return {};
}

std::vector<std::string> string_list(const toml::node* node) {
    std::vector<std::string> out;
    if (const auto* arr = node ? node->as_array() : nullptr)
        for (const auto& item : *arr)
            if (auto v = item.value<std::string>()) out.push_back(*v);
    return out;
}

}  // namespace

Result<Config> parse_config(const std::string& text, const std::string& name) {
    auto parsed = toml::parse(text, name);
    if (!parsed) {
        const auto& err = parsed.error();
        return Status::error(name + ":" + std::to_string(err.source().begin.line) + ": invalid config: " +
                             std::string(err.description()));
    }
    const toml::table& root = parsed.table();
    Config config;
    config.path = name;
    auto line_of = [&](const toml::node* node) { return node ? static_cast<int>(node->source().begin.line) : 0; };
    auto invalid = [&](const toml::node* node, const std::string& what) {
        return Status::error(name + ":" + std::to_string(line_of(node)) + ": invalid config: " + what);
    };
    if (const toml::node* v = root.get("pg_version")) {
        auto version = v->value<int64_t>();
        if (!version || !v->is_integer() || *version < 10 || *version > 18)
            return invalid(v, "pg_version must be a PostgreSQL major version from 10 to 18, e.g. pg_version = 15");
        config.pg_version = static_cast<int>(*version);
    }
    if (const toml::node* v = root.get("dialect")) {
        auto dialect = v->value<std::string>();
        if (!dialect || (*dialect != "postgres" && *dialect != "mysql" && *dialect != "sqlite"))
            return invalid(v, "dialect must be \"postgres\", \"mysql\" or \"sqlite\"");
        config.dialect = *dialect;
    }
    if (const toml::node* v = root.get("max_statement_bytes")) {
        auto bytes = v->value<int64_t>();
        if (!bytes || !v->is_integer() || *bytes < 1)
            return invalid(v, "max_statement_bytes must be a positive whole number of bytes");
        config.max_statement_bytes = static_cast<size_t>(*bytes);
    }
    config.exclude = string_list(root.get("exclude"));
    config.assume_in_transaction = root["assume_in_transaction"].value<bool>().value_or(false);
    const toml::table* rules = root["rules"].as_table();
    if (!rules) return config;
    for (const char* list : {"disable", "enable"})
        if (const auto* arr = rules->get(list) ? rules->get(list)->as_array() : nullptr)
            for (const auto& item : *arr)
                if (auto id = item.value<std::string>()) {
                    config.rules[*id].enabled = std::string_view(list) == "enable";
                    config.rule_lines[*id] = line_of(&item);
                }
    for (const auto& [key, node] : *rules) {
        const toml::table* t = node.as_table();
        if (!t) continue;
        RuleSetting& setting = config.rules[std::string(key.str())];
        config.rule_lines[std::string(key.str())] = line_of(&node);
        for (const auto& [opt, value] : *t) {
            std::string opt_name(opt.str());
            if (opt_name == "enabled") {
                setting.enabled = value.value<bool>().value_or(true);
            } else if (opt_name == "severity") {
                auto sev = parse_severity(value_text(value));
                if (!sev)
                    return Status::error(name + ":" + std::to_string(value.source().begin.line) +
                                         ": severity of " + std::string(key.str()) +
                                         " must be error, warning or info");
                setting.severity = sev;
            } else {
                setting.options[opt_name] = value_text(value);
            }
        }
    }
    return config;
}

Result<Config> load_config(const std::string& explicit_path) {
    std::string path = explicit_path;
    if (path.empty()) {
        std::error_code ec;
        for (fs::path dir = fs::current_path(ec); !ec && !dir.empty(); dir = dir.parent_path()) {
            if (fs::exists(dir / ".dbsage.toml", ec)) {
                path = (dir / ".dbsage.toml").string();
                break;
            }
            if (dir == dir.root_path()) break;
        }
        if (path.empty()) return Config{};
    }
    std::ifstream in(path);
    if (!in) return Status::error(path + ": cannot read config file");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parse_config(buffer.str(), path);
}

}  // namespace dbsage
