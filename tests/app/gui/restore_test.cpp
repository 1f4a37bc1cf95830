// A damaged project in the window: the problem dialog offers the backup its last save kept, a real
// click on "Restore backup" puts that version back and opens it, and the damaged file becomes the
// backup (nothing lost). Restoring that damaged backup again is refused and nothing moves.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "app.h"
#include "geo/doc/command.h"
#include "geo/io/project_file.h"
#include "screen_text.h"
#include "skip.h"
#include "window_test.h"
#include "x_pointer.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
using pc::gui::testing::XPointer;
namespace fs = std::filesystem;

namespace {

std::string bytes_of(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Clicks the middle of the button `label`, drawn in the next frame. Buttons on one line read back as
// one run ("Pulihkan cadangan OK"): the label is the run's start, its share of the run by characters.
// The last such run: a dialog's buttons come after its title ("Pulihkan versi sebelumnya").
bool click_text(App& app, XPointer& ptr, const std::string& label) {
    app.frame();
    const auto runs = screen_text();
    const TextRun* hit = nullptr;
    for (const TextRun& r : runs)
        if (r.text == label || r.text.rfind(label + " ", 0) == 0) hit = &r;
    if (!hit) return false;
    const double share = double(label.size()) / double(hit->text.size());
    ptr.click(hit->x0 + (hit->x1 - hit->x0) * share / 2, (hit->y0 + hit->y1) / 2);
    return true;
}

}  // namespace

TEST_CASE("gui: a damaged project offers its backup, and a real click restores and opens it", "[gui][window][restore]") {
    if (!display_available()) return pc::test::skip("no X display");
    const std::string demo = use_fresh_demo("restore");
    App app(AppOptions{});
    REQUIRE(app.settle());
    XPointer ptr(app);
    REQUIRE(XPointer::available());
    ptr.move(5, 500, 2);

    // A save over the opened file keeps the version it replaces as the backup.
    const std::size_t saved_before = app.doc().project().initiatives.size();
    Initiative in;
    in.id = new_uuid();
    in.name = "Pojok baca";
    in.geometry = Geometry::point(app.doc().project().desa.front().geometry.polygons[0].rings[0][0].x,
                                  app.doc().project().desa.front().geometry.polygons[0].rings[0][0].y);
    app.doc().execute(add_initiative(in));
    app.doc().save_as(demo);
    REQUIRE(app.settle());
    REQUIRE(list_backups(demo).size() == 1);
    REQUIRE(load_project(list_backups(demo).front().path).initiatives.size() == saved_before);

    // The project is cut off (as by a copy that stopped half-way), then opened.
    const std::string whole = bytes_of(demo);
    const std::string damaged = whole.substr(0, whole.size() / 3);
    std::ofstream(demo, std::ios::binary | std::ios::trunc) << damaged;
    app.ui().open_path = demo;
    app.frame();
    REQUIRE(app.settle());
    REQUIRE(app.ui().error.has_value());
    CHECK_FALSE(app.ui().error->backup_saved.empty());
    app.frame();
    INFO(screen_text_dump());
    CHECK(find_text(screen_text(), "Versi sebelumnya tersimpan di sebelahnya"));
    app.frame();
    app.request_capture();
    app.frame();
    REQUIRE(app.write_png(screenshot("restore_offered.png")));

    REQUIRE(click_text(app, ptr, "Pulihkan cadangan"));
    for (int i = 0; i < 5; ++i) app.frame();
    REQUIRE(app.settle());
    CHECK_FALSE(app.ui().error.has_value());
    CHECK(app.doc().path() == demo);
    CHECK(app.doc().project().initiatives.size() == saved_before);  // the version the save replaced
    CHECK(bytes_of(backup_path(demo)) == damaged);                    // the damaged file, kept as the backup
    CHECK_FALSE(app.doc().dirty());

    // File > Restore previous version... now offers the damaged backup: refused, nothing moves.
    const std::string restored = bytes_of(demo);
    app.ui().request_restore = true;
    for (int i = 0; i < 3; ++i) app.frame();  // a modal that fits its text shows from its second frame
    CHECK(find_text(screen_text(), "Versi yang terbuka sekarang menjadi cadangan"));
    REQUIRE(click_text(app, ptr, "Pulihkan"));
    for (int i = 0; i < 5; ++i) app.frame();
    REQUIRE(app.ui().error.has_value());
    CHECK(app.ui().error->title == "Versi sebelumnya tidak dapat dipulihkan");
    CHECK(bytes_of(demo) == restored);
    CHECK(bytes_of(backup_path(demo)) == damaged);
    fs::remove_all(fs::path(demo).parent_path());
}
