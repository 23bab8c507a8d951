// The entry point of dbsage tune: the machine from the flags or from this
// host, then the engine's advice.
#include "tune/tune.h"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "connectors/target.h"
#include "util/strings.h"

namespace dbsage {
namespace {

Result<Storage> storage_of(const std::string& name) {
    if (name == "ssd") return Storage::ssd;
    if (name == "hdd") return Storage::hdd;
    if (name == "san") return Storage::san;
    if (name == "nvme") return Storage::nvme;
    return Status::error("--storage " + name + ": expected ssd, hdd, san or nvme");
}

Result<Workload> workload_of(const std::string& name) {
    if (name == "web") return Workload::web;
    if (name == "oltp") return Workload::oltp;
    if (name == "dw") return Workload::dw;
    if (name == "mixed") return Workload::mixed;
    if (name == "desktop") return Workload::desktop;
    return Status::error("--workload " + name + ": expected web, oltp, dw, mixed or desktop");
}

std::uint64_t local_ram() {
    std::ifstream in("/proc/meminfo");
    std::string key;
    std::uint64_t kb = 0;
    while (in >> key) {
        if (key == "MemTotal:") {
            in >> kb;
            return kb * 1024;
        }
        in.ignore(256, '\n');
    }
    return 0;
}

}  // namespace

bool fill_local_machine(Machine& machine, std::string& source) {
    std::uint64_t ram = local_ram();
    if (ram == 0) return false;
    std::vector<std::string> from;
    if (machine.ram_bytes == 0) {
        machine.ram_bytes = ram;
        from.push_back("RAM from /proc/meminfo");
    }
    if (machine.cpus == 0) {
        machine.cpus = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
        from.push_back("CPUs from this host");
    }
    source = join(from, ", ");
    return true;
}

std::string describe_machine(const Machine& m, const std::string& source, const std::string& storage, const std::string& workload) {
    return fmt::format("{} RAM, {} CPUs, {} storage, {} workload{}", human_bytes(m.ram_bytes), m.cpus, storage, workload,
                       source.empty() ? "" : " (" + source + ")");
}

Result<TuneReport> tune(const TuneOptions& options) {
    TargetKind kind = options.target.empty() ? TargetKind::postgres : classify_target(options.target);
    if (kind == TargetKind::sqlite) return tune_sqlite(options);
    if (kind == TargetKind::sql_path)
        return Status::error(mask_target(options.target) +
                             ": not a database: tune needs a live PostgreSQL, an SQLite file or a MySQL/MariaDB");
    Machine machine;
    auto storage = storage_of(options.storage);
    if (!storage) return storage.status();
    auto workload = workload_of(options.workload);
    if (!workload) return workload.status();
    machine.storage = *storage;
    machine.workload = *workload;
    machine.ram_bytes = options.ram_bytes;
    machine.cpus = options.cpus;
    machine.max_connections = options.max_connections;
    std::string source = options.ram_bytes ? "RAM given" : "";
    if (kind == TargetKind::mysql) return tune_mysql(options, machine, source);
    return tune_postgres(options, machine, source);
}

}  // namespace dbsage
