#include "sandbox/data_templates.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "util/strings.h"

namespace dbsage {
namespace fs = std::filesystem;

namespace {

std::string templates_root() {
    const char* root = std::getenv("DBSAGE_SCRATCH_TEMPLATES");
    return root && *root ? root : "";
}

// cp -a keeps the owner (postgres or mysql when run as root) and the modes
// the servers insist on (0700 for a PostgreSQL data directory).
bool copy_tree(const std::string& from, const std::string& to) {
    std::string cmd = "cp -a " + shell_quote(from) + " " + shell_quote(to) + " 2>/dev/null";
    return std::system(cmd.c_str()) == 0;
}

}  // namespace

bool copy_data_template(const std::string& name, const std::string& data_dir) {
    std::string root = templates_root();
    if (root.empty()) return false;
    std::error_code ec;
    fs::path source = fs::path(root) / name;
    if (!fs::is_directory(source, ec)) return false;
    if (copy_tree(source.string(), data_dir)) return true;
    fs::remove_all(data_dir, ec);  // a partial copy: initialize instead
    return false;
}

void publish_data_template(const std::string& name, const std::string& data_dir) {
    std::string root = templates_root();
    if (root.empty()) return;
    std::error_code ec;
    fs::create_directories(root, ec);
    fs::path target = fs::path(root) / name;
    if (fs::exists(target, ec)) return;
    // Copied under a name of its own, then renamed: a reader never sees half a template.
    fs::path staging = fs::path(root) / (name + ".tmp-" + std::to_string(getpid()));
    fs::remove_all(staging, ec);
    if (copy_tree(data_dir, staging.string())) fs::rename(staging, target, ec);
    fs::remove_all(staging, ec);  // lost the race (or the copy failed): drop ours
}

}  // namespace dbsage
