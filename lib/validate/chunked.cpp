// SPDX-License-Identifier: Apache-2.0
#include "validate/chunked.hpp"

#include "ids/authority.hpp"
#include "ids/industry.hpp"
#include "ids/region.hpp"
#include "schema/field_syntax.hpp"
#include "validate/validator.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace adx::validate {

namespace {

// One chunk and what checking it found.
struct Job {
    records::CsvChunk chunk;
    std::vector<Diagnostic> diagnostics;
    std::vector<KeyEntry> keys;
    std::uint64_t records = 0;
    // diagnostics[header_begin, header_end) are about the columns: the
    // first chunk with a record that a worker checks says them (a worker's
    // check maps the columns once: the names are the same in every chunk),
    // and only the first in input order is emitted. Chunk 0 is the first
    // chunk of the worker that takes it.
    bool has_header = false;
    std::size_t header_begin = 0, header_end = 0;
    bool fatal = false;
    bool done = false;

    void reset() {
        diagnostics.clear();
        keys.clear();
        records = 0;
        has_header = false;
        header_begin = header_end = 0;
        fatal = false;
        done = false;
    }
};

class Pool {
public:
    Pool(records::CsvCutter& cutter, const std::string& file, records::Syntax syntax, const schema::Format& format,
         const Options& options, unsigned threads)
        : m_cutter(cutter), m_file(file), m_syntax(syntax), m_format(format), m_options(options),
          // Enough chunks in flight to keep every worker busy while this
          // thread waits for the oldest one.
          m_jobs(2 * std::size_t{threads} + 2) {
        // The code lists are built on first use, in function-local statics:
        // safe from any thread, but a race detector (helgrind) cannot see
        // the guard's ordering. Built here, before the workers start, they
        // are plainly there for them.
        (void)ids::Regions::get();
        (void)ids::Authorities::get();
        (void)ids::Industries::get();
        (void)schema::is_currency("CNY");
        for (unsigned i = 0; i < threads; ++i) m_workers.emplace_back([this] { work(); });
    }
    ~Pool() {
        {
            std::lock_guard lock(m_mutex);
            m_quit = true;
            m_work.notify_all();
        }
        for (auto& t : m_workers) t.join();
    }
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    ChunkRun run(RecordCheck& check, const Emit& emit);

private:
    void work();
    void check_chunk(Job& job, RecordCheck& check, records::Record& rec);
    void merge(Job& job, RecordCheck& check, const Emit& emit, ChunkRun& run);

    records::CsvCutter& m_cutter;
    const std::string& m_file;
    records::Syntax m_syntax;
    const schema::Format& m_format;
    const Options& m_options;

    // Job n is m_jobs[n % size]; jobs [m_merged, m_produced) are in flight,
    // [m_taken, m_produced) wait for a worker. All under m_mutex, and so is a
    // job's done; a job's other members belong to whoever holds it (this
    // thread until produced, a worker until done, this thread again).
    std::vector<Job> m_jobs;
    std::mutex m_mutex;
    std::condition_variable m_work;      // a job to take, or quit
    std::condition_variable m_finished;  // a job is done
    std::uint64_t m_produced = 0, m_taken = 0, m_merged = 0;
    bool m_quit = false;
    std::vector<std::thread> m_workers;
};

void Pool::work() {
    RecordCheck check(m_format, m_options);
    check.begin_file(m_file, m_syntax);
    records::Record rec;  // reused: its cells keep their capacity
    for (;;) {
        Job* job = nullptr;
        {
            std::unique_lock lock(m_mutex);
            m_work.wait(lock, [&] { return m_quit || m_taken < m_produced; });
            if (m_taken == m_produced) return;  // quit, nothing left
            job = &m_jobs[m_taken++ % m_jobs.size()];
        }
        check_chunk(*job, check, rec);
        {
            // Notified under the lock (as everywhere here): no cheaper to do
            // otherwise at one notification per chunk, and plain to checkers.
            std::lock_guard lock(m_mutex);
            job->done = true;
            m_finished.notify_one();
        }
    }
}

// As Validator::validate's loop over records, into the job.
void Pool::check_chunk(Job& job, RecordCheck& check, records::Record& rec) {
    check.collect_keys(&job.keys);
    const Emit emit = [&job](const Diagnostic& d) { job.diagnostics.push_back(d); };
    auto reader = records::open_csv_chunk(m_cutter.layout(), job.chunk);
    for (;;) {
        auto more = reader->next(rec);
        if (!more) {
            const core::Error& e = more.error();
            emit(file_diagnostic(m_file, e));
            if (e.rule == "record-shape" && e.where.record) {
                ++job.records;
                continue;
            }
            job.fatal = true;
            break;
        }
        if (!*more) break;
        ++job.records;
        if (!check.header_checked()) {
            job.has_header = true;
            job.header_begin = job.diagnostics.size();
            check.map_cells(rec, emit);
            job.header_end = job.diagnostics.size();
        }
        check.record(rec, emit);
    }
}

void Pool::merge(Job& job, RecordCheck& check, const Emit& emit, ChunkRun& run) {
    const std::uint64_t base = run.records;
    for (std::size_t i = 0; i < job.diagnostics.size(); ++i) {
        if (job.has_header && run.header_done && i >= job.header_begin && i < job.header_end) continue;
        Diagnostic& d = job.diagnostics[i];
        if (d.record != 0) d.record += base;  // 0: about the file or its header
        emit(d);
    }
    if (job.has_header) run.header_done = true;
    for (KeyEntry& k : job.keys) {
        k.record += base;
        check.add_key(k);
    }
    run.records += job.records;
    run.fatal = job.fatal;
}

ChunkRun Pool::run(RecordCheck& check, const Emit& emit) {
    ChunkRun result;
    const std::size_t target = std::max<std::size_t>(m_options.chunk_bytes, 1);
    bool cutting = true;
    for (;;) {
        // Cut while there is room in flight (this thread reads meanwhile).
        while (cutting && m_produced - m_merged < m_jobs.size()) {
            Job& job = m_jobs[m_produced % m_jobs.size()];
            job.reset();
            if (!m_cutter.cut(job.chunk, target)) {
                cutting = false;
                break;
            }
            {
                std::lock_guard lock(m_mutex);
                ++m_produced;
                m_work.notify_one();
            }
        }
        if (m_merged == m_produced) break;
        Job& oldest = m_jobs[m_merged % m_jobs.size()];
        {
            std::unique_lock lock(m_mutex);
            m_finished.wait(lock, [&] { return oldest.done; });
        }
        merge(oldest, check, emit, result);
        ++m_merged;
        if (result.fatal) {
            // One thread stops here: drop what else is in flight (the
            // workers finish it; nothing more is cut).
            cutting = false;
            std::unique_lock lock(m_mutex);
            m_finished.wait(lock, [&] {
                for (std::uint64_t n = m_merged; n < m_produced; ++n)
                    if (!m_jobs[n % m_jobs.size()].done) return false;
                return true;
            });
            m_merged = m_produced;
            break;
        }
    }
    // Give the chunk buffers back: memory stays flat for the rest.
    for (Job& job : m_jobs) {
        job.chunk.text = {};
        std::vector<char>().swap(job.chunk.buffer);
    }
    return result;
}

}  // namespace

ChunkRun check_chunks(records::CsvCutter& cutter, const std::string& file, records::Syntax syntax,
                      const schema::Format& format, const Options& options, unsigned threads, RecordCheck& check,
                      const Emit& emit) {
    Pool pool(cutter, file, syntax, format, options, std::max(threads, 1u));
    return pool.run(check, emit);
}

}  // namespace adx::validate
