// Small pieces every engine's health checks share.
#pragma once

#include <string>

#include "health/health.h"

namespace dbsage {

// "3 h 12 min", "41 s", "2.5 days": a duration for people.
std::string human_seconds(double seconds);
// The level of value against its warning and critical limits (higher is
// worse); ok below both.
HealthLevel level_for(double value, double warn, double crit);
// Records that area's data could be read (an area never read shows "?").
void mark_checked(HealthReport& report, const std::string& area);
// human_bytes of a measured size (a negative one reads as 0).
std::string bytes_text(double bytes);
// A statement on one line, cut to width with "..." when longer.
std::string shorten(const std::string& sql, size_t width);

}  // namespace dbsage
