#include <algorithm>
#include <cmath>

#include "digest/digest.h"

namespace dbsage {
namespace {

constexpr double k_ratio = 1.01;              // bucket width: 1%
const double k_log_ratio = std::log(k_ratio);
constexpr double k_floor_ms = 0.001;          // one microsecond: the log's resolution

constexpr double k_ceiling_ms = 1e12;         // 30 years: keeps garbage (inf, 1e300) from making huge arrays

int bucket_of(double ms) {
    if (!(ms > k_floor_ms)) return 0;  // NaN too
    return 1 + static_cast<int>(std::log(std::min(ms, k_ceiling_ms) / k_floor_ms) / k_log_ratio);
}

}  // namespace

void DurationHistogram::widen(int bucket) {
    if (m_counts.empty()) {
        m_first_bucket = bucket;
        m_counts.assign(1, 0);
        return;
    }
    if (bucket < m_first_bucket) {
        m_counts.insert(m_counts.begin(), static_cast<size_t>(m_first_bucket - bucket), 0);
        m_first_bucket = bucket;
    } else if (bucket >= m_first_bucket + static_cast<int>(m_counts.size())) {
        m_counts.resize(static_cast<size_t>(bucket) - static_cast<size_t>(m_first_bucket) + 1, 0);
    }
}

void DurationHistogram::add(double ms) {
    int bucket = bucket_of(ms);
    if (m_counts.empty() || bucket < m_first_bucket || bucket >= m_first_bucket + static_cast<int>(m_counts.size()))
        widen(bucket);
    ++m_counts[static_cast<size_t>(bucket - m_first_bucket)];
    if (m_count == 0 || ms < m_min) m_min = ms;
    if (m_count == 0 || ms > m_max) m_max = ms;
    ++m_count;
}

void DurationHistogram::merge(const DurationHistogram& other) {
    if (other.m_count == 0) return;
    widen(other.m_first_bucket);
    widen(other.m_first_bucket + static_cast<int>(other.m_counts.size()) - 1);
    for (size_t i = 0; i < other.m_counts.size(); ++i)
        m_counts[static_cast<size_t>(other.m_first_bucket - m_first_bucket) + i] += other.m_counts[i];
    m_min = m_count == 0 ? other.m_min : std::min(m_min, other.m_min);
    m_max = m_count == 0 ? other.m_max : std::max(m_max, other.m_max);
    m_count += other.m_count;
}

double DurationHistogram::percentile(double p) const {
    if (m_count == 0) return 0;
    auto rank = static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(m_count)));
    if (rank == 0) rank = 1;
    std::uint64_t seen = 0;
    for (size_t i = 0; i < m_counts.size(); ++i) {
        seen += m_counts[i];
        if (seen >= rank) {
            // The bucket's geometric middle: within half a bucket (0.5%) of any value in it.
            int bucket = m_first_bucket + static_cast<int>(i);
            double value = bucket == 0 ? k_floor_ms : k_floor_ms * std::exp((bucket - 0.5) * k_log_ratio);
            return std::clamp(value, m_min, m_max);
        }
    }
    return 0;
}

}  // namespace dbsage
