// Runs a command (no shell) and waits for it: what the sandbox tools do once
// their server is up.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace dbsage::tools {

// The command's exit code; 127 when it cannot be run, 2 when it was killed.
inline int run_command(std::vector<std::string> args) {
    pid_t child = fork();
    if (child == 0) {
        std::vector<char*> cargs;
        for (auto& a : args) cargs.push_back(a.data());
        cargs.push_back(nullptr);
        execvp(cargs[0], cargs.data());
        _exit(127);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}

}  // namespace dbsage::tools
