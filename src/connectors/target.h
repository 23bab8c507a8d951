// What a command-line target names, and how to show it without its password.
#pragma once

#include <string>

namespace dbsage {

enum class TargetKind { sql_path, postgres, sqlite, mysql };

// postgres:// and postgresql:// URLs and libpq key=value strings are postgres;
// sqlite:PATH, files starting with the SQLite header and *.db/*.sqlite/*.sqlite3
// files are sqlite; mysql:// and mariadb:// are mysql; the rest are SQL paths.
TargetKind classify_target(const std::string& target);

// The target with any password replaced by "***" (URL userinfo, password=…
// in key=value strings and in URL query parameters).
std::string mask_target(const std::string& target);

}  // namespace dbsage
