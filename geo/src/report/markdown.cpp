#include "geo/report/markdown.h"

#include <map>

#include "geo/report/format.h"
#include "write_file.h"

namespace pc {

namespace {
// Indonesian labels of the six pillars (Gerakan Menuju 100 Smart City).
const char* pillar_label(const std::string& key) {
    static const std::map<std::string, const char*> labels = {
        {"governance", "Smart Governance (tata kelola)"}, {"branding", "Smart Branding (citra daerah)"},
        {"economy", "Smart Economy (ekonomi)"},           {"society", "Smart Society (masyarakat)"},
        {"living", "Smart Living (lingkungan hidup)"},    {"environment", "Smart Environment (lingkungan)"}};
    auto it = labels.find(key);
    return it == labels.end() ? key.c_str() : it->second;
}

// Keeps table cells on one line.
std::string cell(std::string s) {
    for (auto& c : s)
        if (c == '|' || c == '\n') c = ' ';
    return s;
}

std::string persons(double v) { return format_thousands_id(std::int64_t(std::llround(v))); }
}  // namespace

std::string summary_markdown(const Project& project, const AnalysisResult& result, std::size_t top_gaps) {
    const auto& s = project.settings;
    const auto& p = result.provenance;
    std::string md;
    auto line = [&](const std::string& l = "") { md += l + "\n"; };

    std::string district = s.district_name.empty() ? s.name : s.district_name;
    line("# Ringkasan analisis cakupan layanan — " + district + (s.district_code.empty() ? "" : " (" + s.district_code + ")"));
    line();
    if (!s.name.empty()) line("**Proyek:** " + s.name + "  ");
    if (s.period_start) line("**Periode masterplan:** " + std::to_string(s.period_start) + "–" + std::to_string(s.period_end) + "  ");
    line("**Dihitung:** " + p.computed_at + " · CRS analisis " + p.analysis_crs + " · metode penduduk `" +
         to_key(p.population_method) + "`  ");
    line("**Hash input (SHA-256):** `" + p.inputs_sha256 + "`");
    line();

    std::map<std::string, std::string> kec_name;
    for (auto& k : project.kecamatan) kec_name[k.code] = k.name;

    line("## Cakupan layanan tingkat kabupaten");
    line();
    if (result.services.empty())
        line("Belum ada data fasilitas (atau inisiatif dengan radius layanan) di proyek ini.\n");
    line("| Layanan | Fasilitas | Luas (km²) | Luas terjangkau | Penduduk | Penduduk terjangkau | Belum terjangkau |");
    line("|---|---:|---:|---:|---:|---:|---:|");
    for (auto& sv : result.services) {
        const auto& d = sv.district;
        std::string features = std::to_string(sv.features_used);
        if (sv.features_across_border)
            features += " (" + std::to_string(sv.features_across_border) + " di luar kabupaten, melayani desa di dalam)";
        if (sv.features_outside > sv.features_across_border)
            features += " (+" + std::to_string(sv.features_outside - sv.features_across_border) + " di luar, tidak dihitung)";
        if (sv.features_used == 0) features += " (tidak ada data)";
        line("| " + cell(sv.label.empty() ? sv.service : sv.label) + " | " + features + " | " +
             format_decimal_id(d.area_km2, 1) + " | " + format_percent_id(d.coverage_ratio_area) + " | " +
             persons(d.population) + " | " + format_percent_id(d.coverage_ratio_population) + " | " +
             persons(d.uncovered_population) + " |");
    }
    line();

    line("## " + std::to_string(top_gaps) + " kesenjangan terbesar per layanan (desa/kelurahan)");
    line();
    line("Urutan: penduduk belum terjangkau, lalu luas belum terjangkau.");
    for (auto& sv : result.services) {
        line();
        line("### " + cell(sv.label.empty() ? sv.service : sv.label));
        line();
        if (sv.features_used == 0) {
            line("Tidak ada fasilitas jenis ini di dalam data: seluruh penduduk tercatat belum terjangkau. "
                 "Lengkapi datanya sebelum memakai angka ini.");
            continue;
        }
        if (sv.gap_ranking.empty()) {
            line("Tidak ada desa dengan kesenjangan.");
            continue;
        }
        line("| # | Desa | Kode | Kecamatan | Penduduk belum terjangkau | Luas belum terjangkau (km²) | Cakupan penduduk |");
        line("|---:|---|---|---|---:|---:|---:|");
        for (std::size_t r = 0; r < sv.gap_ranking.size() && r < top_gaps; ++r) {
            if (sv.gap_ranking[r] >= sv.desa.size()) continue;
            const auto& m = sv.desa[sv.gap_ranking[r]];
            auto kn = kec_name.find(m.parent_code);
            line("| " + std::to_string(r + 1) + " | " + cell(m.name) + " | " + m.code + " | " +
                 cell(kn == kec_name.end() ? m.parent_code : kn->second) + " | " + persons(m.uncovered_population) +
                 " | " + format_decimal_id(std::max(0.0, m.area_km2 - m.covered_km2), 2) + " | " +
                 format_percent_id(m.coverage_ratio_population) + " |");
        }
    }
    line();

    const auto& in = result.initiatives;
    line("## Inisiatif per pilar");
    line();
    line("| Pilar | Jumlah | Anggaran |");
    line("|---|---:|---:|");
    for (auto& c : in.by_pillar)
        line("| " + std::string(pillar_label(c.key)) + " | " + std::to_string(c.count) + " | " + format_rupiah(c.budget_rp) + " |");
    line("| **Jumlah** | **" + std::to_string(in.count) + "** | **" + format_rupiah(in.budget_rp) + "** |");
    line();
    if (!in.by_zone.empty()) {
        for (auto& z : in.by_zone)
            line("- " + cell(z.zone_name.empty() ? z.zone_code : z.zone_name) + ": " + std::to_string(z.count_inside) +
                 " inisiatif di dalam zona (" + format_rupiah(z.budget_inside_rp) + "), " +
                 std::to_string(z.count_outside) + " di luar (" + format_rupiah(z.budget_outside_rp) + ")");
        line();
    }

    const auto& q = result.quality;
    line("## Kualitas data");
    line();
    bool any = false;
    auto item = [&](bool show, const std::string& text) {
        if (!show) return;
        line("- " + text);
        any = true;
    };
    item(q.geometries_repaired > 0, std::to_string(q.geometries_repaired) + " geometri tidak valid diperbaiki (GEOS MakeValid)");
    item(q.facilities_outside > 0, std::to_string(q.facilities_outside) + " fasilitas di luar kabupaten: " +
                                       std::to_string(q.facilities_across_border) + " melayani desa di dalam (dihitung), " +
                                       std::to_string(q.facilities_outside - q.facilities_across_border) + " tidak dihitung");
    item(q.initiatives_outside > 0, std::to_string(q.initiatives_outside) + " inisiatif di luar kabupaten: " +
                                        std::to_string(q.initiatives_across_border) + " melayani desa di dalam (dihitung)");
    item(q.desa_overlap_pairs > 0, std::to_string(q.desa_overlap_pairs) + " pasangan desa bertumpang tindih (" +
                                       format_decimal_id(q.desa_overlap_km2, 3) + " km², tidak dihitung dua kali)");
    item(q.desa_gap_km2 > 1e-6, "celah antar-desa " + format_decimal_id(q.desa_gap_km2, 3) + " km²");
    item(q.outline_not_in_desa_km2 > 1e-6, "batas kabupaten di luar desa mana pun: " + format_decimal_id(q.outline_not_in_desa_km2, 2) + " km²");
    item(q.desa_not_in_outline_km2 > 1e-6, "desa di luar batas kabupaten: " + format_decimal_id(q.desa_not_in_outline_km2, 2) + " km²");
    for (auto& w : q.warnings) item(true, cell(w));
    if (!any) line("Tidak ada peringatan.");
    line();

    line("## Provenans");
    line();
    line("- Alat: " + p.tool);
    line("- Waktu hitung (UTC): " + p.computed_at);
    line("- CRS analisis: " + p.analysis_crs);
    line("- Metode penduduk: `" + std::string(to_key(p.population_method)) + "`");
    line("- Parameter: `" + p.parameters + "`");
    line("- SHA-256 semua input: `" + p.inputs_sha256 + "`");
    return md;
}

void write_summary_markdown(const Project& project, const AnalysisResult& result, const std::string& path,
                            std::size_t top_gaps) {
    report_detail::write_text_atomic(path, summary_markdown(project, result, top_gaps));
}

}  // namespace pc
