#pragma once
// What the document tests share: the generated demo project (built once) and a fresh folder.
#include <unistd.h>

#include <filesystem>
#include <string>

#include "geo/demo/demo.h"

namespace pc::doc_test {

inline const Project& demo() {
    static const Project p = make_demo_project();
    return p;
}

// An empty folder of this test process under the temporary directory.
inline std::filesystem::path fresh_dir(const std::string& name) {
    const std::filesystem::path d = std::filesystem::temp_directory_path() / ("pc_doc_" + name + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
}

}  // namespace pc::doc_test
