// Initialized data directories kept for scratch servers to copy: initdb and
// mariadb-install-db take about a second each, a copy a third of that. Only
// when DBSAGE_SCRATCH_TEMPLATES names a directory (the tests and the demo
// set it); dbsage itself leaves nothing behind otherwise.
#pragma once

#include <string>

namespace dbsage {

// Copies the template called name (e.g. "postgresql-15") to data_dir, owner
// and modes kept. False when templates are off or this one does not exist
// yet: then the caller initializes data_dir itself and publishes it.
bool copy_data_template(const std::string& name, const std::string& data_dir);

// Keeps a copy of a freshly initialized data_dir, before any server ran on
// it, as the template called name. Best effort: two processes may race, the
// first to finish wins and the other's copy is dropped.
void publish_data_template(const std::string& name, const std::string& data_dir);

}  // namespace dbsage
