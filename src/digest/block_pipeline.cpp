#include "digest/block_pipeline.h"

#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dbsage {
namespace {

struct Block {
    std::uint64_t seq = 0;
    std::unique_ptr<char[]> data;  // not std::string: no zero-filling of 8 MB per block
    size_t capacity = 0, size = 0;
};

// One worker's parser, sink and partial report.
struct Worker {
    Worker(const DigestOptions& options, const BlockFormat& format) : sink(options, report), parser(format.make_parser(sink)) {
        sink.set_text_stable(format.views_into_block);
        sink.set_blocks_in_order(format.in_order);
    }
    DigestReport report;
    RecordSink sink;
    std::unique_ptr<BlockParser> parser;
};

// Cuts the input into blocks that end at a record boundary; what follows
// the cut starts the next block.
class BlockReader {
public:
    BlockReader(LogInput& in, const BlockFormat& format, const DigestOptions& options, std::uint64_t& bytes_read)
        : m_in(in), m_format(format), m_options(options), m_bytes_read(bytes_read), m_bytes_before(bytes_read) {}

    // Fills block with the next records; false when the input is over.
    bool next(Block& block) {
        if (m_at_end && m_carry.empty()) return false;
        size_t want = std::max(m_options.chunk_bytes, m_carry.size() * 2);
        if (block.capacity < want) grow(block, want);
        std::memcpy(block.data.get(), m_carry.data(), m_carry.size());
        block.size = m_carry.size();
        m_carry.clear();
        for (;;) {
            while (!m_at_end && block.size < block.capacity) {
                size_t got = m_in.read(block.data.get() + block.size, block.capacity - block.size);
                if (got == 0) m_at_end = true;
                block.size += got;
                m_bytes_read = m_bytes_before + m_in.consumed();
                if (m_options.progress) m_options.progress(m_bytes_read);
            }
            std::string_view text(block.data.get(), block.size);
            size_t cut = m_at_end ? text.size() : m_format.cut(text);
            if (cut == 0 && !m_at_end) {
                if (block.capacity < m_options.max_record_bytes) {
                    grow(block, block.capacity * 2);  // one record longer than the block: make room
                    continue;
                }
                // No record boundary in max_record_bytes (a run of continuation
                // lines, or no newline at all): cut at a line end, or anywhere,
                // rather than hold the whole input.
                size_t nl = text.rfind('\n');
                cut = nl == std::string_view::npos ? text.size() : nl + 1;
            }
            m_carry.assign(text.substr(cut));
            block.size = cut;
            block.seq = m_seq++;
            return block.size > 0 || !m_carry.empty();
        }
    }

private:
    static void grow(Block& block, size_t capacity) {
        std::unique_ptr<char[]> bigger(new char[capacity]);  // make_unique would zero it
        if (block.size) std::memcpy(bigger.get(), block.data.get(), block.size);
        block.data = std::move(bigger);
        block.capacity = capacity;
    }

    LogInput& m_in;
    const BlockFormat& m_format;
    const DigestOptions& m_options;
    std::uint64_t& m_bytes_read;
    std::uint64_t m_bytes_before;  // of the inputs before this one
    std::string m_carry;
    bool m_at_end = false;
    std::uint64_t m_seq = 0;
};

BlockEnd digest_block(Worker& worker, const Block& block) {
    worker.parser->run(std::string_view(block.data.get(), block.size));
    return worker.sink.end_block();
}

void digest_on_one_thread(BlockReader& blocks, Worker& worker, BlockJoiner& joiner) {
    Block block;
    while (blocks.next(block)) joiner.add(digest_block(worker, block));
    worker.parser->finish();
    joiner.add(worker.sink.end_block());
}

// Blocks go round: free -> filled by the reader -> queued -> digested by a
// worker -> free. Block ends are joined in block order as they come in.
class Pipeline {
public:
    Pipeline(BlockReader& blocks, BlockJoiner& joiner, size_t block_count) : m_blocks(blocks), m_joiner(joiner) {
        for (size_t i = 0; i < block_count; ++i) m_free.emplace_back();
    }

    void run(std::vector<std::unique_ptr<Worker>>& workers) {
        std::vector<std::thread> threads;
        for (auto& worker : workers) threads.emplace_back([this, &worker] { work(*worker); });
        read();
        for (auto& t : threads) t.join();
    }

private:
    void read() {
        for (;;) {
            Block block;
            {
                std::unique_lock lock(m_mutex);
                m_block_freed.wait(lock, [&] { return !m_free.empty(); });
                block = std::move(m_free.front());
                m_free.pop_front();
            }
            bool more = m_blocks.next(block);
            std::lock_guard lock(m_mutex);
            if (!more) {
                m_done = true;
                m_block_queued.notify_all();
                return;
            }
            m_queued.push_back(std::move(block));
            m_block_queued.notify_one();
        }
    }

    void work(Worker& worker) {
        for (;;) {
            Block block;
            {
                std::unique_lock lock(m_mutex);
                m_block_queued.wait(lock, [&] { return !m_queued.empty() || m_done; });
                if (m_queued.empty()) return;
                block = std::move(m_queued.front());
                m_queued.pop_front();
            }
            BlockEnd end = digest_block(worker, block);
            std::lock_guard lock(m_mutex);
            m_ended.emplace(block.seq, std::move(end));
            for (auto it = m_ended.begin(); it != m_ended.end() && it->first == m_next_to_join; it = m_ended.erase(it)) {
                m_joiner.add(std::move(it->second));
                ++m_next_to_join;
            }
            m_free.push_back(std::move(block));
            m_block_freed.notify_one();
        }
    }

    BlockReader& m_blocks;
    BlockJoiner& m_joiner;
    std::mutex m_mutex;
    std::condition_variable m_block_freed, m_block_queued;
    std::deque<Block> m_free, m_queued;
    std::map<std::uint64_t, BlockEnd> m_ended;
    std::uint64_t m_next_to_join = 0;
    bool m_done = false;
};

}  // namespace

void digest_blocks(LogInput& in, const BlockFormat& format, const DigestOptions& options, int threads,
                   DigestReport& report, std::uint64_t& bytes_read) {
    BlockReader blocks(in, format, options, bytes_read);
    BlockJoiner joiner(options, report);
    std::vector<std::unique_ptr<Worker>> workers;
    int count = format.in_order ? 1 : std::max(1, threads);
    for (int i = 0; i < count; ++i) workers.push_back(std::make_unique<Worker>(options, format));
    if (workers.size() == 1) {
        digest_on_one_thread(blocks, *workers.front(), joiner);
    } else {
        // One block digested per worker, one being read and one ready.
        Pipeline pipeline(blocks, joiner, workers.size() + 2);
        pipeline.run(workers);
    }
    joiner.finish();
    for (const auto& worker : workers) merge_reports(report, worker->report);
}

}  // namespace dbsage
