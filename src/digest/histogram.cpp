#include <algorithm>
#include <cmath>

#include "digest/digest.h"

namespace dbsage {
namespace {

constexpr double k_ratio = 1.01;              // bucket width: 1%
const double k_log_ratio = std::log(k_ratio);
constexpr double k_floor_ms = 0.001;          // one microsecond: the log's resolution

}  // namespace

void DurationHistogram::add(double ms) {
    int bucket = ms <= k_floor_ms ? 0 : 1 + static_cast<int>(std::log(ms / k_floor_ms) / k_log_ratio);
    ++m_buckets[bucket];
    if (m_count == 0 || ms < m_min) m_min = ms;
    if (m_count == 0 || ms > m_max) m_max = ms;
    ++m_count;
}

void DurationHistogram::merge(const DurationHistogram& other) {
    if (other.m_count == 0) return;
    for (const auto& [bucket, n] : other.m_buckets) m_buckets[bucket] += n;
    m_min = m_count == 0 ? other.m_min : std::min(m_min, other.m_min);
    m_max = m_count == 0 ? other.m_max : std::max(m_max, other.m_max);
    m_count += other.m_count;
}

double DurationHistogram::percentile(double p) const {
    if (m_count == 0) return 0;
    auto rank = static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(m_count)));
    if (rank == 0) rank = 1;
    std::uint64_t seen = 0;
    for (const auto& [bucket, n] : m_buckets) {
        seen += n;
        if (seen >= rank) {
            // The bucket's geometric middle: within half a bucket (0.5%) of any value in it.
            double value = bucket == 0 ? k_floor_ms : k_floor_ms * std::exp((bucket - 0.5) * k_log_ratio);
            return std::clamp(value, m_min, m_max);
        }
    }
    return 0;
}

}  // namespace dbsage
