// SPDX-License-Identifier: Apache-2.0
#include "core/mapped.hpp"

#include "core/i18n.hpp"
#include "core/log.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>

namespace adx::core {

namespace {

// What the SIGBUS handler writes: made when the file is mapped (a handler
// may not allocate or translate). One message for the process: adx maps
// one input at a time. Size 0: nothing is mapped.
char g_shrank[512];
std::atomic<std::size_t> g_shrank_size{0};
static_assert(std::atomic<std::size_t>::is_always_lock_free, "read in a signal handler");

void on_sigbus(int) {
    const std::size_t size = g_shrank_size.load();
    if (size == 0) {
        // Not from a mapping: the default action, when the access is tried again.
        ::signal(SIGBUS, SIG_DFL);
        return;
    }
    (void)!::write(STDERR_FILENO, g_shrank, size);
    ::_exit(static_cast<int>(Exit::io));
}

void arm_sigbus(const std::string& name) {
    static std::once_flag once;
    Error e{Exit::io,
            tr("the file ended early while it was read (it shrank, or a read failed); nothing after that is checked")};
    e.where.file = name;
    const std::string message = log().line(Severity::error, e, false);
    const std::size_t size = std::min(message.size(), sizeof g_shrank);
    std::memcpy(g_shrank, message.data(), size);
    g_shrank_size.store(size);
    std::call_once(once, [] {
        struct sigaction sa {};
        sa.sa_handler = on_sigbus;
        sigemptyset(&sa.sa_mask);
        ::sigaction(SIGBUS, &sa, nullptr);
    });
}

std::size_t page_size() noexcept {
    static const auto size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    return size;
}

}  // namespace

std::optional<Mapping> Mapping::of(const Input& input, std::size_t behind, std::uint64_t min_size) {
    struct stat st {};
    if (input.fd() < 0 || ::fstat(input.fd(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    const off_t at = ::lseek(input.fd(), 0, SEEK_CUR);
    if (at < 0 || static_cast<std::uint64_t>(at) < behind || st.st_size < at) return std::nullopt;
    const auto from = static_cast<std::uint64_t>(at) - behind;
    const auto end = static_cast<std::uint64_t>(st.st_size);
    if (end - from < std::max<std::uint64_t>(min_size, 1) || end > SIZE_MAX) return std::nullopt;
    const std::uint64_t start = from / page_size() * page_size();
    void* base = ::mmap(nullptr, static_cast<std::size_t>(end - start), PROT_READ, MAP_SHARED, input.fd(),
                        static_cast<off_t>(start));
    if (base == MAP_FAILED) return std::nullopt;
    arm_sigbus(input.name());
    return Mapping(static_cast<const char*>(base), static_cast<std::size_t>(end - start),
                   static_cast<std::size_t>(from - start));
}

Mapping::Mapping(Mapping&& other) noexcept
    : m_base(other.m_base), m_size(other.m_size), m_skip(other.m_skip), m_dropped(other.m_dropped) {
    other.m_base = nullptr;
    other.m_size = 0;
}

Mapping& Mapping::operator=(Mapping&& other) noexcept {
    if (this != &other) {
        if (m_base) ::munmap(const_cast<char*>(m_base), m_size);
        m_base = other.m_base;
        m_size = other.m_size;
        m_skip = other.m_skip;
        m_dropped = other.m_dropped;
        other.m_base = nullptr;
        other.m_size = 0;
    }
    return *this;
}

Mapping::~Mapping() {
    if (!m_base) return;
    ::munmap(const_cast<char*>(m_base), m_size);
    g_shrank_size.store(0);
}

bool Mapping::populate(std::size_t begin, std::size_t end) const noexcept {
    // Page-aligned start; a kernel without MADV_POPULATE_READ (before 5.14)
    // says EINVAL, and the pages are then faulted in as they are touched.
    const std::size_t from = (m_skip + begin) / page_size() * page_size();
    const std::size_t to = std::min(m_size, m_skip + end);
    if (to <= from) return true;
#ifdef MADV_POPULATE_READ
    if (::madvise(const_cast<char*>(m_base) + from, to - from, MADV_POPULATE_READ) != 0 && errno == EFAULT)
        return false;
#endif
    return true;
}

void Mapping::drop_before(std::size_t end) noexcept {
    const std::size_t to = std::min(m_size, m_skip + end) / page_size() * page_size();
    if (to <= m_dropped) return;
    ::madvise(const_cast<char*>(m_base) + m_dropped, to - m_dropped, MADV_DONTNEED);
    m_dropped = to;
}

}  // namespace adx::core
