// .dbsage.toml: which rules run, at what severity, with which options.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dbsage/finding.h"
#include "dbsage/status.h"

namespace dbsage {

struct RuleSetting {
    std::optional<bool> enabled;
    std::optional<Severity> severity;
    std::map<std::string, std::string> options;
};

struct Config {
    std::string path;                         // the file read, empty when none
    std::map<std::string, RuleSetting> rules;
    std::vector<std::string> exclude;         // glob patterns of paths not to read
    int pg_version = 0;                       // 0: not set
    std::string dialect;                      // "postgres", "mysql", "sqlite"; empty: detect
    bool assume_in_transaction = false;       // the migration runner wraps each file
    size_t max_statement_bytes = 0;           // 0: the reader's default (8 MiB)
    std::map<std::string, int> rule_lines;    // rule id -> the line that names it, to report unknown ids
};

// Reads the config at explicit_path, or else the first .dbsage.toml found
// upward from the working directory (no file is not an error). Errors name
// the file and line.
Result<Config> load_config(const std::string& explicit_path);
// Parses config text; name is used in error messages.
Result<Config> parse_config(const std::string& text, const std::string& name);

}  // namespace dbsage
