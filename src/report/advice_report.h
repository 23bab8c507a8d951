// The index advisor's report: text for a person, markdown for a pull
// request, SQL ready to become a migration, JSON for machines.
#pragma once

#include <string>

#include "advisor/advisor.h"

namespace dbsage {

std::string format_advice_text(const AdviceReport& report);
std::string format_advice_markdown(const AdviceReport& report);
std::string format_advice_sql(const AdviceReport& report);
std::string format_advice_json(const AdviceReport& report);

}  // namespace dbsage
