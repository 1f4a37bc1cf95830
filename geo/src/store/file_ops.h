#pragma once
// Internal: file system steps of a safe save, each checked (IoError with the system's message).
#include <string>
#include <vector>

namespace pc::store {

void fsync_file(const std::string& path);
// The folder's entry of a renamed file is on disk (file systems that cannot sync folders pass).
void fsync_folder(const std::string& folder);
void rename_file(const std::string& from, const std::string& to);
// A second name for the same file (a hard link), or a synced copy where the file system has none.
void link_or_copy(const std::string& from, const std::string& to);
// The mode bits of `from` given to `to` (a replaced file keeps its permissions); no-op when `from`
// does not exist.
void copy_mode(const std::string& from, const std::string& to);
void remove_quietly(const std::string& path);
// The bytes of `from` into a new file `to` (copy_file_range: the kernel copies, or shares extents).
void copy_file_bytes(const std::string& from, const std::string& to);

// "<file>.tmp-<pid>" for this process.
std::string temp_path(const std::string& target);
// Files "<name>.tmp-<pid>[suffix]" beside `target` whose process <pid> is gone: removed.
std::vector<std::string> remove_dead_temp_files(const std::string& target);

}  // namespace pc::store
