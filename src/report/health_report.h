// dbsage health's report: text (an overview of green, yellow and red areas,
// then the details), markdown, JSON, and the one-line Nagios/Icinga format
// with performance data.
#pragma once

#include <string>

#include "health/health.h"

namespace dbsage {

std::string format_health_text(const HealthReport& report, bool color);
std::string format_health_markdown(const HealthReport& report);
std::string format_health_json(const HealthReport& report);
// "DBSAGE HEALTH WARNING - 2 warnings: … | connections=12;90;95 …"
std::string format_health_nagios(const HealthReport& report);

}  // namespace dbsage
