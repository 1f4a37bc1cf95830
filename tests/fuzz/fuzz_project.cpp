// libFuzzer target: the project loader (load_project) on arbitrary bytes written as a .gpkg, and
// `info`'s description of a file GDAL cannot open. Written against the public API only, so it
// follows the loader whatever reads the file underneath.
#include <cstddef>
#include <cstdint>

#include "fuzz_input.h"
#include "geo/gdal.h"
#include "geo/io/project_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool ready = (pc::gdal_init(), true);
    (void)ready;
    const std::string path = pc::fuzz::write_input("project.gpkg", data, size);
    pc::fuzz::refusals_expected([&] { pc::load_project(path); });
    (void)pc::describe_unreadable(path);
    return 0;
}
