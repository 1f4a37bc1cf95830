#include "map_view.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "geo/geos.h"
#include "geo/parallel.h"
#include "geo/tessellate.h"
#include "i18n.h"
#include "map_symbols.h"
#include "render/lod.h"

namespace pc::gui {
namespace {

constexpr Rgba kLand = 0xf4f1eaff;
constexpr Rgba kZone = 0x8e24aaff;        // KPPN zones: violet, apart from the red-yellow-green ramp
constexpr Rgba kServiceArea = 0x1565c0ff;
constexpr Rgba kDesaLine = 0x8d8d8dff;
constexpr Rgba kKecamatanLine = 0x37474fff;
constexpr Rgba kKabupatenLine = 0x1b1b1bff;

ImU32 im(Rgba c, float alpha = 1.0f) {
    return IM_COL32(int(c >> 24), int((c >> 16) & 0xff), int((c >> 8) & 0xff), int(float(c & 0xff) * alpha));
}

double nice_length(double max_m) {
    double p = std::pow(10.0, std::floor(std::log10(max_m)));
    for (double f : {5.0, 2.0, 1.0})
        if (f * p <= max_m) return f * p;
    return p;
}

}  // namespace

const char* layer_name(LayerId id) {
    switch (id) {
        case LayerId::Choropleth: return "Coverage choropleth";
        case LayerId::ServiceArea: return "Service area";
        case LayerId::Zones: return "Tourism zones (KPPN)";
        case LayerId::DesaLines: return "Desa boundaries";
        case LayerId::KecamatanLines: return "Kecamatan boundaries";
        case LayerId::KabupatenLine: return "Kabupaten outline";
        case LayerId::Facilities: return "Facilities";
        case LayerId::Initiatives: return "Initiatives";
        case LayerId::Labels: return "Labels";
        case LayerId::Count: break;
    }
    return "";
}

Rgba pillar_colour(Pillar p) {
    static const Rgba colours[] = {0x1f5fbfff, 0xd81b60ff, 0xf57c00ff, 0xc62828ff, 0x00897bff, 0x2e7d32ff};
    return colours[std::size_t(p) % 6];
}

Rgba layer_colour(LayerId id) {
    switch (id) {
        case LayerId::ServiceArea: return kServiceArea;
        case LayerId::Zones: return kZone;
        case LayerId::DesaLines: return kDesaLine;
        case LayerId::KecamatanLines: return kKecamatanLine;
        case LayerId::KabupatenLine: return kKabupatenLine;
        default: return kLand;
    }
}

MapView::MapView(Document& doc) : doc_(doc) {
    styles[std::size_t(LayerId::ServiceArea)].opacity = 0.15f;
    styles[std::size_t(LayerId::Zones)].opacity = 0.30f;
    styles[std::size_t(LayerId::Choropleth)].opacity = 0.85f;
    initiative_template.name = "New initiative";
    initiative_template.pillar = Pillar::Society;
    initiative_template.element = Element::Infrastruktur;
    initiative_template.status = Status::Usulan;
    initiative_template.radius_m = 1500;
    facility_template.name = "New facility";
    const Project& p = doc_.project();
    if (!p.settings.facility_types.empty()) {
        service = p.settings.facility_types.front().key;
        facility_template.type = service;
    }
    if (!p.settings.opd.empty()) initiative_template.opd = p.settings.opd.front();
    initiative_template.start_year = p.settings.period_start;
    initiative_template.end_year = p.settings.period_start;
    // The drawing space is centred on the district (its outline, else its desa).
    Envelope e;
    for (const auto* layer : {&p.kabupaten, &p.kecamatan, &p.desa})
        for (const auto& u : *layer) e.expand(u.geometry.envelope());
    if (e.empty())
        for (const auto& f : p.facilities) e.expand(f.geometry.envelope());
    if (!e.empty()) {
        district_lonlat_ = e;
        have_district_ = true;
        projection = LocalProjection::around(e.centre());
    }
}

MapView::~MapView() = default;

bool MapView::move_layer(LayerId id, int delta) {
    auto it = std::find(draw_order.begin(), draw_order.end(), id);
    if (it == draw_order.end()) return false;
    const long from = it - draw_order.begin(), to = from + delta;
    if (to < 0 || to >= long(draw_order.size())) return false;
    std::swap(draw_order[std::size_t(from)], draw_order[std::size_t(to)]);
    return true;
}

Ramp MapView::ramp() const { return metric_ramp(metric); }

bool MapView::wants_analysis() const {
    return styles[std::size_t(LayerId::Choropleth)].visible || styles[std::size_t(LayerId::ServiceArea)].visible;
}

bool MapView::building() const {
    return pending_coarse_.valid() || pending_levels_.valid() || !unadopted_.empty() || pending_styling_.valid();
}

void MapView::sync() {
    auto t0 = std::chrono::steady_clock::now();
    bool any = false;
    auto changed = [&](DocLayer l) {
        if (seen_[std::size_t(l)] == doc_.layer_revision(l)) return false;
        seen_[std::size_t(l)] = doc_.layer_revision(l);
        any = true;
        return true;
    };
    auto ready = [](const auto& f) { return f.valid() && f.wait_for(std::chrono::seconds(0)) == std::future_status::ready; };
    if (changed(DocLayer::Admin)) rebuild_admin();
    if (ready(pending_coarse_)) {
        CoarseParts c = pending_coarse_.get();
        labels_ = std::move(c.labels);
        std::vector<LevelParts> parts;
        parts.push_back(std::move(c.level));
        adopt_levels(std::move(parts));
        any = true;
    }
    if (!pending_coarse_.valid() && ready(pending_levels_)) unadopted_ = pending_levels_.get();
    if (!unadopted_.empty()) {  // one level a frame: a province's uploads spread over frames
        std::vector<LevelParts> one;
        one.push_back(std::move(unadopted_.back()));
        unadopted_.pop_back();
        adopt_levels(std::move(one));
        any = true;
    }
    std::erase_if(abandoned_, [](const std::function<bool()>& finished) { return finished(); });
    if (changed(DocLayer::Zones)) rebuild_zones();
    if (changed(DocLayer::Facilities)) rebuild_facilities();
    if (changed(DocLayer::Initiatives)) rebuild_initiatives();
    // The figures come from the document's worker: the newest ones it finished colour the map (the
    // panel says when newer ones are on their way). Colours, legend and service area are made from one
    // analysis off the frame thread for a province, and taken in together.
    if (ready(pending_styling_)) {
        adopt_styling(pending_styling_.get());
        styling_for_.reset();
        any = true;
    }
    if (wants_analysis()) {
        doc_.request_analysis();
        StylingKey key = styling_key();
        if (!(key == shown_) && !(styling_for_ && key == *styling_for_)) {
            const auto codes = desa_codes_ ? desa_codes_ : std::make_shared<const std::vector<std::string>>();
            if (styling_is_quick(key, codes->size())) {
                abandon(pending_styling_);
                styling_for_.reset();
                adopt_styling(style_map(std::move(key), *codes, projection));
            } else {
                abandon(pending_styling_);
                styling_for_ = key;
                pending_styling_ = std::async(std::launch::async, [key = std::move(key), codes, proj = projection]() mutable {
                    return style_map(std::move(key), *codes, proj);
                });
            }
            any = true;
        }
    }

    if (any) last_sync_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
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

void MapView::rebuild_admin() {
    const Project& p = doc_.project();
    shown_ = StylingKey{};  // colours must be set again
    abandon(pending_styling_);
    styling_for_.reset();
    admin_levels_.clear();
    unadopted_.clear();
    desa_colours_.clear();
    labels_.clear();
    // Work of an earlier state still running is left to finish on its own (its result is dropped).
    abandon(pending_coarse_);
    abandon(pending_levels_);
    {
        auto codes = std::make_shared<std::vector<std::string>>();
        codes->reserve(p.desa.size());
        for (const auto& d : p.desa) codes->push_back(d.code);
        desa_codes_ = std::move(codes);
    }
    if (p.desa.empty() && p.kecamatan.empty()) return;

    // Levels of detail: exact, then grids of about a pixel at successively wider views down to the
    // whole district. A small district (under 60,000 vertices) needs only the exact level.
    std::size_t vertices = 0;
    for (const auto& d : p.desa) vertices += d.geometry.vertex_count();
    for (const auto& k : p.kecamatan) vertices += k.geometry.vertex_count();
    std::vector<double> cells{0};
    if (vertices > 60000 && have_district_) {
        Envelope le = projection.to_local(district_lonlat_);
        const double full_view_cell = std::max(le.width(), le.height()) / 1400;  // ~0.8 px on a full view
        for (double c = full_view_cell; c >= 40; c /= 3) cells.insert(cells.begin() + 1, c);
    }
    const Coord origin{projection.lon0, projection.lat0};
    // Everything is built on worker threads from a copy of the geometry, so the window keeps drawing
    // (a province's coarsest level takes half a second): the coarsest level and the labels first (what
    // a full view shows), the finer ones and the exact one after it; sync() uploads them when ready.
    struct Layers {
        std::vector<Geometry> desa, kecamatan;
        std::vector<std::string> desa_names, kecamatan_names;
    };
    auto layers = std::make_shared<Layers>();
    layers->desa.reserve(p.desa.size());
    for (const auto& d : p.desa) layers->desa.push_back(d.geometry);
    for (const auto& k : p.kecamatan) layers->kecamatan.push_back(k.geometry);
    for (const auto& k : p.kecamatan) layers->kecamatan_names.push_back(k.name);
    if (p.desa.size() <= 3000)
        for (const auto& d : p.desa) layers->desa_names.push_back(d.name);
    auto pointers = [](const std::vector<Geometry>& v) {
        std::vector<const Geometry*> out;
        out.reserve(v.size());
        for (const auto& g : v) out.push_back(&g);
        return out;
    };
    auto build = [proj = projection, origin](const std::vector<const Geometry*>& desa, const std::vector<const Geometry*>& kecamatan,
                                             const LayerTopology& desa_topo, const LayerTopology& kec_topo, double cell) {
        LevelParts parts;
        parts.level = std::make_unique<AdminLevel>();
        parts.level->cell_m = cell;
        parts.level->desa_lines.clear();
        parts.level->kecamatan_lines.clear();
        if (cell > 0) {
            const SnapGrid grid = SnapGrid::metres(origin, cell);
            SimplifiedLayer simple = simplify_layer(desa, desa_topo, grid, 1.5);
            std::vector<const Geometry*> ptrs;
            ptrs.reserve(simple.polygons.size());
            for (const auto& g : simple.polygons) ptrs.push_back(&g);
            parts.desa_fill = FillMesh::prepare(tessellate_layer(ptrs, false), proj);
            for (const auto& segs : simple.segments) parts.level->desa_lines.add_segments(segs, proj);
            for (const auto& segs : simplify_layer(kecamatan, kec_topo, grid, 1.5).segments) parts.level->kecamatan_lines.add_segments(segs, proj);
        } else {
            // Exact boundaries are drawn only zoomed in and culled: shared edges twice is cheaper
            // than finding them.
            parts.desa_fill = FillMesh::prepare(tessellate_layer(desa), proj);
            for (const Geometry* g : desa) parts.level->desa_lines.add_outline(*g, proj);
            for (const Geometry* g : kecamatan) parts.level->kecamatan_lines.add_outline(*g, proj);
        }
        return parts;
    };
    const double coarsest = cells.back();
    pending_coarse_ = std::async(std::launch::async, [build, layers, pointers, coarsest, origin, cells]() {
        const auto d = pointers(layers->desa), k = pointers(layers->kecamatan);
        // Junctions (where neighbours' boundaries meet) on the coarsest level's grid.
        LayerTopology desa_topology, kec_topology;
        if (cells.size() > 1) {
            const SnapGrid grid = SnapGrid::metres(origin, coarsest);
            desa_topology = layer_topology(d, grid);
            kec_topology = layer_topology(k, grid);
        }
        CoarseParts out;
        out.level = build(d, k, desa_topology, kec_topology, coarsest);
        // Labels at a point inside each unit; kecamatan before desa (stable: larger populations first
        // as the layers are ordered).
        GeosContext ctx;
        auto inside = [&](const Geometry& g) -> Coord {
            try {
                auto gg = ctx.from(g);
                return ctx.point_on_surface(gg.get());
            } catch (const std::exception&) {
                return g.envelope().centre();
            }
        };
        for (std::size_t i = 0; i < k.size(); ++i) out.labels.push_back({layers->kecamatan_names[i], inside(*k[i]), 0, true});
        for (std::size_t i = 0; i < layers->desa_names.size(); ++i) out.labels.push_back({layers->desa_names[i], inside(*d[i]), 1, false});
        return out;
    });
    std::vector<double> later(cells.begin(), cells.end() - 1);  // all but the coarsest
    if (later.empty()) {
        // A district small enough for one exact level (the demo) is built now, as it always was: the
        // first frame shows it (tens of milliseconds).
        CoarseParts c = pending_coarse_.get();
        labels_ = std::move(c.labels);
        std::vector<LevelParts> parts;
        parts.push_back(std::move(c.level));
        adopt_levels(std::move(parts));
        return;
    }
    pending_levels_ = std::async(std::launch::async, [build, layers, pointers, later, origin]() {
        const auto d = pointers(layers->desa), k = pointers(layers->kecamatan);
        LayerTopology desa_topology, kec_topology;
        if (later.size() > 1) {  // later[0] is the exact level; junctions on the finest simplified grid
            const SnapGrid finest = SnapGrid::metres(origin, later[1]);
            desa_topology = layer_topology(d, finest);
            kec_topology = layer_topology(k, finest);
        }
        std::vector<LevelParts> parts;
        for (double cell : later) parts.push_back(build(d, k, desa_topology, kec_topology, cell));
        return parts;
    });
}

void MapView::adopt_levels(std::vector<LevelParts> parts) {
    for (auto& part : parts) {
        AdminLevel& level = *part.level;
        level.desa_fill.upload(std::move(part.desa_fill));
        if (desa_colours_.empty()) level.desa_fill.set_colour(kLand);
        else level.desa_fill.set_colours(desa_colours_);
        level.desa_lines.upload();
        level.kecamatan_lines.upload();
        admin_levels_.push_back(std::move(part.level));
    }
    std::sort(admin_levels_.begin(), admin_levels_.end(), [](const auto& a, const auto& b) { return a->cell_m < b->cell_m; });
}

void MapView::wait_for_detail() {
    sync();
    if (pending_coarse_.valid()) pending_coarse_.wait();
    if (pending_levels_.valid()) pending_levels_.wait();
    if (pending_styling_.valid()) pending_styling_.wait();
    do sync();
    while (!unadopted_.empty());
}

void MapView::settle() {
    if (wants_analysis()) {
        try {
            doc_.analysis();
        } catch (const std::exception&) {
            // Drawn without figures; the document keeps the error for whoever shows it.
        }
    }
    wait_for_detail();
}

void MapView::rebuild_zones() {
    const Project& p = doc_.project();
    std::vector<const Geometry*> geoms;
    zone_lines_.clear();
    for (const auto& z : p.zones) {
        geoms.push_back(&z.geometry);
        zone_lines_.add_outline(z.geometry, projection);
    }
    zone_fill_.build(tessellate_layer(geoms), projection);
    zone_lines_.upload();
}

void MapView::rebuild_facilities() {
    const Project& p = doc_.project();
    std::vector<PointSymbol> symbols;
    for (const auto& f : p.facilities) {
        const FacilityType* t = p.facility_type(f.type);
        Rgba colour = t ? (t->colour | 0xff) : 0x607d8bff;
        Shape shape = facility_symbol_shape(f.type);
        if (f.geometry.kind == GeometryKind::Point)
            for (const auto& c : f.geometry.points) symbols.push_back({c, colour, shape, 11});
        else if (!f.geometry.empty())
            symbols.push_back({f.geometry.anchor(), colour, shape, 11});
    }
    facility_points_.build(symbols, projection);
}

void MapView::rebuild_initiatives() {
    const Project& p = doc_.project();
    std::vector<PointSymbol> symbols;
    std::vector<const Geometry*> polys;
    std::vector<Rgba> poly_colours;
    initiative_lines_.clear();
    for (auto& m : initiative_pillar_lines_) m.clear();
    for (const auto& in : p.initiatives) {
        Rgba c = pillar_colour(in.pillar);
        if (in.geometry.kind == GeometryKind::Point) {
            for (const auto& pt : in.geometry.points) symbols.push_back({pt, c, kInitiativeSymbolShape, 20});
        } else if (in.geometry.kind == GeometryKind::Polygon) {
            polys.push_back(&in.geometry);
            poly_colours.push_back(c);
            initiative_lines_.add_outline(in.geometry, projection);
        } else if (in.geometry.kind == GeometryKind::Line) {
            initiative_pillar_lines_[std::size_t(in.pillar) % 6].add_outline(in.geometry, projection);
        }
    }
    for (auto& m : initiative_pillar_lines_) m.upload();
    initiative_points_.build(symbols, projection);
    initiative_fill_.build(tessellate_layer(polys), projection);
    initiative_fill_.set_colours(poly_colours);
    initiative_lines_.upload();
}

StylingKey MapView::styling_key() const {
    StylingKey k;
    k.analysis = doc_.latest_analysis();
    k.service = service;
    k.metric = metric;
    k.method = class_method;
    k.classes = class_count;
    k.shared = shared_classes.has_value();
    if (shared_classes) k.shared_breaks = shared_classes->breaks;
    return k;
}

void MapView::adopt_styling(Styling st) {
    classes_ = std::move(st.classes);
    service_fill_.upload(std::move(st.service_fill));
    service_lines_ = std::move(st.service_lines);
    service_lines_->upload();
    for (auto& level : admin_levels_) level->desa_fill.set_colours(st.desa_colours);
    desa_colours_ = std::move(st.desa_colours);
    shown_ = std::move(st.key);
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
// (one undoable command), Backspace takes the last vertex back, Esc (above) cancels.
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
    doc_.execute(add_initiative(i));
    doc_.select(FeatureRef{DocLayer::Initiatives, i.id});
    sketch_.clear();
    tool = Tool::Select;
}

void MapView::handle_input(const CanvasInput& in) {
    cursor_.reset();
    if (in.over_map) cursor_ = to_lonlat(in.x, in.y);
    if (in.over_map && in.wheel != 0) camera.zoom_at(in.x, in.y, std::pow(1.25, in.wheel));
    if (in.right_down && (in.over_map || panning_)) camera.pan_pixels(in.dx, in.dy);
    if (in.escape) {
        tool = Tool::Select;
        drag_.reset();
        live_.reset();
        sketch_.clear();
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
        } else if (in.down && panning_) {
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
            doc_.execute(add_initiative(i));
            doc_.select(FeatureRef{DocLayer::Initiatives, i.id});
        } else {
            Facility f = facility_template;
            f.id = new_uuid();
            f.name = std::string(tr("New facility")) + " " + std::to_string(doc_.project().facilities.size() + 1);
            f.geometry = Geometry::point(ll.x, ll.y);
            doc_.execute(add_facility(f));
            doc_.select(FeatureRef{DocLayer::Facilities, f.id});
        }
        tool = Tool::Select;
        live_.reset();
        live_at_.reset();
    }
}

std::vector<double> MapView::level_cells() const {
    std::vector<double> cells;
    for (const auto& l : admin_levels_) cells.push_back(l->cell_m);
    return cells;
}

const MapView::AdminLevel* MapView::admin_level() const {
    if (admin_levels_.empty()) return nullptr;
    std::size_t i = pick_level(level_cells(), camera.ppm);
    return admin_levels_[i].get();
}

void draw_cased_outline(ImDrawList* dl, const MapView& map, const Geometry& g, std::uint32_t halo, float halo_width,
                        std::uint32_t ink, float ink_width) {
    std::vector<ImVec2> pts;
    for (const auto& poly : g.polygons)
        for (const auto& ring : poly.rings) {
            pts.clear();
            for (const auto& c : ring) {
                const Coord s = map.to_screen(c);
                pts.emplace_back(float(s.x), float(s.y));
            }
            if (pts.size() < 3) continue;
            dl->AddPolyline(pts.data(), int(pts.size()), halo, ImDrawFlags_Closed, halo_width);
            dl->AddPolyline(pts.data(), int(pts.size()), ink, ImDrawFlags_Closed, ink_width);
        }
}

void MapView::keep_image(bool on) {
    if (on && !image_cache_) image_cache_ = std::make_unique<MapImageCache>();
    if (!on) image_cache_.reset();
}

std::uint64_t MapView::drawing_key() const {
    // The meshes (any upload anywhere), the styles, the order and the symbol scale.
    std::uint64_t h = mesh_generation();
    auto mix = [&h](std::uint64_t v) { h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2); };
    for (const LayerStyle& st : styles) {
        mix(st.visible);
        std::uint32_t o = 0;
        std::memcpy(&o, &st.opacity, sizeof o);
        mix(o);
    }
    for (LayerId id : draw_order) mix(std::uint64_t(id) + 1);
    std::uint32_t u = 0;
    std::memcpy(&u, &ui_scale, sizeof u);
    mix(u);
    return h;
}

void MapView::draw(MapRenderer& r, const FramebufferInfo& fb) {
    drawn_level = admin_levels_.empty() ? 0 : pick_level(level_cells(), camera.ppm);
    if (!image_cache_) {
        draw_layers(r, camera, fb);
        return;
    }
    image_cache_->draw(camera, fb, drawing_key(), [&](const Camera& cam, const FramebufferInfo& f) { draw_layers(r, cam, f); });
}

void MapView::draw_layers(MapRenderer& r, const Camera& view, const FramebufferInfo& fb) {
    constexpr Rgba kBackground = 0xdfe9f2ff;  // sea/background: pale blue
    r.begin(view, fb, kBackground);
    auto st = [&](LayerId id) -> const LayerStyle& { return styles[std::size_t(id)]; };
    static const AdminLevel kNoAdmin;
    const AdminLevel* admin = admin_level();
    if (!admin) admin = &kNoAdmin;
    // Desa boundaries fade out where desa are only a few pixels wide (a grey mush, and the costliest
    // part of a province's frame); kecamatan lines take over.
    float desa_line_fade = 1.0f;
    if (!doc_.project().desa.empty() && have_district_) {
        Envelope le = projection.to_local(district_lonlat_);
        double mean_desa_px = std::sqrt(le.width() * le.height() / double(doc_.project().desa.size())) * view.ppm;
        desa_line_fade = float(std::clamp((mean_desa_px - 8.0) / 12.0, 0.0, 1.0));
    }
    // The land under everything, unless the choropleth is the bottom layer and covers it itself.
    auto first_visible = std::find_if(draw_order.begin(), draw_order.end(), [&](LayerId id) { return st(id).visible; });
    const bool choropleth_at_bottom = first_visible != draw_order.end() && *first_visible == LayerId::Choropleth;
    if (!choropleth_at_bottom) r.fill_over(admin->desa_fill, kBackground, kLand, 1.0f, true);
    for (LayerId id : draw_order) {
        if (!st(id).visible) continue;
        const float opacity = st(id).opacity;
        switch (id) {
            case LayerId::Choropleth:
                if (choropleth_at_bottom) r.fill_over(admin->desa_fill, kBackground, 0xffffffff, opacity);
                else r.fill(admin->desa_fill, 0xffffffff, opacity);
                break;
            case LayerId::ServiceArea:
                r.fill(service_fill_, kServiceArea, opacity, true);
                if (service_lines_) r.lines(*service_lines_, kServiceArea, 1.6f * ui_scale, std::min(1.0f, opacity * 4));
                break;
            case LayerId::Zones: {
                // A faint tint, hatching and a cased outline: legible over any choropleth class (a
                // plain translucent violet turned the red classes pink).
                const float o = std::min(1.0f, opacity * 3.0f);
                r.hatch(zone_fill_, kZone, 0.75f * o, 10.0f * ui_scale, 2.0f * ui_scale, 0.15f * o);
                r.lines(zone_lines_, 0xffffffff, 5.0f * ui_scale, 0.85f * o);
                r.lines(zone_lines_, kZone, 2.6f * ui_scale, o);
                break;
            }
            case LayerId::DesaLines:
                if (desa_line_fade > 0) r.lines(admin->desa_lines, kDesaLine, 0.8f * ui_scale, opacity * desa_line_fade);
                break;
            case LayerId::KecamatanLines: r.lines(admin->kecamatan_lines, kKecamatanLine, 1.8f * ui_scale, opacity); break;
            case LayerId::KabupatenLine: r.lines(kabupaten_lines_, kKabupatenLine, 2.8f * ui_scale, opacity); break;
            case LayerId::Facilities: r.points(facility_points_, ui_scale, opacity); break;
            case LayerId::Initiatives:
                r.fill(initiative_fill_, 0xffffffff, 0.45f * opacity);
                r.lines(initiative_lines_, 0x263238ff, 2.0f * ui_scale, opacity);
                for (int k = 0; k < 6; ++k) {  // line initiatives: pillar colour on a dark casing
                    r.lines(initiative_pillar_lines_[k], 0x263238ff, 6.0f * ui_scale, opacity);
                    r.lines(initiative_pillar_lines_[k], pillar_colour(Pillar(k)), 3.5f * ui_scale, opacity);
                }
                r.points(initiative_points_, ui_scale, opacity);
                break;
            case LayerId::Labels:
            case LayerId::Count: break;
        }
    }
    r.end();
}

void MapView::draw_overlay(ImDrawList* dl) {
    const Project& p = doc_.project();
    dl->PushClipRect(ImVec2(float(camera.vx), float(camera.vy)),
                     ImVec2(float(camera.vx + camera.vw), float(camera.vy + camera.vh)), true);
    ImFont* font = ImGui::GetFont();
    const float fs = ImGui::GetFontSize();

    // Labels: greedy in priority order, so the same labels win wherever the map is panned.
    if (styles[std::size_t(LayerId::Labels)].visible) {
        double mean_desa_px = 0;
        if (!p.desa.empty() && have_district_) {
            Envelope le = projection.to_local(district_lonlat_);
            mean_desa_px = std::sqrt(le.width() * le.height() / double(p.desa.size())) * camera.ppm;
        }
        std::vector<ImVec4> placed;
        // Initiative symbols (what the planner works on) are kept clear of labels: a label never
        // hides one. They are fixed on the map, so labels still do not jump while panning.
        if (styles[std::size_t(LayerId::Initiatives)].visible) {
            const float r = 10.0f * ui_scale;
            for (const Initiative& in : p.initiatives) {
                if (in.geometry.kind != GeometryKind::Point) continue;
                for (const Coord& pt : in.geometry.points) {
                    const Coord s = to_screen(pt);
                    if (camera.contains_screen(s.x, s.y)) placed.emplace_back(float(s.x) - r, float(s.y) - r, float(s.x) + r, float(s.y) + r);
                }
            }
        }
        for (const Label& l : labels_) {
            if (!l.major && mean_desa_px < 70) break;
            float size = l.major ? fs * 1.1f : fs * 0.9f;
            ImFont* lf = font;
            if (label_font) {  // the nearest rasterised size, drawn unscaled: crisp glyphs
                lf = label_font(size);
                size = lf->FontSize;
            }
            ImVec2 ts = lf->CalcTextSizeA(size, 1e9f, 0, l.text.c_str());
            const Coord s = to_screen(l.lonlat);
            // On its anchor, else just above or below it (beside a symbol there), else not at all.
            const float step = ts.y / 2 + 10.0f * ui_scale + 2;
            std::optional<ImVec4> chosen;
            for (float dy : {0.0f, -step, step}) {
                const float cy = float(s.y) + dy;
                ImVec4 box(float(s.x) - ts.x / 2 - 3, cy - ts.y / 2 - 1, float(s.x) + ts.x / 2 + 3, cy + ts.y / 2 + 1);
                if (box.z < camera.vx || box.x > camera.vx + camera.vw || box.w < camera.vy || box.y > camera.vy + camera.vh) continue;
                const bool clash = std::any_of(placed.begin(), placed.end(), [&](const ImVec4& b) {
                    return !(box.z < b.x || box.x > b.z || box.w < b.y || box.y > b.w);
                });
                if (!clash) {
                    chosen = box;
                    break;
                }
            }
            if (!chosen) continue;
            const ImVec4 box = *chosen;
            placed.push_back(box);
            ImVec2 pos(box.x + 3, box.y + 1);
            ImU32 halo = IM_COL32(255, 255, 255, 200), ink = l.major ? IM_COL32(20, 20, 20, 255) : IM_COL32(70, 70, 70, 255);
            // A halo from four diagonal copies: as legible as eight, half the glyphs to raster.
            for (float dx : {-1.0f, 1.0f})
                for (float dy : {-1.0f, 1.0f}) dl->AddText(lf, size, ImVec2(pos.x + dx, pos.y + dy), halo, l.text.c_str());
            dl->AddText(lf, size, pos, ink, l.text.c_str());
        }
    }

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

    // Scale bar (bottom left) and north arrow (top right).
    {
        double len_m = nice_length(140 / camera.ppm);
        float len_px = float(len_m * camera.ppm);
        ImVec2 o(float(camera.vx) + 16, float(camera.vy + camera.vh) - 34);
        dl->AddRectFilled(ImVec2(o.x - 6, o.y - fs - 6), ImVec2(o.x + len_px + 8, o.y + 12), IM_COL32(255, 255, 255, 210), 3);
        dl->AddRectFilled(ImVec2(o.x, o.y), ImVec2(o.x + len_px / 2, o.y + 6), IM_COL32(30, 30, 30, 255));
        dl->AddRect(ImVec2(o.x, o.y), ImVec2(o.x + len_px, o.y + 6), IM_COL32(30, 30, 30, 255));
        char buf[64];
        if (len_m >= 1000) std::snprintf(buf, sizeof buf, "%g km", len_m / 1000);
        else std::snprintf(buf, sizeof buf, "%g m", len_m);
        dl->AddText(ImVec2(o.x, o.y - fs - 2), IM_COL32(30, 30, 30, 255), buf);

        ImVec2 n(float(camera.vx + camera.vw) - 34, float(camera.vy) + 18);
        dl->AddCircleFilled(ImVec2(n.x, n.y + 22), 20, IM_COL32(255, 255, 255, 210), 24);
        dl->AddTriangleFilled(ImVec2(n.x, n.y + 4), ImVec2(n.x - 9, n.y + 32), ImVec2(n.x, n.y + 26), IM_COL32(30, 30, 30, 255));
        dl->AddTriangleFilled(ImVec2(n.x, n.y + 4), ImVec2(n.x, n.y + 26), ImVec2(n.x + 9, n.y + 32), IM_COL32(140, 140, 140, 255));
        const char* north = language() == Language::Indonesian ? "U" : "N";
        ImVec2 ts = ImGui::CalcTextSize(north);
        dl->AddText(ImVec2(n.x - ts.x / 2, n.y + 30), IM_COL32(30, 30, 30, 255), north);
    }
    dl->PopClipRect();
}

void MapView::zoom_to(const Envelope& lonlat, double min_width_m) {
    if (lonlat.empty()) return;
    Envelope e = projection.to_local(lonlat);
    Coord c = e.centre();
    if (e.width() < min_width_m) { e.min_x = c.x - min_width_m / 2; e.max_x = c.x + min_width_m / 2; }
    if (e.height() < min_width_m) { e.min_y = c.y - min_width_m / 2; e.max_y = c.y + min_width_m / 2; }
    camera.fit(e);
}

void MapView::zoom_to_district() {
    if (have_district_) zoom_to(district_lonlat_);
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
