// libFuzzer target: any bytes given to dbsage explain as a plan file (format
// detection, the PostgreSQL JSON and text readers, the MySQL/MariaDB JSON and
// tree readers, the SQLite reader, every plan check), then to every plan
// output and to the diff of the plan with itself, must never crash, hang or
// read out of bounds. Build with -DDBSAGE_FUZZ=ON and clang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "explain/explain.h"
#include "explain/plan_diff.h"
#include "report/plan_report.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto analysis = dbsage::analyze_plan_text(text, "fuzz.plan");
    if (!analysis.is_ok()) return 0;
    (void)dbsage::format_plan_text(*analysis, true);
    (void)dbsage::format_plan_json(*analysis);
    (void)dbsage::format_plan_markdown(*analysis);
    (void)dbsage::format_plan_html(*analysis);
    auto diff = dbsage::diff_plans(*analysis, *analysis);
    (void)dbsage::format_plan_diff_text(*diff, false);
    (void)dbsage::format_plan_diff_json(*diff);
    return 0;
}
