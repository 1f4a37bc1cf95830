#include "file_ops.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "geo/error.h"

namespace fs = std::filesystem;

namespace pc::store {
namespace {

[[noreturn]] void io_fail(const std::string& what, const std::string& path, int err) {
    throw IoError(what + " '" + path + "': " + std::strerror(err));
}

bool process_alive(long pid) {
    if (pid <= 0) return false;
    if (pid == long(::getpid())) return true;
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

void fsync_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) io_fail("cannot open for syncing", path, errno);
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0) io_fail("cannot sync to disk", path, err);
}

void fsync_folder(const std::string& folder) {
    const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) io_fail("cannot open the folder for syncing", folder, errno);
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0 && err != EINVAL && err != EROFS) io_fail("cannot sync the folder", folder, err);
}

void rename_file(const std::string& from, const std::string& to) {
    if (::rename(from.c_str(), to.c_str()) != 0) io_fail("cannot replace", to, errno);
}

void link_or_copy(const std::string& from, const std::string& to) {
    if (::link(from.c_str(), to.c_str()) == 0) return;
    std::error_code ec;
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    if (ec) throw IoError("cannot copy '" + from + "' to '" + to + "': " + ec.message());
    fsync_file(to);
}

void copy_mode(const std::string& from, const std::string& to) {
    struct stat st;
    if (::stat(from.c_str(), &st) != 0) return;
    if (::chmod(to.c_str(), st.st_mode & 07777) != 0) io_fail("cannot set the permissions of", to, errno);
}

void remove_quietly(const std::string& path) {
    std::error_code ec;
    fs::remove(path, ec);
}

void copy_file_bytes(const std::string& from, const std::string& to) {
    const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) io_fail("cannot read", from, errno);
    const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        const int err = errno;
        ::close(in);
        io_fail("cannot create", to, err);
    }
    struct stat st;
    off_t left = ::fstat(in, &st) == 0 ? st.st_size : 0;
    int err = 0;
    while (left > 0) {
        const ssize_t n = ::copy_file_range(in, nullptr, out, nullptr, std::size_t(left), 0);
        if (n > 0) {
            left -= n;
            continue;
        }
        if (n < 0 && (errno == EXDEV || errno == ENOSYS || errno == EOPNOTSUPP || errno == EINVAL)) {
            char buf[1 << 16];  // no copy_file_range here: plain reads and writes
            ssize_t r;
            while ((r = ::read(in, buf, sizeof buf)) > 0)
                if (::write(out, buf, std::size_t(r)) != r) {
                    err = errno ? errno : EIO;
                    break;
                }
            if (r < 0) err = errno;
        } else if (n < 0) {
            err = errno;
        }
        break;
    }
    if (::close(out) != 0 && !err) err = errno;
    ::close(in);
    if (err) io_fail("cannot copy to", to, err);
}

std::string temp_path(const std::string& target) { return target + ".tmp-" + std::to_string(::getpid()); }

std::vector<std::string> remove_dead_temp_files(const std::string& target) {
    std::vector<std::string> removed;
    const fs::path t(target);
    const std::string prefix = t.filename().string() + ".tmp-";
    std::error_code ec;
    fs::directory_iterator it(t.has_parent_path() ? t.parent_path() : fs::path("."), ec);
    if (ec) return removed;
    for (const auto& e : it) {
        const std::string name = e.path().filename().string();
        if (name.compare(0, prefix.size(), prefix) != 0) continue;
        std::size_t i = prefix.size(), digits = 0;
        long pid = 0;
        while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])) && digits < 10) {
            pid = pid * 10 + (name[i] - '0');
            ++i, ++digits;
        }
        if (digits == 0 || process_alive(pid)) continue;
        std::error_code rm;
        if (fs::remove(e.path(), rm)) removed.push_back(e.path().string());
    }
    return removed;
}

}  // namespace pc::store
