# The two commands a newcomer runs: `make demo` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: all setup build demo test test-unit install bench bench-build fuzz clean

all: build

setup:
	@scripts/setup.sh

# Ninja when installed (setup installs it): it starts compiling sooner and
# keeps both cores busy; Make otherwise.
GENERATOR := $(if $(shell command -v ninja 2>/dev/null),-G Ninja,)

# Clang when installed (setup installs it): it builds dbsage in two thirds
# of g++'s time (docs/benchmarks.md). g++ builds it too: make CXX=g++ CC=gcc.
CXX := $(if $(shell command -v clang++ 2>/dev/null),clang++,$(CXX))
CC := $(if $(shell command -v clang 2>/dev/null),clang,$(CC))

$(BUILD)/CMakeCache.txt:
	@CC=$(CC) CXX=$(CXX) cmake -S . -B $(BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: setup $(BUILD)/CMakeCache.txt
	@cmake --build $(BUILD) -j $(JOBS)

# Each builds only what it runs.
demo: setup $(BUILD)/CMakeCache.txt
	@cmake --build $(BUILD) -j $(JOBS) --target dbsage pg_sandbox maria_sandbox example_db
	@scripts/demo.sh $(BUILD)

test: setup $(BUILD)/CMakeCache.txt
	@cmake --build $(BUILD) -j $(JOBS) --target dbsage dbsage_tests example_db
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The pure tests only (seconds): ctest -L unit; the server tests: ctest -L live.
test-unit: setup $(BUILD)/CMakeCache.txt
	@cmake --build $(BUILD) -j $(JOBS) --target dbsage dbsage_tests example_db
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -L unit

bench: build
	@scripts/bench.sh $(BUILD)
	@scripts/bench-migrations.sh $(BUILD)
	@scripts/bench-digest.sh $(BUILD)
	@scripts/bench-explain.sh $(BUILD)
	@scripts/bench-mysql.sh $(BUILD)
	@scripts/bench-health.sh $(BUILD)
	@scripts/bench-squawk-agreement.sh $(BUILD)
	@$(BUILD)/bench/advisor_bench

# A Release build of the binary alone, stripped, into $(PREFIX)/bin.
PREFIX ?= /usr/local
install: setup
	@CC=$(CC) CXX=$(CXX) cmake -S . -B build-release $(GENERATOR) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build build-release -j $(JOBS) --target dbsage
	@cmake --install build-release --strip --prefix $(PREFIX)

# Build and test time from a fresh clone (about 12 minutes).
bench-build:
	@scripts/bench-build.sh

# libFuzzer with clang, ASan and UBSan (fuzz/README.md).
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/setup.sh clang libclang-rt-14-dev
	@cmake -S . -B build-fuzz -DDBSAGE_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build build-fuzz -j $(JOBS) --target digest_fuzzer sql_fuzzer plan_fuzzer
	@mkdir -p build-fuzz/corpus/digest build-fuzz/corpus/sql build-fuzz/corpus/plan
	@cp fuzz/corpus/digest/* build-fuzz/corpus/digest/ && cp fuzz/corpus/sql/* build-fuzz/corpus/sql/
	@cp tests/explain/plans/* build-fuzz/corpus/plan/
	@build-fuzz/fuzz/digest_fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 build-fuzz/corpus/digest
	@build-fuzz/sql_fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=10 -rss_limit_mb=4096 build-fuzz/corpus/sql
	@build-fuzz/plan_fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10 -rss_limit_mb=4096 build-fuzz/corpus/plan

clean:
	rm -rf $(BUILD) build-fuzz build-release
