// Reading the last frame's text back from ImGui's draw lists (see screen_text.h). No test cases here.
#include "screen_text.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <map>
#include <utility>

namespace pc::gui::test {
namespace {

struct GlyphKey {
    float u, v;
    bool operator<(const GlyphKey& o) const { return u != o.u ? u < o.u : v < o.v; }
};

struct GlyphRef {
    unsigned codepoint;
    float u0, v0, u1, v1;
    float x0, y0, y1, advance, font_size;  // in the font's own pixels
};

// Every glyph of every font in the atlas by its top-left and by its bottom-right texture corner.
struct GlyphIndex {
    std::map<GlyphKey, GlyphRef> by_top_left, by_bottom_right;
    GlyphIndex() {
        const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
        for (const ImFont* font : atlas->Fonts)
            for (const ImFontGlyph& g : font->Glyphs) {
                if (!g.Visible) continue;
                const GlyphRef r{g.Codepoint, g.U0, g.V0, g.U1, g.V1, g.X0, g.Y0, g.Y1, g.AdvanceX, font->FontSize};
                by_top_left.emplace(GlyphKey{g.U0, g.V0}, r);
                by_bottom_right.emplace(GlyphKey{g.U1, g.V1}, r);
            }
    }
};

void append_utf8(std::string& s, unsigned c) {
    if (c < 0x80) {
        s += char(c);
    } else if (c < 0x800) {
        s += char(0xc0 | (c >> 6));
        s += char(0x80 | (c & 0x3f));
    } else {
        s += char(0xe0 | (c >> 12));
        s += char(0x80 | ((c >> 6) & 0x3f));
        s += char(0x80 | (c & 0x3f));
    }
}

struct Glyph {
    unsigned codepoint;
    float x0, y0, x1, y1;
    bool cut;
    float pen_x, line_top, px, advance;  // where its pen stood, its line's top, the drawn size
};

}  // namespace

std::vector<TextRun> screen_text() {
    std::vector<TextRun> runs;
    const ImDrawData* dd = ImGui::GetDrawData();
    if (!dd) return runs;
    const GlyphIndex index;
    const ImTextureID font_texture = ImGui::GetIO().Fonts->TexID;
    for (int l = 0; l < dd->CmdListsCount; ++l) {
        const ImDrawList* list = dd->CmdLists[l];
        const std::string owner = list->_OwnerName ? list->_OwnerName : "";
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback || cmd.TextureId != font_texture) continue;
            std::vector<Glyph> glyphs;
            const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
            const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
            for (unsigned k = 0; k + 5 < cmd.ElemCount;) {
                // A glyph is a quad of two triangles (a, b, c) (a, c, d), axis aligned, textured.
                const ImDrawIdx a = idx[k], b = idx[k + 1], c = idx[k + 2];
                if (idx[k + 3] != a || idx[k + 4] != c) {
                    k += 3;
                    continue;
                }
                const ImDrawVert& va = vtx[a];
                const ImDrawVert& vc = vtx[c];
                const ImDrawVert& vb = vtx[b];
                if (vb.pos.y != va.pos.y || vb.pos.x != vc.pos.x || vc.uv.x == va.uv.x) {
                    k += 3;
                    continue;
                }
                auto tl = index.by_top_left.find(GlyphKey{va.uv.x, va.uv.y});
                auto br = index.by_bottom_right.find(GlyphKey{vc.uv.x, vc.uv.y});
                const GlyphRef* g = tl != index.by_top_left.end() ? &tl->second : br != index.by_bottom_right.end() ? &br->second : nullptr;
                if (!g) {
                    k += 3;
                    continue;
                }
                // Cut by ImGui's CPU clipping (texture corners moved in), or reaching past the clip rectangle.
                bool cut = va.uv.x != g->u0 || vc.uv.x != g->u1;
                cut |= va.pos.x < cmd.ClipRect.x - 0.5f || vc.pos.x > cmd.ClipRect.z + 0.5f;
                // The drawn size from the quad's height (not cut vertically: the glyph's own).
                const float scale = g->y1 > g->y0 ? (vc.pos.y - va.pos.y) / (g->y1 - g->y0) : 1.0f;
                glyphs.push_back({g->codepoint, va.pos.x, va.pos.y, vc.pos.x, vc.pos.y, cut, va.pos.x - g->x0 * scale,
                                  va.pos.y - g->y0 * scale, g->font_size * scale, g->advance * scale});
                k += 6;
            }
            // Glyphs in a row, left to right, make a run; a gap as wide as a space makes a space.
            TextRun run;
            float pen_end = 0, line_top = 0, px = 0;
            auto flush = [&] {
                if (!run.text.empty()) runs.push_back(run);
                run = TextRun{};
            };
            for (const Glyph& g : glyphs) {
                const bool same_line = !run.text.empty() && std::abs(g.line_top - line_top) < px * 0.3f &&
                                       std::abs(g.px - px) < px * 0.1f && g.pen_x >= pen_end - px * 0.2f &&
                                       g.pen_x - pen_end < px * 1.5f;
                if (!same_line) {
                    flush();
                    run.x0 = g.x0;
                    run.y0 = g.y0;
                    run.x1 = g.x1;
                    run.y1 = g.y1;
                    run.clip_x0 = cmd.ClipRect.x;
                    run.clip_x1 = cmd.ClipRect.z;
                    run.list = owner;
                } else if (g.pen_x - pen_end > g.px * 0.15f) {
                    run.text += ' ';
                }
                append_utf8(run.text, g.codepoint);
                run.cut |= g.cut;
                run.ellipsis = g.codepoint == 0x2026;
                run.x1 = std::max(run.x1, g.x1);
                run.y0 = std::min(run.y0, g.y0);
                run.y1 = std::max(run.y1, g.y1);
                pen_end = g.pen_x + g.advance;
                line_top = g.line_top;
                px = g.px;
            }
            flush();
        }
    }
    return runs;
}

std::string screen_text_dump() {
    std::string out;
    for (const TextRun& r : screen_text()) {
        out += "[" + r.list + "] " + r.text;
        if (r.cut) out += "  <cut>";
        if (r.ellipsis) out += "  <ellipsis>";
        out += "\n";
    }
    return out;
}

const TextRun* find_text(const std::vector<TextRun>& runs, const std::string& needle) {
    for (const TextRun& r : runs)
        if (r.text.find(needle) != std::string::npos) return &r;
    return nullptr;
}

}  // namespace pc::gui::test
