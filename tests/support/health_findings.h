// Looking up one health finding, for the health tests.
#pragma once

#include <string>

#include "health/health.h"

namespace dbsage::test {

// The finding of check about object, or null.
inline const HealthFinding* find_finding(const HealthReport& report, const std::string& check, const std::string& object) {
    for (const auto& f : report.findings)
        if (f.check == check && f.object == object) return &f;
    return nullptr;
}

}  // namespace dbsage::test
