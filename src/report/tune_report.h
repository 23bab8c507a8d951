// dbsage tune's report: text for a person, JSON for machines, and the SQL
// (ALTER SYSTEM, PRAGMA or SET GLOBAL lines) on its own.
#pragma once

#include <string>

#include "tune/tune.h"

namespace dbsage {

std::string format_tune_text(const TuneReport& report);
std::string format_tune_json(const TuneReport& report);
std::string format_tune_sql(const TuneReport& report);

}  // namespace dbsage
