#pragma once
// What the fuzz targets share: the fuzzer's bytes as a file GDAL can open (GDAL and our readers take
// paths), and the errors a reader may throw on bad input. Any other exception, a crash, a hang or a
// sanitizer report is a finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "geo/error.h"

namespace pc::fuzz {

// A folder of this process for the inputs: in memory (/dev/shm) where there is one.
inline const std::filesystem::path& scratch() {
    static const std::filesystem::path dir = [] {
        std::error_code ec;
        std::filesystem::path base = std::filesystem::is_directory("/dev/shm", ec) ? "/dev/shm" : std::filesystem::temp_directory_path();
        auto d = base / ("pc_fuzz_" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    static const struct Cleanup {  // removed when the process ends normally
        ~Cleanup() {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
        }
    } cleanup;
    return dir;
}

// Writes `size` bytes to scratch()/name and returns the path.
inline std::string write_input(const std::string& name, const std::uint8_t* data, std::size_t size) {
    const std::string path = (scratch() / name).string();
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), std::streamsize(size));
    return path;
}

// Runs fn; the core's refusals of bad input are the expected outcome, anything else escapes.
template <class Fn>
void refusals_expected(Fn fn) {
    try {
        fn();
    } catch (const InputError&) {
    } catch (const GdalError&) {
    } catch (const GeosError&) {
    }
}

}  // namespace pc::fuzz
