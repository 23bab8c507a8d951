// PGTune's formulas checked against values worked out by hand from its
// published rules for four machines.
#include <gtest/gtest.h>

#include <map>

#include "tune/tune.h"

namespace dbsage {
namespace {

std::map<std::string, std::string> run(std::uint64_t gb, int cpus, Storage storage, Workload workload, int version, DataFit fit) {
    Machine m;
    m.ram_bytes = gb * 1073741824ULL;
    m.cpus = cpus;
    m.storage = storage;
    m.workload = workload;
    m.pg_version = version;
    m.data = fit;
    std::map<std::string, std::string> out;
    for (const auto& s : pgtune(m)) out[s.name] = s.value;
    return out;
}

TEST(TuneFormulas, WebServer16GbEightCpus) {
    auto s = run(16, 8, Storage::ssd, Workload::web, 17, DataFit::about_ram);
    EXPECT_EQ(s["max_connections"], "200");
    EXPECT_EQ(s["shared_buffers"], "4GB");
    EXPECT_EQ(s["effective_cache_size"], "12GB");
    EXPECT_EQ(s["maintenance_work_mem"], "1GB");
    EXPECT_EQ(s["wal_buffers"], "16MB");
    EXPECT_EQ(s["huge_pages"], "try");
    // (16777216 - 4194304) kB / ((200 + 8) x 3) = 20164.9
    EXPECT_EQ(s["work_mem"], "20164kB");
    EXPECT_EQ(s["max_worker_processes"], "8");
    EXPECT_EQ(s["max_parallel_workers_per_gather"], "4");
    EXPECT_EQ(s["max_parallel_workers"], "8");
    EXPECT_EQ(s["max_parallel_maintenance_workers"], "4");
    EXPECT_EQ(s["random_page_cost"], "1.1");
    EXPECT_EQ(s["effective_io_concurrency"], "200");
    EXPECT_EQ(s["min_wal_size"], "1GB");
    EXPECT_EQ(s["max_wal_size"], "4GB");
    EXPECT_EQ(s["checkpoint_completion_target"], "0.9");
    EXPECT_EQ(s["jit"], "off");
    EXPECT_EQ(s["wal_compression"], "lz4");
    EXPECT_EQ(s.count("autovacuum_work_mem"), 0u);
}

TEST(TuneFormulas, SmallOltpOnSpinningDisksThatFitsInRam) {
    auto s = run(4, 2, Storage::hdd, Workload::oltp, 13, DataFit::less_than_ram);
    EXPECT_EQ(s["max_connections"], "300");
    EXPECT_EQ(s["shared_buffers"], "1GB");
    EXPECT_EQ(s["huge_pages"], "off");
    EXPECT_EQ(s["effective_cache_size"], "3GB");
    EXPECT_EQ(s["maintenance_work_mem"], "256MB");
    EXPECT_EQ(s["min_wal_size"], "2GB");
    EXPECT_EQ(s["max_wal_size"], "8GB");
    // No parallel settings under 4 CPUs; work_mem counts the default 8
    // workers: 3145728 / 924 = 3404, then +30% for data that fits = 4425.
    EXPECT_EQ(s.count("max_worker_processes"), 0u);
    EXPECT_EQ(s["work_mem"], "4425kB");
    EXPECT_EQ(s["random_page_cost"], "1.1");  // fits in RAM, even on HDD
    EXPECT_EQ(s["effective_io_concurrency"], "2");
    EXPECT_EQ(s["wal_compression"], "on");    // lz4 only from 15
}

TEST(TuneFormulas, WarehouseLargerThanRam) {
    auto s = run(64, 32, Storage::nvme, Workload::dw, 16, DataFit::more_than_ram);
    EXPECT_EQ(s["max_connections"], "40");
    EXPECT_EQ(s["shared_buffers"], "16GB");
    EXPECT_EQ(s["effective_cache_size"], "48GB");
    EXPECT_EQ(s["maintenance_work_mem"], "8GB");  // 1/8 of RAM, capped at 8 GB
    EXPECT_EQ(s["autovacuum_work_mem"], "2GB");
    EXPECT_EQ(s["autovacuum_max_workers"], "5");
    EXPECT_EQ(s["default_statistics_target"], "500");
    EXPECT_EQ(s["random_page_cost"], "4");
    EXPECT_EQ(s["effective_io_concurrency"], "1000");
    EXPECT_EQ(s["max_parallel_workers_per_gather"], "16");  // no cap of 4 for a warehouse
    EXPECT_EQ(s["max_parallel_maintenance_workers"], "4");
    // 50331648 / ((40 + 32) x 3) = 233016, halved = 116508, -10% = 104857
    EXPECT_EQ(s["work_mem"], "104857kB");
    EXPECT_EQ(s["min_wal_size"], "4GB");
    EXPECT_EQ(s["max_wal_size"], "16GB");
    EXPECT_EQ(s.count("jit"), 0u);
}

TEST(TuneFormulas, Desktop) {
    auto s = run(8, 4, Storage::ssd, Workload::desktop, 17, DataFit::about_ram);
    EXPECT_EQ(s["max_connections"], "20");
    EXPECT_EQ(s["shared_buffers"], "512MB");
    EXPECT_EQ(s["effective_cache_size"], "2GB");
    EXPECT_EQ(s["wal_buffers"], "16MB");  // 15728 kB rounds up to 16 MB
    EXPECT_EQ(s["wal_level"], "minimal");
    EXPECT_EQ(s["max_wal_senders"], "0");
    // 7864320 / ((20 + 4) x 3) = 109226, a sixth = 18204
    EXPECT_EQ(s["work_mem"], "18204kB");
    EXPECT_EQ(s["min_wal_size"], "100MB");
    EXPECT_EQ(s.count("jit"), 0u);
}

TEST(TuneFormulas, ConfUnits) {
    EXPECT_EQ(conf_kb(4194304), "4GB");
    EXPECT_EQ(conf_kb(16384), "16MB");
    EXPECT_EQ(conf_kb(20165), "20165kB");
}

}  // namespace
}  // namespace dbsage
