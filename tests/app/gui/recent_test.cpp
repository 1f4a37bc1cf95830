// Recent projects list: order, limit, file round trip, XDG_CONFIG_HOME.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <algorithm>
#include <fstream>

#include <unistd.h>

#include "recent.h"

using namespace pc::gui;
namespace fs = std::filesystem;

TEST_CASE("recent: newest first, no duplicates, at most eight", "[gui][recent]") {
    std::vector<std::string> list;
    for (int i = 0; i < 10; ++i) add_recent(list, "/p/" + std::to_string(i) + ".gpkg");
    REQUIRE(list.size() == 8);
    CHECK(list.front() == "/p/9.gpkg");
    CHECK(list.back() == "/p/2.gpkg");
    add_recent(list, "/p/5.gpkg");
    CHECK(list.size() == 8);
    CHECK(list[0] == "/p/5.gpkg");
    CHECK(list[1] == "/p/9.gpkg");
    CHECK(std::count(list.begin(), list.end(), "/p/5.gpkg") == 1);
    remove_recent(list, "/p/9.gpkg");
    CHECK(list.size() == 7);
    add_recent(list, "");
    CHECK(list.size() == 7);
}

TEST_CASE("recent: saved and loaded back; XDG_CONFIG_HOME is respected", "[gui][recent]") {
    const fs::path dir = fs::temp_directory_path() / ("pc_recent_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const char* old = std::getenv("XDG_CONFIG_HOME");
    const std::string saved_env = old ? old : "";
    setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
    const std::string file = recent_file_path();
    CHECK(file == (dir / "petacerdas" / "recent.txt").string());
    CHECK(load_recent(file).empty());  // no file yet

    std::vector<std::string> list = {"/data/a.gpkg", "/data/b b.gpkg", "/data/Kabupaten Ñ.gpkg"};
    REQUIRE(save_recent(file, list));
    CHECK(load_recent(file) == list);

    // A hand-edited file: blank lines, CRLF, duplicates and too many entries.
    {
        std::ofstream out(file);
        out << "/x/1.gpkg\r\n\n/x/1.gpkg\n";
        for (int i = 2; i <= 12; ++i) out << "/x/" << i << ".gpkg\n";
    }
    auto loaded = load_recent(file);
    REQUIRE(loaded.size() == 8);
    CHECK(loaded[0] == "/x/1.gpkg");
    CHECK(loaded[1] == "/x/2.gpkg");
    CHECK(loaded[7] == "/x/8.gpkg");

    unsetenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    if (home && *home) CHECK(recent_file_path() == (fs::path(home) / ".config" / "petacerdas" / "recent.txt").string());
    if (old) setenv("XDG_CONFIG_HOME", saved_env.c_str(), 1);
    fs::remove_all(dir);
}
