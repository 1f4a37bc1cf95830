// The map of a document as drawn: meshes built from the document, the camera, labels, scale bar and
// north arrow (see map_layers.h).
#include "render/map_layers.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "geo/geos.h"
#include "geo/tessellate.h"
#include "render/i18n.h"
#include "render/lod.h"
#include "render/map_symbols.h"

namespace pc::gui {
namespace {

constexpr Rgba kLand = 0xf4f1eaff;
constexpr Rgba kZone = 0x8e24aaff;        // KPPN zones: violet, apart from the red-yellow-green ramp
constexpr Rgba kServiceArea = 0x1565c0ff;
constexpr Rgba kDesaLine = 0x8d8d8dff;
constexpr Rgba kKecamatanLine = 0x37474fff;
constexpr Rgba kKabupatenLine = 0x1b1b1bff;

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

MapLayers::MapLayers(Document& doc) : doc_(doc) {
    styles[std::size_t(LayerId::ServiceArea)].opacity = 0.15f;
    styles[std::size_t(LayerId::Zones)].opacity = 0.30f;
    styles[std::size_t(LayerId::Choropleth)].opacity = 0.85f;
    const Project& p = doc_.project();
    if (!p.settings.facility_types.empty()) service = p.settings.facility_types.front().key;
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

MapLayers::~MapLayers() = default;

bool MapLayers::move_layer(LayerId id, int delta) {
    auto it = std::find(draw_order.begin(), draw_order.end(), id);
    if (it == draw_order.end()) return false;
    const long from = it - draw_order.begin(), to = from + delta;
    if (to < 0 || to >= long(draw_order.size())) return false;
    std::swap(draw_order[std::size_t(from)], draw_order[std::size_t(to)]);
    return true;
}

Ramp MapLayers::ramp() const { return metric_ramp(metric); }

bool MapLayers::wants_analysis() const {
    return styles[std::size_t(LayerId::Choropleth)].visible || styles[std::size_t(LayerId::ServiceArea)].visible;
}

bool MapLayers::building() const {
    return pending_coarse_.valid() || pending_levels_.valid() || !unadopted_.empty() || pending_styling_.valid();
}

void MapLayers::sync() {
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
    if (ready(pending_zone_fill_)) {
        zone_fill_.upload(pending_zone_fill_.get());
        any = true;
    }
    if (changed(DocLayer::Facilities)) rebuild_facilities();
    if (changed(DocLayer::Initiatives)) rebuild_initiatives();
    if (changed(DocLayer::Context)) context_.build(doc_.project().context_layers, projection);
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
}

void MapLayers::rebuild_admin() {
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

void MapLayers::adopt_levels(std::vector<LevelParts> parts) {
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

void MapLayers::wait_for_detail() {
    sync();
    if (pending_coarse_.valid()) pending_coarse_.wait();
    if (pending_levels_.valid()) pending_levels_.wait();
    if (pending_styling_.valid()) pending_styling_.wait();
    if (pending_zone_fill_.valid()) pending_zone_fill_.wait();
    do sync();
    while (!unadopted_.empty());
}

void MapLayers::settle() {
    if (wants_analysis()) {
        try {
            doc_.analysis();
        } catch (const std::exception&) {
            // Drawn without figures; the document keeps the error for whoever shows it.
        }
    }
    wait_for_detail();
}

void MapLayers::rebuild_zones() {
    const Project& p = doc_.project();
    std::size_t vertices = 0;
    zone_lines_.clear();
    for (const auto& z : p.zones) {
        vertices += z.geometry.vertex_count();
        zone_lines_.add_outline(z.geometry, projection);
    }
    zone_lines_.upload();
    abandon(pending_zone_fill_);
    // A district's zones are triangulated at once; a province-sized layer (8,494 imported desa: a
    // second of ear clipping) on a worker, its fill shown when ready (the outlines meanwhile).
    if (vertices < 200000) {
        std::vector<const Geometry*> geoms;
        for (const auto& z : p.zones) geoms.push_back(&z.geometry);
        zone_fill_.build(tessellate_layer(geoms), projection);
        return;
    }
    zone_fill_.upload(FillData{});
    auto zones = std::make_shared<std::vector<Geometry>>();
    zones->reserve(p.zones.size());
    for (const auto& z : p.zones) zones->push_back(z.geometry);
    pending_zone_fill_ = std::async(std::launch::async, [zones, proj = projection] {
        std::vector<const Geometry*> geoms;
        for (const auto& g : *zones) geoms.push_back(&g);
        return FillMesh::prepare(tessellate_layer(geoms), proj);
    });
}

void MapLayers::rebuild_facilities() {
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

void MapLayers::rebuild_initiatives() {
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

StylingKey MapLayers::styling_key() const {
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

void MapLayers::adopt_styling(Styling st) {
    classes_ = std::move(st.classes);
    service_fill_.upload(std::move(st.service_fill));
    service_lines_ = std::move(st.service_lines);
    service_lines_->upload();
    for (auto& level : admin_levels_) {
        if (st.desa_colours.empty()) level->desa_fill.set_colour(kLand);
        else level->desa_fill.set_colours(st.desa_colours);
    }
    desa_colours_ = std::move(st.desa_colours);
    shown_ = std::move(st.key);
}

std::vector<double> MapLayers::level_cells() const {
    std::vector<double> cells;
    for (const auto& l : admin_levels_) cells.push_back(l->cell_m);
    return cells;
}

const MapLayers::AdminLevel* MapLayers::admin_level() const {
    if (admin_levels_.empty()) return nullptr;
    std::size_t i = pick_level(level_cells(), camera.ppm);
    return admin_levels_[i].get();
}

void draw_cased_outline(Canvas& canvas, const MapLayers& map, const Geometry& g, Rgba halo, float halo_width, Rgba ink,
                        float ink_width) {
    std::vector<Point> pts;
    for (const auto& poly : g.polygons)
        for (const auto& ring : poly.rings) {
            pts.clear();
            for (const auto& c : ring) {
                const Coord s = map.to_screen(c);
                pts.push_back({float(s.x), float(s.y)});
            }
            if (pts.size() < 3) continue;
            canvas.polyline(pts, halo, true, halo_width);
            canvas.polyline(pts, ink, true, ink_width);
        }
}

void MapLayers::keep_image(bool on) {
    if (on && !image_cache_) image_cache_ = std::make_unique<MapImageCache>();
    if (!on) image_cache_.reset();
}

std::uint64_t MapLayers::drawing_key() const {
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

void MapLayers::draw(MapRenderer& r, const FramebufferInfo& fb) {
    drawn_level = admin_levels_.empty() ? 0 : pick_level(level_cells(), camera.ppm);
    if (!image_cache_) {
        draw_layers(r, camera, fb);
        return;
    }
    image_cache_->draw(camera, fb, drawing_key(), [&](const Camera& cam, const FramebufferInfo& f) { draw_layers(r, cam, f); });
}

void MapLayers::draw_layers(MapRenderer& r, const Camera& view, const FramebufferInfo& fb) {
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
    // Context layers (roads, settlements ...) right over the analysis — the later of the choropleth and
    // the service area in the drawing order, or over the land when both are hidden — and under the
    // zones, boundaries, symbols and labels: crisp, not tinted by the service area (their own styles
    // carry their transparency).
    std::optional<LayerId> context_after;
    for (LayerId id : draw_order)
        if ((id == LayerId::Choropleth || id == LayerId::ServiceArea) && st(id).visible) context_after = id;
    if (!context_after) context_.draw(r, ui_scale);
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
        if (context_after == id) context_.draw(r, ui_scale);
    }
    r.end();
}

void MapLayers::draw_overlay(Canvas& canvas) const {
    const Project& p = doc_.project();
    canvas.push_clip({float(camera.vx), float(camera.vy)}, {float(camera.vx + camera.vw), float(camera.vy + camera.vh)});
    const float fs = canvas.em();

    // Labels: greedy in priority order, so the same labels win wherever the map is panned.
    if (styles[std::size_t(LayerId::Labels)].visible) {
        double mean_desa_px = 0;
        if (!p.desa.empty() && have_district_) {
            Envelope le = projection.to_local(district_lonlat_);
            mean_desa_px = std::sqrt(le.width() * le.height() / double(p.desa.size())) * camera.ppm;
        }
        std::vector<Box> placed;
        // Initiative symbols (what the planner works on) are kept clear of labels: a label never
        // hides one. They are fixed on the map, so labels still do not jump while panning.
        if (styles[std::size_t(LayerId::Initiatives)].visible) {
            const float r = 10.0f * ui_scale;
            for (const Initiative& in : p.initiatives) {
                if (in.geometry.kind != GeometryKind::Point) continue;
                for (const Coord& pt : in.geometry.points) {
                    const Coord s = to_screen(pt);
                    if (camera.contains_screen(s.x, s.y)) placed.push_back({float(s.x) - r, float(s.y) - r, float(s.x) + r, float(s.y) + r});
                }
            }
        }
        for (const Label& l : labels_) {
            if (!l.major && mean_desa_px < 70) break;
            // The nearest rasterised size, drawn unscaled: crisp glyphs.
            const float size = canvas.crisp_px(l.major ? fs * 1.1f : fs * 0.9f);
            const Point ts = canvas.text_size(Type::Crisp, size, l.text);
            const Coord s = to_screen(l.lonlat);
            // On its anchor, else just above or below it (beside a symbol there), else not at all.
            const float step = ts.y / 2 + 10.0f * ui_scale + 2;
            std::optional<Box> chosen;
            for (float dy : {0.0f, -step, step}) {
                const float cy = float(s.y) + dy;
                Box box{float(s.x) - ts.x / 2 - 3, cy - ts.y / 2 - 1, float(s.x) + ts.x / 2 + 3, cy + ts.y / 2 + 1};
                if (box.x1 < camera.vx || box.x0 > camera.vx + camera.vw || box.y1 < camera.vy || box.y0 > camera.vy + camera.vh) continue;
                const bool clash = std::any_of(placed.begin(), placed.end(), [&](const Box& b) {
                    return !(box.x1 < b.x0 || box.x0 > b.x1 || box.y1 < b.y0 || box.y0 > b.y1);
                });
                if (!clash) {
                    chosen = box;
                    break;
                }
            }
            if (!chosen) continue;
            const Box box = *chosen;
            placed.push_back(box);
            const Point pos{box.x0 + 3, box.y0 + 1};
            const Rgba halo = 0xffffffc8, ink = l.major ? 0x141414ff : 0x464646ff;
            // A halo from four diagonal copies: as legible as eight, half the glyphs to raster.
            for (float dx : {-1.0f, 1.0f})
                for (float dy : {-1.0f, 1.0f}) canvas.text(Type::Crisp, size, {pos.x + dx, pos.y + dy}, halo, l.text);
            canvas.text(Type::Crisp, size, pos, ink, l.text);
        }
    }

    // Scale bar (bottom left) and north arrow (top right).
    const Rgba ink = 0x1e1e1eff;
    const double len_m = nice_length(140 / camera.ppm);
    const float len_px = float(len_m * camera.ppm);
    const Point o{float(camera.vx) + 16, float(camera.vy + camera.vh) - 34};
    canvas.rect_filled({o.x - 6, o.y - fs - 6}, {o.x + len_px + 8, o.y + 12}, 0xffffffd2, 3);
    canvas.rect_filled(o, {o.x + len_px / 2, o.y + 6}, ink);
    canvas.rect(o, {o.x + len_px, o.y + 6}, ink, 0, 1);
    char buf[64];
    if (len_m >= 1000) std::snprintf(buf, sizeof buf, "%g km", len_m / 1000);
    else std::snprintf(buf, sizeof buf, "%g m", len_m);
    canvas.text(Type::Regular, fs, {o.x, o.y - fs - 2}, ink, buf);

    const Point n{float(camera.vx + camera.vw) - 34, float(camera.vy) + 18};
    canvas.circle_filled({n.x, n.y + 22}, 20, 0xffffffd2, 24);
    canvas.triangle_filled({n.x, n.y + 4}, {n.x - 9, n.y + 32}, {n.x, n.y + 26}, ink);
    canvas.triangle_filled({n.x, n.y + 4}, {n.x, n.y + 26}, {n.x + 9, n.y + 32}, 0x8c8c8cff);
    const char* north = language() == Language::Indonesian ? "U" : "N";
    const Point ts = canvas.text_size(Type::Regular, fs, north);
    canvas.text(Type::Regular, fs, {n.x - ts.x / 2, n.y + 30}, ink, north);
    canvas.pop_clip();
}

void MapLayers::zoom_to(const Envelope& lonlat, double min_width_m) {
    if (lonlat.empty()) return;
    Envelope e = projection.to_local(lonlat);
    Coord c = e.centre();
    if (e.width() < min_width_m) { e.min_x = c.x - min_width_m / 2; e.max_x = c.x + min_width_m / 2; }
    if (e.height() < min_width_m) { e.min_y = c.y - min_width_m / 2; e.max_y = c.y + min_width_m / 2; }
    camera.fit(e);
}

void MapLayers::zoom_to_district() {
    if (have_district_) zoom_to(district_lonlat_);
}

}  // namespace pc::gui
