// The window's map: MapLayers plus pointer tools and the live what-if (see map_view.h).
#include "map_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "geo/doc/measure.h"
#include "gui_canvas.h"
#include "panels.h"
#include "render/i18n.h"

namespace pc::gui {
namespace {

ImU32 im(Rgba c, float alpha = 1.0f) {
    return IM_COL32(int(c >> 24), int((c >> 16) & 0xff), int((c >> 8) & 0xff), int(float(c & 0xff) * alpha));
}

// True when the closed polygon through `pts` turns the same way at every vertex.
bool is_convex(const std::vector<ImVec2>& pts) {
    int sign = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const ImVec2& a = pts[i];
        const ImVec2& b = pts[(i + 1) % pts.size()];
        const ImVec2& c = pts[(i + 2) % pts.size()];
        const float cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
        if (cross == 0) continue;
        const int s = cross > 0 ? 1 : -1;
        if (sign != 0 && s != sign) return false;
        sign = s;
    }
    return true;
}

}  // namespace

std::string measure_text(const std::vector<Coord>& path) {
    const double length = geodesic_length_m(path);
    std::string out = std::string(tr("Distance")) + " " +
                      (length >= 1000 ? format_decimal(length / 1000, 2) + " km" : format_decimal(length, 0) + " m");
    if (path.size() >= 3) {
        const double area = geodesic_area_m2(path);
        out += "  ·  " + std::string(tr("Enclosed area")) + " " +
               (area >= 1e6 ? format_decimal(area / 1e6, 2) + " km²" : format_decimal(area / 1e4, 2) + " ha");
    }
    return out;
}

MapView::MapView(Document& doc) : MapLayers(doc) {
    initiative_template.name = "New initiative";
    initiative_template.pillar = Pillar::Society;
    initiative_template.element = Element::Infrastruktur;
    initiative_template.status = Status::Usulan;
    initiative_template.radius_m = 1500;
    facility_template.name = "New facility";
    const Project& p = doc_.project();
    if (!p.settings.facility_types.empty()) facility_template.type = p.settings.facility_types.front().key;
    if (!p.settings.opd.empty()) initiative_template.opd = p.settings.opd.front();
    initiative_template.start_year = p.settings.period_start;
    initiative_template.end_year = p.settings.period_start;
}

MapView::~MapView() = default;

void MapView::sync() {
    MapLayers::sync();
    if (analysis_crs_.empty()) {
        const std::string crs = doc_.analysis_crs();
        if (!crs.empty()) {
            analysis_crs_ = crs;
            try {
                to_analysis_ = std::make_unique<CrsTransform>("EPSG:4326", analysis_crs_);
            } catch (const std::exception&) {
                to_analysis_.reset();
            }
        }
    }
}

std::optional<Coord> MapView::cursor_projected() const {
    if (!cursor_ || !to_analysis_) return std::nullopt;
    try {
        return to_analysis_->apply(*cursor_);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<FeatureRef> MapView::pick(double sx, double sy, double tol) const {
    const Project& p = doc_.project();
    std::optional<FeatureRef> best;
    double best_d = tol * tol;
    auto consider = [&](DocLayer layer, const Uuid& id, const Geometry& g) {
        if (g.empty()) return;
        std::vector<Coord> pts = g.kind == GeometryKind::Point ? g.points : std::vector<Coord>{g.anchor()};
        for (const Coord& c : pts) {
            Coord s = to_screen(c);
            double d = (s.x - sx) * (s.x - sx) + (s.y - sy) * (s.y - sy);
            if (d <= best_d) {
                best_d = d;
                best = FeatureRef{layer, id};
            }
        }
    };
    if (styles[std::size_t(LayerId::Facilities)].visible)
        for (const auto& f : p.facilities) consider(DocLayer::Facilities, f.id, f.geometry);
    // Initiatives are drawn on top: on a tie they win.
    if (styles[std::size_t(LayerId::Initiatives)].visible)
        for (const auto& in : p.initiatives) consider(DocLayer::Initiatives, in.id, in.geometry);
    return best;
}

void MapView::update_live(const CanvasInput& in) {
    if (live_at_ && std::abs(live_at_->x - in.x) < 1 && std::abs(live_at_->y - in.y) < 1 && live_) return;
    // The what-if needs the engine on this thread; it is prepared in the background when first needed.
    live_waiting_ = !doc_.engine_ready();
    if (live_waiting_) {
        doc_.request_engine();
        live_.reset();
        return;
    }
    live_at_ = Coord{in.x, in.y};
    try {
        if (drag_) {
            auto r = doc_.what_if_move(drag_->ref, drag_->now_lonlat.x - drag_->start_lonlat.x,
                                       drag_->now_lonlat.y - drag_->start_lonlat.y);
            if (r.empty()) live_.reset();
            else live_ = r.front();
        } else if (tool == Tool::PlaceInitiative) {
            Initiative i = initiative_template;
            i.geometry = Geometry::point(cursor_->x, cursor_->y);
            live_ = doc_.what_if_add(i);
        } else if (tool == Tool::PlaceFacility) {
            Facility f = facility_template;
            f.geometry = Geometry::point(cursor_->x, cursor_->y);
            live_ = doc_.what_if_add(f);
        }
    } catch (const std::exception&) {
        live_.reset();
    }
}

// Drawing a line or polygon initiative: a click adds a vertex, a double-click or Enter finishes
// (one undoable command), Backspace takes the last vertex back, Esc (in handle_input) cancels.
void MapView::handle_drawing(const CanvasInput& in) {
    if (in.backspace && !sketch_.empty()) sketch_.pop_back();
    if (in.double_click || in.enter) {
        finish_drawing();
        return;
    }
    if (in.pressed && in.over_map) {
        Coord ll = to_lonlat(in.x, in.y);
        if (sketch_.empty() || to_screen(sketch_.back()).x != in.x || to_screen(sketch_.back()).y != in.y) sketch_.push_back(ll);
    }
}

void MapView::finish_drawing() {
    // The two clicks of a double-click land on one spot: drop repeated vertices.
    std::vector<Coord> pts;
    for (const Coord& c : sketch_) {
        if (!pts.empty()) {
            Coord a = to_screen(pts.back()), b = to_screen(c);
            if (std::hypot(a.x - b.x, a.y - b.y) < 1.5) continue;
        }
        pts.push_back(c);
    }
    const bool polygon = tool == Tool::DrawPolygonInitiative;
    if (pts.size() < (polygon ? 3u : 2u)) return;  // keep drawing: not enough vertices yet
    Initiative i = initiative_template;
    i.id = new_uuid();
    i.name = std::string(tr("New initiative")) + " " + std::to_string(doc_.project().initiatives.size() + 1);
    if (polygon) {
        Ring ring = pts;
        ring.push_back(ring.front());
        i.geometry = Geometry::polygon(std::move(ring));
    } else {
        i.geometry = Geometry::line(std::move(pts));
    }
    placed_initiative_ = std::move(i);  // added when its form is confirmed
    sketch_.clear();
    tool = Tool::Select;
}

void MapView::handle_measure(const CanvasInput& in) {
    if (in.backspace && !measure_.empty() && !measure_done_) measure_.pop_back();
    if ((in.double_click || in.enter) && !measure_.empty()) {
        // The double-click's second press lands on the last point: not a point of its own.
        if (in.double_click && measure_.size() >= 2) {
            const Coord a = to_screen(measure_[measure_.size() - 1]), b = to_screen(measure_[measure_.size() - 2]);
            if (std::hypot(a.x - b.x, a.y - b.y) < 1.5) measure_.pop_back();
        }
        measure_done_ = true;
        return;
    }
    if (in.pressed && in.over_map) {
        if (measure_done_) {
            measure_.clear();
            measure_done_ = false;
        }
        measure_.push_back(to_lonlat(in.x, in.y));
    }
}

std::vector<Coord> MapView::measure_path() const {
    std::vector<Coord> path = measure_;
    if (!measure_done_ && cursor_ && !path.empty()) path.push_back(*cursor_);
    return path;
}

void MapView::handle_input(const CanvasInput& in) {
    cursor_.reset();
    if (in.over_map) cursor_ = to_lonlat(in.x, in.y);
    if (in.over_map && in.wheel != 0) camera.zoom_at(in.x, in.y, std::pow(1.25, in.wheel));
    // A pan moves by the pointer's motion while a button is held: not by the jump of a pointer that
    // arrived from elsewhere in the frame the button went down.
    if (in.right_down && right_panning_) camera.pan_pixels(in.dx, in.dy);
    right_panning_ = in.right_down && (in.over_map || right_panning_);
    if (in.escape) {
        tool = Tool::Select;
        drag_.reset();
        live_.reset();
        sketch_.clear();
        measure_.clear();
        measure_done_ = false;
    }
    if (tool == Tool::Measure) {
        handle_measure(in);
        return;
    }
    if (tool == Tool::Identify) {
        if (in.pressed && in.over_map) identified_ = Identified{pick(in.x, in.y), to_lonlat(in.x, in.y)};
        return;
    }
    if (tool == Tool::DrawLineInitiative || tool == Tool::DrawPolygonInitiative) {
        handle_drawing(in);
        return;
    }
    sketch_.clear();

    if (tool == Tool::Select) {
        if (in.pressed && in.over_map) {
            auto ref = pick(in.x, in.y);
            doc_.select(ref);
            if (ref && (ref->layer == DocLayer::Initiatives || ref->layer == DocLayer::Facilities)) {
                Coord ll = to_lonlat(in.x, in.y);
                drag_ = Drag{*ref, ll, ll, false};
            } else {
                panning_ = true;
            }
        }
        if (in.down && drag_) {
            drag_->now_lonlat = to_lonlat(in.x, in.y);
            Coord a = to_screen(drag_->start_lonlat);
            if (std::hypot(a.x - in.x, a.y - in.y) > 2) drag_->moved = true;
            if (drag_->moved) update_live(in);
        } else if (in.down && panning_ && !in.pressed) {
            camera.pan_pixels(in.dx, in.dy);
        }
        if (in.released || (!in.down && (drag_ || panning_))) {
            if (drag_ && drag_->moved) {
                double dx = drag_->now_lonlat.x - drag_->start_lonlat.x, dy = drag_->now_lonlat.y - drag_->start_lonlat.y;
                if (drag_->ref.layer == DocLayer::Initiatives) doc_.execute(move_initiative(doc_.project(), drag_->ref.id, dx, dy));
                else doc_.execute(move_facility(doc_.project(), drag_->ref.id, dx, dy));
            }
            drag_.reset();
            panning_ = false;
            live_.reset();
            live_at_.reset();
        }
        return;
    }

    // Placing: the what-if follows the pointer; a click adds the feature and selects it.
    if (in.over_map) update_live(in);
    else live_.reset();
    if (in.pressed && in.over_map) {
        Coord ll = to_lonlat(in.x, in.y);
        if (tool == Tool::PlaceInitiative) {
            Initiative i = initiative_template;
            i.id = new_uuid();
            i.name = std::string(tr("New initiative")) + " " + std::to_string(doc_.project().initiatives.size() + 1);
            i.geometry = Geometry::point(ll.x, ll.y);
            placed_initiative_ = std::move(i);  // added when its form is confirmed
        } else {
            Facility f = facility_template;
            f.id = new_uuid();
            f.name = std::string(tr("New facility")) + " " + std::to_string(doc_.project().facilities.size() + 1);
            f.geometry = Geometry::point(ll.x, ll.y);
            placed_facility_ = std::move(f);
        }
        tool = Tool::Select;
        live_.reset();
        live_at_.reset();
    }
}

void MapView::draw_overlay(ImDrawList* dl) const {
    ImGuiCanvas canvas = gui_canvas(dl);
    MapLayers::draw_overlay(canvas);
    const Project& p = doc_.project();
    dl->PushClipRect(ImVec2(float(camera.vx), float(camera.vy)),
                     ImVec2(float(camera.vx + camera.vw), float(camera.vy + camera.vh)), true);
    // Selection ring, and the symbol being dragged or placed with its service radius.
    auto radius_px = [&](double m) { return float(m * camera.ppm); };
    if (auto sel = doc_.selection()) {
        const Geometry* g = nullptr;
        if (sel->layer == DocLayer::Initiatives) {
            long i = find_initiative(p, sel->id);
            if (i >= 0) g = &p.initiatives[std::size_t(i)].geometry;
        } else if (sel->layer == DocLayer::Facilities) {
            long i = find_facility(p, sel->id);
            if (i >= 0) g = &p.facilities[std::size_t(i)].geometry;
        }
        if (g && !g->empty()) {
            Coord s = to_screen(g->anchor());
            dl->AddCircle(ImVec2(float(s.x), float(s.y)), 13 * ui_scale, IM_COL32(0, 188, 212, 255), 24, 3 * ui_scale);
        }
    }
    auto preview = [&](Coord ll, Rgba colour, std::optional<double> radius) {
        Coord s = to_screen(ll);
        ImVec2 c(float(s.x), float(s.y));
        if (radius && *radius > 0) {
            dl->AddCircleFilled(c, radius_px(*radius), im(colour, 0.18f), 64);
            dl->AddCircle(c, radius_px(*radius), im(colour), 64, 2);
        }
        dl->AddCircleFilled(c, 7, im(colour), 16);
        dl->AddCircle(c, 7, IM_COL32(30, 30, 30, 255), 16, 1.5f);
    };
    if (drag_ && drag_->moved) {
        Coord at{0, 0};
        std::optional<double> radius;
        Rgba colour = 0x00bcd4ff;
        if (drag_->ref.layer == DocLayer::Initiatives) {
            long i = find_initiative(p, drag_->ref.id);
            if (i >= 0) {
                const auto& in = p.initiatives[std::size_t(i)];
                at = in.geometry.anchor();
                radius = in.radius_m;
                colour = pillar_colour(in.pillar);
            }
        } else {
            long i = find_facility(p, drag_->ref.id);
            if (i >= 0) {
                at = p.facilities[std::size_t(i)].geometry.anchor();
                radius = p.service_radius_m(p.facilities[std::size_t(i)]);
            }
        }
        preview({at.x + drag_->now_lonlat.x - drag_->start_lonlat.x, at.y + drag_->now_lonlat.y - drag_->start_lonlat.y}, colour, radius);
    } else if (cursor_ && tool == Tool::PlaceInitiative) {
        preview(*cursor_, pillar_colour(initiative_template.pillar), initiative_template.radius_m);
    } else if (cursor_ && tool == Tool::PlaceFacility) {
        const FacilityType* t = p.facility_type(facility_template.type);
        preview(*cursor_, t ? (t->colour | 0xff) : 0x607d8bff, p.service_radius_m(facility_template));
    }

    // A measurement: the path (to the pointer while measuring), its area once it closes a polygon,
    // and what it measures beside its last point.
    if (tool == Tool::Measure || measure_done_) {
        const std::vector<Coord> path = measure_path();
        if (!path.empty()) {
            std::vector<ImVec2> pts;
            for (const Coord& ll : path) {
                const Coord sp = to_screen(ll);
                pts.emplace_back(float(sp.x), float(sp.y));
            }
            const ImU32 ink = IM_COL32(198, 40, 40, 255);
            // ImGui fills convex polygons only; a concave one is shown by its outline alone.
            if (pts.size() >= 3 && is_convex(pts)) dl->AddConvexPolyFilled(pts.data(), int(pts.size()), IM_COL32(198, 40, 40, 40));
            dl->AddPolyline(pts.data(), int(pts.size()), IM_COL32(255, 255, 255, 230), 0, 5.0f * ui_scale);
            dl->AddPolyline(pts.data(), int(pts.size()), ink, 0, 2.5f * ui_scale);
            for (std::size_t k = 0; k < measure_.size(); ++k) {
                dl->AddCircleFilled(pts[k], 4.0f * ui_scale, IM_COL32(255, 255, 255, 255), 12);
                dl->AddCircle(pts[k], 4.0f * ui_scale, ink, 12, 2.0f);
            }
            const std::string label = measure_text(path);
            const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
            const ImVec2 at(pts.back().x + 12 * ui_scale, pts.back().y - ts.y - 6 * ui_scale);
            dl->AddRectFilled(ImVec2(at.x - 4, at.y - 2), ImVec2(at.x + ts.x + 4, at.y + ts.y + 2), IM_COL32(255, 255, 255, 240), 3);
            dl->AddText(at, IM_COL32(30, 30, 30, 255), label.c_str());
        }
    }

    // The line or polygon being drawn, with a rubber band to the pointer.
    if (!sketch_.empty() && (tool == Tool::DrawLineInitiative || tool == Tool::DrawPolygonInitiative)) {
        const Rgba c = pillar_colour(initiative_template.pillar);
        std::vector<ImVec2> pts;
        for (const Coord& ll : sketch_) {
            Coord sp = to_screen(ll);
            pts.push_back(ImVec2(float(sp.x), float(sp.y)));
        }
        if (cursor_) {
            Coord sp = to_screen(*cursor_);
            pts.push_back(ImVec2(float(sp.x), float(sp.y)));
        }
        const bool closed = tool == Tool::DrawPolygonInitiative && pts.size() >= 3;
        dl->AddPolyline(pts.data(), int(pts.size()), IM_COL32(38, 50, 56, 255), closed ? ImDrawFlags_Closed : 0, 5.0f);
        dl->AddPolyline(pts.data(), int(pts.size()), im(c), closed ? ImDrawFlags_Closed : 0, 2.5f);
        for (std::size_t k = 0; k < sketch_.size(); ++k) {
            dl->AddCircleFilled(pts[k], 4.5f, IM_COL32(255, 255, 255, 255), 12);
            dl->AddCircle(pts[k], 4.5f, im(c), 12, 2.0f);
        }
    }

    dl->PopClipRect();
}

void MapView::zoom_to_selection() {
    auto sel = doc_.selection();
    if (!sel) return;
    const Project& p = doc_.project();
    if (sel->layer == DocLayer::Initiatives) {
        long i = find_initiative(p, sel->id);
        if (i >= 0) zoom_to(p.initiatives[std::size_t(i)].geometry.envelope(), 4000);
    } else if (sel->layer == DocLayer::Facilities) {
        long i = find_facility(p, sel->id);
        if (i >= 0) zoom_to(p.facilities[std::size_t(i)].geometry.envelope(), 4000);
    } else if (sel->layer == DocLayer::Zones) {
        long i = find_zone(p, sel->id);
        if (i >= 0) zoom_to(p.zones[std::size_t(i)].geometry.envelope());
    }
}

}  // namespace pc::gui
