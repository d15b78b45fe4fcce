#include <ttplan/error.hpp>
#include <ttplan/format.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <string>

namespace ttplan {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const char* what, int err) {
    throw io_error(std::string(what) + ": " + std::strerror(err), location{path.string(), {}, 0, 0});
}

void write_all(int fd, std::string_view content, const std::function<void(const char*)>& abandon) {
    const char* data = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            abandon("cannot write");
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
}

// A device, FIFO or socket (/dev/stdout, /dev/null, a named pipe) is written in place: it
// cannot be replaced by renaming a file over it, and must not be (that would swap the device
// node for a regular file).
void write_in_place(const std::filesystem::path& path, std::string_view content) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) fail(path, "cannot open", errno);
    write_all(fd, content, [&](const char* what) {
        const int err = errno;
        ::close(fd);
        fail(path, what, err);
    });
    if (::close(fd) != 0) fail(path, "cannot close", errno);
}

}  // namespace

void write_file_atomic(const std::filesystem::path& requested, std::string_view content, file_sync sync) {
    std::error_code ec;
    const auto target = std::filesystem::status(requested, ec);  // follows symbolic links
    if (!ec && std::filesystem::exists(target) && !std::filesystem::is_regular_file(target) &&
        !std::filesystem::is_directory(target)) {
        write_in_place(requested, content);
        return;
    }
    // A symbolic link to a file: replace the file it points to and keep the link.
    std::filesystem::path path = requested;
    if (std::filesystem::is_symlink(std::filesystem::symlink_status(requested, ec))) {
        auto resolved = std::filesystem::weakly_canonical(requested, ec);
        if (!ec) path = std::move(resolved);
    }
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::string tmp = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) fail(requested, "cannot create a temporary file beside it", errno);
    auto abandon = [&](const char* what) {
        const int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        fail(requested, what, err);
    };
    write_all(fd, content, abandon);
    // mkstemp creates 0600; keep a replaced file's mode, else the usual 0644. (Reading the
    // umask would mean changing it, which is not safe in a library used from threads.)
    struct stat existing {};
    const mode_t mode = ::stat(path.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : 0644;
    if (::fchmod(fd, mode) != 0) abandon("cannot set permissions");
    if (sync == file_sync::now && ::fsync(fd) != 0) abandon("cannot flush");
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        fail(requested, "cannot close", err);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        fail(requested, "cannot rename the temporary file into place", err);
    }
}

}  // namespace ttplan
