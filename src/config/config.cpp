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
    if (auto v = root["pg_version"].value<int64_t>()) config.pg_version = static_cast<int>(*v);
    config.exclude = string_list(root.get("exclude"));
    config.assume_in_transaction = root["assume_in_transaction"].value<bool>().value_or(false);
    const toml::table* rules = root["rules"].as_table();
    if (!rules) return config;
    for (const auto& id : string_list(rules->get("disable"))) config.rules[id].enabled = false;
    for (const auto& id : string_list(rules->get("enable"))) config.rules[id].enabled = true;
    for (const auto& [key, node] : *rules) {
        const toml::table* t = node.as_table();
        if (!t) continue;
        RuleSetting& setting = config.rules[std::string(key.str())];
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
