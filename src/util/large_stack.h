// Deep SQL (an expression of 80,000 terms, thousands of UNION branches) makes
// libpg_query's tree output and our translators recurse once per level, far
// past a default 8 MB thread stack. Such statements run on a thread whose
// stack is large enough; the memory is only reserved, touched as used.
#pragma once

#include <cstddef>
#include <functional>

namespace dbsage {

constexpr size_t k_large_stack_bytes = size_t{1} << 30;

// Runs fn on a new thread with a stack of k_large_stack_bytes and waits for
// it. Returns false, without running fn, when no such thread can be made.
bool run_on_large_stack(const std::function<void()>& fn);

// True on a thread started by run_on_large_stack.
bool on_large_stack();

}  // namespace dbsage
