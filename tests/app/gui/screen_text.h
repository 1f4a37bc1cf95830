#pragma once
// What text the last frame drew, read back from ImGui's draw lists: every glyph is a textured quad
// whose texture coordinates are those of one glyph of the font atlas, so the quads give back the
// characters, where they stand and whether they were cut. Window tests read figures off the screen
// with it ("−3.828 penduduk baru terlayani") and check that no text is clipped: a glyph cut by its
// clip rectangle, or a truncation ellipsis ("Terla…").
#include <string>
#include <vector>

namespace pc::gui::test {

struct TextRun {
    std::string text;                // UTF-8; a space where the gap between glyphs is a space wide
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    float clip_x0 = 0, clip_x1 = 0;  // the horizontal extent its draw command was clipped to
    bool cut = false;                // a glyph reaches past the clip rectangle's left or right side
    bool ellipsis = false;           // ends in "…" (ImGui shortens text that does not fit with it)
    std::string list;                // the draw list's owner ("Angka###Metrics", "##Background" ...)
};

// The runs of the last frame (call after App::frame, before the next), in drawing order.
std::vector<TextRun> screen_text();
// All of it, one run per line, for messages.
std::string screen_text_dump();
// The first run containing `needle`, or nullptr.
const TextRun* find_text(const std::vector<TextRun>& runs, const std::string& needle);

}  // namespace pc::gui::test
