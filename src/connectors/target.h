// What a command-line target names, and how to show it without its password.
#pragma once

#include <string>

namespace dbsage {

enum class TargetKind { sql_path, postgres, sqlite, mysql };

// postgres:// and postgresql:// URLs and libpq key=value strings are postgres;
// sqlite:PATH, files starting with the SQLite header and *.db/*.sqlite/*.sqlite3
// files are sqlite; mysql:// and mariadb:// are mysql; the rest are SQL paths.
TargetKind classify_target(const std::string& target);

// The target as it may be shown: the password of a URL's userinfo, of a
// password parameter in its query, or of a key=value conninfo replaced by
// "***". Found by parsing (libpq's own parser for key=value strings), never
// by a pattern over the text, so no character in a password ends the mask
// early; where the text cannot be parsed, everything from the password on
// is masked. A conninfo is written back in libpq's order. Anything else
// (a file, sqlite:PATH) is returned as it is.
std::string mask_target(const std::string& target);

}  // namespace dbsage
