#include "util/large_stack.h"

#include <pthread.h>

namespace dbsage {
namespace {

thread_local bool t_large_stack = false;

void* trampoline(void* arg) {
    t_large_stack = true;
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
}

}  // namespace

bool on_large_stack() { return t_large_stack; }

bool run_on_large_stack(const std::function<void()>& fn) {
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) return false;
    bool ok = pthread_attr_setstacksize(&attr, k_large_stack_bytes) == 0;
    pthread_t thread;
    ok = ok && pthread_create(&thread, &attr, trampoline, const_cast<std::function<void()>*>(&fn)) == 0;
    pthread_attr_destroy(&attr);
    if (!ok) return false;
    pthread_join(thread, nullptr);
    return true;
}

}  // namespace dbsage
