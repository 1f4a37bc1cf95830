#include "retained_frame.h"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <string_view>

namespace pc::gui {
namespace {

std::uint64_t hash_bytes(const void* data, std::size_t n) {
    return std::hash<std::string_view>{}(std::string_view(static_cast<const char*>(data), n));
}

std::uint64_t combine(std::uint64_t seed, std::uint64_t h) { return seed ^ (h + 0x9e3779b97f4a7c15ull + (seed << 6) + (seed >> 2)); }

// What a draw list puts on the screen: its vertices, indices and commands (clip, texture, ranges).
std::uint64_t list_hash(const ImDrawList& dl) {
    std::uint64_t h = hash_bytes(dl.VtxBuffer.Data, std::size_t(dl.VtxBuffer.Size) * sizeof(ImDrawVert));
    h = combine(h, hash_bytes(dl.IdxBuffer.Data, std::size_t(dl.IdxBuffer.Size) * sizeof(ImDrawIdx)));
    for (const ImDrawCmd& c : dl.CmdBuffer) {
        const float clip[4] = {c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w};
        h = combine(h, hash_bytes(clip, sizeof clip));
        const std::uint64_t ranges[5] = {std::uint64_t(reinterpret_cast<std::uintptr_t>(c.TextureId)), c.VtxOffset, c.IdxOffset,
                                         c.ElemCount, std::uint64_t(reinterpret_cast<std::uintptr_t>(c.UserCallback))};
        h = combine(h, hash_bytes(ranges, sizeof ranges));
    }
    return h;
}

// Whole pixels around a box, so the clears and the backend's scissors (truncated to int) agree.
RetainedFrame::Box snap_out(RetainedFrame::Box b) {
    return {std::floor(b.x0), std::floor(b.y0), std::ceil(b.x1), std::ceil(b.y1)};
}

RetainedFrame::Box bounding(const RetainedFrame::Box& a, const RetainedFrame::Box& b) {
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

RetainedFrame::Box intersection(const RetainedFrame::Box& a, const RetainedFrame::Box& b) {
    return {std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
}

// Overlapping areas merged into their bounding boxes, so no pixel is drawn twice (text blended twice
// comes out darker).
std::vector<RetainedFrame::Box> disjoint(std::vector<RetainedFrame::Box> boxes) {
    for (bool merged = true; merged;) {
        merged = false;
        for (std::size_t i = 0; i < boxes.size() && !merged; ++i)
            for (std::size_t j = i + 1; j < boxes.size(); ++j)
                if (boxes[i].intersects(boxes[j])) {
                    boxes[i] = bounding(boxes[i], boxes[j]);
                    boxes.erase(boxes.begin() + long(j));
                    merged = true;
                    break;
                }
    }
    return boxes;
}

// The parts of `a` outside `b` (up to four boxes, disjoint).
std::vector<RetainedFrame::Box> minus(const RetainedFrame::Box& a, const RetainedFrame::Box& b) {
    if (!a.intersects(b)) return {a};
    std::vector<RetainedFrame::Box> out;
    auto keep = [&](RetainedFrame::Box x) {
        if (!x.empty()) out.push_back(x);
    };
    keep({a.x0, a.y0, a.x1, b.y0});                                        // above
    keep({a.x0, b.y1, a.x1, a.y1});                                        // below
    keep({a.x0, std::max(a.y0, b.y0), b.x0, std::min(a.y1, b.y1)});        // left
    keep({b.x1, std::max(a.y0, b.y0), a.x1, std::min(a.y1, b.y1)});        // right
    return out;
}

// Draws every list of `dd` that reaches into `area`, in ImGui's order, clipped to `area` (the lists'
// clip rectangles are put back after).
void render_clipped(const ImDrawData& dd, const std::vector<RetainedFrame::Box>& extents, const RetainedFrame::Box& area);

// Clears a box given in display coordinates (framebuffer origin bottom left).
void clear_box(const RetainedFrame::Box& b, const ImDrawData& dd, int fb_h) {
    const float sx = dd.FramebufferScale.x, sy = dd.FramebufferScale.y;
    const int x0 = int((b.x0 - dd.DisplayPos.x) * sx), x1 = int((b.x1 - dd.DisplayPos.x) * sx);
    const int y0 = int((b.y0 - dd.DisplayPos.y) * sy), y1 = int((b.y1 - dd.DisplayPos.y) * sy);
    glScissor(x0, fb_h - y1, x1 - x0, y1 - y0);
    glClear(GL_COLOR_BUFFER_BIT);
}

// ImGui's backend draws `lists` of `dd` (the same display and scale).
void render_lists(const ImDrawData& dd, std::vector<ImDrawList*>& lists) {
    if (lists.empty()) return;
    ImDrawData part = dd;
    part.CmdLists = lists.data();
    part.CmdListsCount = int(lists.size());
    part.TotalVtxCount = part.TotalIdxCount = 0;
    for (const ImDrawList* l : lists) {
        part.TotalVtxCount += l->VtxBuffer.Size;
        part.TotalIdxCount += l->IdxBuffer.Size;
    }
    ImGui_ImplOpenGL3_RenderDrawData(&part);
}

void render_clipped(const ImDrawData& dd, const std::vector<RetainedFrame::Box>& extents, const RetainedFrame::Box& area) {
    std::vector<ImDrawList*> part;
    std::vector<ImVec4> saved;
    for (int i = 0; i < dd.CmdListsCount; ++i) {
        if (!extents[std::size_t(i)].intersects(area)) continue;
        ImDrawList* dl = dd.CmdLists[i];
        part.push_back(dl);
        for (ImDrawCmd& c : dl->CmdBuffer) {
            saved.push_back(c.ClipRect);
            const RetainedFrame::Box clip = intersection(RetainedFrame::Box{c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w}, area);
            c.ClipRect = clip.empty() ? ImVec4(0, 0, 0, 0) : ImVec4(clip.x0, clip.y0, clip.x1, clip.y1);
        }
    }
    render_lists(dd, part);
    std::size_t k = 0;
    for (ImDrawList* dl : part)
        for (ImDrawCmd& c : dl->CmdBuffer) c.ClipRect = saved[k++];
}

}  // namespace

// The marker: the window's bottom-right pixel, in the panels' colour with the frame number in the two
// low bits of each channel (invisible). Finding last frame's number there at the start of a frame
// shows the back buffer still holds last frame's pixels.
std::array<std::uint8_t, 3> RetainedFrame::marker_colour(unsigned frame, const float panel_rgb[3]) {
    std::array<std::uint8_t, 3> c{};
    for (int i = 0; i < 3; ++i)
        c[std::size_t(i)] = std::uint8_t((int(std::lround(panel_rgb[i] * 255)) & ~3) | ((frame >> (2 * i)) & 3));
    return c;
}

bool RetainedFrame::back_buffer_kept(int fb_w, int fb_h, const float panel_rgb[3]) const {
    if (fb_w != w_ || fb_h != h_ || !drawn_) return false;
    std::uint8_t px[4] = {0, 0, 0, 0};
    glReadBuffer(GL_BACK);
    glReadPixels(fb_w - 1, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px);
    const auto want = marker_colour(frame_, panel_rgb);
    return px[0] == want[0] && px[1] == want[1] && px[2] == want[2];
}

std::vector<RetainedFrame::ListState> RetainedFrame::survey(ImDrawData* dd, const Box& map) {
    const Box display{dd->DisplayPos.x, dd->DisplayPos.y, dd->DisplayPos.x + dd->DisplaySize.x, dd->DisplayPos.y + dd->DisplaySize.y};
    const ImTextureID font_atlas = ImGui::GetIO().Fonts->TexID;
    std::vector<ListState> states(std::size_t(dd->CmdListsCount));
    for (int i = 0; i < dd->CmdListsCount; ++i) {
        const ImDrawList& dl = *dd->CmdLists[i];
        ListState& s = states[std::size_t(i)];
        s.hash = list_hash(dl);
        bool any = false;
        for (const ImDrawCmd& c : dl.CmdBuffer) {
            if (c.ElemCount == 0 && !c.UserCallback) continue;
            // Where it draws: its vertices' bounds within its clip rectangle (a menu bar's clip is the
            // whole display, its vertices a strip at the top).
            Box drawn{1e30f, 1e30f, -1e30f, -1e30f};
            for (unsigned k = 0; k < c.ElemCount; ++k) {
                const ImVec2 p = dl.VtxBuffer[int(c.VtxOffset + dl.IdxBuffer[int(c.IdxOffset + k)])].pos;
                drawn = bounding(drawn, Box{p.x, p.y, p.x, p.y});
            }
            const Box clip = intersection(intersection(Box{c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w}, display), snap_out(drawn));
            if (clip.empty()) continue;
            s.extent = any ? bounding(s.extent, clip) : clip;
            any = true;
            if (c.TextureId != font_atlas || c.UserCallback) s.other_texture = true;
        }
        s.extent = snap_out(s.extent);
        s.inside_map = !any || map.contains(s.extent);
    }
    return states;
}

void RetainedFrame::begin(ImDrawData* dd, int fb_w, int fb_h, float map_x, float map_y, float map_w, float map_h,
                          const float panel_rgb[3]) {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (!back_buffer_kept(fb_w, fb_h, panel_rgb)) valid_ = false;
    w_ = fb_w;
    h_ = fb_h;
    std::copy(panel_rgb, panel_rgb + 3, panel_rgb_);
    // The map's viewport in whole pixels, rounded as MapRenderer rounds it.
    const float sx = dd->FramebufferScale.x, sy = dd->FramebufferScale.y;
    const float x0 = std::lround(map_x * sx) / sx, y1 = std::lround((map_y + map_h) * sy) / sy;
    map_ = Box{x0, y1 - std::lround(map_h * sy) / sy, x0 + std::lround(map_w * sx) / sx, y1};
    lists_ = survey(dd, map_);
    whole_ = !valid_ || lists_.size() != previous_.size();
    dirty_.clear();
    if (!whole_) {
        // Outside the map (which is drawn anew every frame): where a list changed or moved, before and now.
        for (std::size_t i = 0; i < lists_.size(); ++i) {
            const ListState& now = lists_[i];
            const ListState& before = previous_[i];
            if (now.inside_map && before.inside_map) continue;
            // A texture other than the font atlas may change without its list changing.
            if (now.hash == before.hash && now.extent == before.extent && !now.other_texture) continue;
            if (!now.extent.empty()) dirty_.push_back(now.extent);
            if (!before.extent.empty()) dirty_.push_back(before.extent);
        }
        std::vector<Box> outside;
        for (const Box& b : disjoint(std::move(dirty_)))
            for (const Box& piece : minus(b, map_)) outside.push_back(piece);
        dirty_ = std::move(outside);
    }

    glViewport(0, 0, fb_w, fb_h);
    glClearColor(panel_rgb[0], panel_rgb[1], panel_rgb[2], 1.0f);
    redrawn_px_ = 0;
    if (whole_) {
        glDisable(GL_SCISSOR_TEST);
        glClear(GL_COLOR_BUFFER_BIT);
        redrawn_px_ = double(fb_w) * fb_h;
        return;
    }
    glEnable(GL_SCISSOR_TEST);
    for (const Box& b : dirty_) {
        clear_box(b, *dd, fb_h);
        redrawn_px_ += double(b.x1 - b.x0) * (b.y1 - b.y0) * sx * sy;
    }
    // The map's viewport too: whatever draws there next (the map, or a slide without one) starts clean.
    clear_box(map_, *dd, fb_h);
    glDisable(GL_SCISSOR_TEST);
}

void RetainedFrame::draw_ui(ImDrawData* dd) {
    if (whole_) {
        ImGui_ImplOpenGL3_RenderDrawData(dd);
        return;
    }
    std::vector<Box> extents;
    for (const ListState& l : lists_) extents.push_back(l.extent);
    // Over the map every list that reaches it, then each changed area of the panels.
    render_clipped(*dd, extents, map_);
    for (const Box& area : dirty_) render_clipped(*dd, extents, area);
}

void RetainedFrame::present() {
    ++frame_;
    const auto c = marker_colour(frame_, panel_rgb_);
    glEnable(GL_SCISSOR_TEST);
    glScissor(w_ - 1, 0, 1, 1);
    glClearColor(c[0] / 255.0f, c[1] / 255.0f, c[2] / 255.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glDisable(GL_SCISSOR_TEST);
    drawn_ = true;
    valid_ = true;
    previous_ = lists_;
}

}  // namespace pc::gui
