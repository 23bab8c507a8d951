// PGTune's formulas (le0pard/pgtune, configurationSlice.js as of 2026),
// restated for Linux. Figures are in kB as PGTune computes them.
#include <fmt/format.h>

#include <cmath>

#include "tune/tune.h"

namespace dbsage {
namespace {

constexpr double k_mb = 1024.0;       // in kB
constexpr double k_gb = 1048576.0;    // in kB

double by_workload(Workload w, double web, double oltp, double dw, double desktop, double mixed) {
    switch (w) {
        case Workload::web: return web;
        case Workload::oltp: return oltp;
        case Workload::dw: return dw;
        case Workload::desktop: return desktop;
        case Workload::mixed: return mixed;
    }
    return web;
}

TunedSetting memory(const std::string& name, double kb, std::string why) { return {name, conf_kb(kb), kb, true, std::move(why)}; }
TunedSetting plain(const std::string& name, double value, std::string why) {
    return {name, fmt::format("{:g}", value), value, true, std::move(why)};
}
TunedSetting word(const std::string& name, const std::string& value, std::string why) { return {name, value, 0, false, std::move(why)}; }

}  // namespace

std::string conf_kb(double kb) {
    auto whole = static_cast<long long>(std::floor(kb));
    if (whole > 0 && whole % 1048576 == 0) return fmt::format("{}GB", whole / 1048576);
    if (whole > 0 && whole % 1024 == 0) return fmt::format("{}MB", whole / 1024);
    return fmt::format("{}kB", whole);
}

std::vector<TunedSetting> pgtune(const Machine& m) {
    const Workload w = m.workload;
    const double kb = static_cast<double>(m.ram_bytes) / 1024.0;
    std::vector<TunedSetting> out;
    double connections = m.max_connections > 0 ? m.max_connections : by_workload(w, 200, 300, 40, 20, 100);
    out.push_back(plain("max_connections", connections,
                        m.max_connections > 0 ? "the connections given" : "the workload's usual count (PGTune)"));
    double shared = std::floor(w == Workload::desktop ? kb / 16 : kb / 4);
    out.push_back(memory("shared_buffers", shared, w == Workload::desktop ? "1/16 of RAM on a desktop" : "1/4 of RAM"));
    out.push_back(word("huge_pages", shared >= 2 * k_gb ? "try" : "off",
                       shared >= 2 * k_gb ? "shared_buffers of 2 GB or more: huge pages cut the page-table cost"
                                          : "shared_buffers under 2 GB"));
    out.push_back(memory("effective_cache_size", std::floor(w == Workload::desktop ? kb / 4 : kb * 3 / 4),
                         w == Workload::desktop ? "1/4 of RAM on a desktop" : "3/4 of RAM: shared buffers plus the OS cache"));
    double maintenance = std::min(std::floor(w == Workload::dw ? kb / 8 : kb / 16), 8 * k_gb);
    out.push_back(memory("maintenance_work_mem", maintenance,
                         std::string(w == Workload::dw ? "1/8" : "1/16") + " of RAM, at most 8 GB"));
    out.push_back(memory("min_wal_size", by_workload(w, 1024, 2048, 4096, 100, 1024) * k_mb, "the workload's WAL volume (PGTune)"));
    out.push_back(memory("max_wal_size", by_workload(w, 4096, 8192, 16384, 2048, 4096) * k_mb, "the workload's WAL volume (PGTune)"));
    out.push_back(plain("checkpoint_completion_target", 0.9, "spread checkpoint writes over 90% of the interval"));
    double wal_buffers = std::floor(3 * shared / 100);
    if (wal_buffers > 16 * k_mb) wal_buffers = 16 * k_mb;
    if (wal_buffers > 14 * k_mb && wal_buffers < 16 * k_mb) wal_buffers = 16 * k_mb;
    if (wal_buffers < 32) wal_buffers = 32;
    out.push_back(memory("wal_buffers", wal_buffers, "3% of shared_buffers, at most 16 MB"));
    out.push_back(plain("default_statistics_target", w == Workload::dw ? 500 : 100,
                        w == Workload::dw ? "analytic queries need finer histograms" : "PostgreSQL's default"));
    double random_page_cost = m.data == DataFit::less_than_ram ? 1.1
                            : m.storage == Storage::hdd        ? 4
                            : w == Workload::dw                ? 4
                                                               : 1.1;
    out.push_back(plain("random_page_cost", random_page_cost,
                        m.data == DataFit::less_than_ram ? "the data fits in RAM: random reads cost what sequential ones do"
                        : m.storage == Storage::hdd      ? "spinning disks seek"
                        : w == Workload::dw              ? "a warehouse larger than RAM: keep index scans for what they suit"
                                                         : "solid-state storage"));
    out.push_back(plain("effective_io_concurrency",
                        m.storage == Storage::hdd ? 2 : m.storage == Storage::ssd ? 200 : m.storage == Storage::san ? 300 : 1000,
                        "concurrent reads the storage serves"));
    double workers = 8;  // PostgreSQL's default max_worker_processes
    if (m.cpus >= 4) {
        workers = m.cpus;
        double per_gather = std::ceil(m.cpus / 2.0);
        if (w != Workload::dw && per_gather > 4) per_gather = 4;
        out.push_back(plain("max_worker_processes", m.cpus, "one per CPU"));
        out.push_back(plain("max_parallel_workers_per_gather", per_gather, "half the CPUs, at most 4 outside a warehouse"));
        out.push_back(plain("max_parallel_workers", m.cpus, "one per CPU"));
        out.push_back(plain("max_parallel_maintenance_workers", std::min(std::ceil(m.cpus / 2.0), 4.0), "half the CPUs, at most 4"));
    }
    // What is left after shared_buffers, over every connection and parallel
    // worker each running about three sorts or hashes at once.
    double work = (kb - shared) / ((connections + workers) * 3);
    work = std::floor(by_workload(w, work, work, work / 2, work / 6, work / 2));
    if (m.data == DataFit::less_than_ram) work = std::floor(work * 1.3);
    if (m.data == DataFit::more_than_ram) work = std::floor(work * 0.9);
    work = std::max(work, 4 * k_mb);
    out.push_back(memory("work_mem", work,
                         fmt::format("(RAM - shared_buffers) / (({:g} connections + {:g} workers) x 3){}, at least 4 MB", connections,
                                     workers,
                                     m.data == DataFit::less_than_ram   ? ", +30%: the data fits in RAM"
                                     : m.data == DataFit::more_than_ram ? ", -10%: the data outgrows RAM"
                                                                        : "")));
    if (w == Workload::desktop) {
        out.push_back(word("wal_level", "minimal", "a desktop needs no replication"));
        out.push_back(plain("max_wal_senders", 0, "wal_level minimal requires it"));
    }
    if (m.pg_version >= 12 && (w == Workload::web || w == Workload::oltp || w == Workload::mixed))
        out.push_back(word("jit", "off", "short queries pay JIT's compile time and gain nothing"));
    if (m.pg_version >= 15) out.push_back(word("wal_compression", "lz4", "fewer WAL bytes for little CPU (PostgreSQL 15+)"));
    else out.push_back(word("wal_compression", "on", "fewer WAL bytes for some CPU"));
    if (m.cpus >= 32) out.push_back(plain("autovacuum_max_workers", 5, "32 or more CPUs"));
    else if (m.cpus >= 16) out.push_back(plain("autovacuum_max_workers", 4, "16 or more CPUs"));
    if (maintenance >= 2 * k_gb)
        out.push_back(memory("autovacuum_work_mem", 2 * k_gb, "each autovacuum worker capped at 2 GB, not maintenance_work_mem"));
    if (m.pg_version >= 18) out.push_back(word("io_method", "io_uring", "asynchronous I/O (PostgreSQL 18)"));
    return out;
}

}  // namespace dbsage
