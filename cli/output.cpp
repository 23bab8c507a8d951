#include "output.h"

#include <unistd.h>

#include <cstdlib>

namespace dbsage::cli {

bool stdout_color() { return isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr; }

}  // namespace dbsage::cli
