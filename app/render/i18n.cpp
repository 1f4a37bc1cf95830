#include "render/i18n.h"

#include <cstring>
#include <string_view>
#include <unordered_map>

namespace pc::gui {
namespace {

Language g_language = Language::Indonesian;

struct Entry {
    const char* en;
    const char* id;
};

// English -> Bahasa Indonesia.
constexpr Entry kTable[] = {
    {"File", "Berkas"},
    {"Open...", "Buka..."},
    {"Save", "Simpan"},
    {"Save as...", "Simpan sebagai..."},
    {"Quit", "Keluar"},
    {"Edit", "Sunting"},
    {"Undo", "Urungkan"},
    {"Redo", "Ulangi"},
    {"Nothing to undo", "Tidak ada yang diurungkan"},
    {"Nothing to redo", "Tidak ada yang diulangi"},
    {"Delete selected", "Hapus yang dipilih"},
    {"View", "Tampilan"},
    {"Zoom to district", "Perbesar ke kabupaten"},
    {"Zoom to selection", "Perbesar ke pilihan"},
    {"Language", "Bahasa"},
    {"Layers", "Lapisan"},
    {"Legend", "Legenda"},
    {"Metrics", "Angka"},
    {"Selection", "Pilihan"},
    {"Tools", "Alat"},
    {"Select / move", "Pilih / pindah"},
    {"Place initiative", "Tempatkan inisiatif"},
    {"Place facility", "Tempatkan fasilitas"},
    {"Kabupaten outline", "Batas kabupaten"},
    {"Kecamatan boundaries", "Batas kecamatan"},
    {"Desa boundaries", "Batas desa"},
    {"Coverage choropleth", "Peta tematik cakupan"},
    {"Service area", "Area layanan"},
    {"Tourism zones (KPPN)", "Kawasan pariwisata (KPPN)"},
    {"Facilities", "Fasilitas"},
    {"Initiatives", "Inisiatif"},
    {"Labels", "Label"},
    {"Opacity", "Opasitas"},
    {"Service", "Layanan"},
    {"Coverage of population", "Cakupan penduduk"},
    {"Coverage of area", "Cakupan luas"},
    {"no data", "tanpa data"},
    // Title block and credit line of finished maps (map_furniture.cpp).
    {"Smart city masterplan", "Masterplan smart city"},
    {"Source", "Sumber"},
    {"analysis", "analisis"},
    {"boundaries: Kemendagri/BPS; map: PetaCerdas", "batas wilayah: Kemendagri/BPS; peta: PetaCerdas"},
    {"District overview", "Gambaran umum kabupaten"},
    {"District summary", "Ringkasan kabupaten"},
    {"Kecamatan", "Kecamatan"},
    {"Desa", "Desa"},
    {"Population", "Penduduk"},
    {"Covered", "Terlayani"},
    {"Uncovered", "Belum terlayani"},
    {"Area km2", "Luas km²"},
    {"Top service gaps", "Kesenjangan layanan terbesar"},
    {"Initiatives by pillar", "Inisiatif per pilar"},
    {"Budget", "Anggaran"},
    {"Count", "Jumlah"},
    {"What-if", "Simulasi"},
    {"newly covered people", "penduduk baru terlayani"},
    {"newly covered area", "luas baru terlayani"},
    {"Click on the map to place the initiative", "Klik peta untuk menempatkan inisiatif"},
    {"Click on the map to place the facility", "Klik peta untuk menempatkan fasilitas"},
    {"Drag to move; the figures follow", "Seret untuk memindah; angka ikut berubah"},
    {"Nothing selected", "Tidak ada yang dipilih"},
    {"Name", "Nama"},
    {"Description", "Deskripsi"},
    {"Pillar", "Pilar"},
    {"Element", "Elemen"},
    {"OPD", "OPD"},
    {"Start year", "Tahun mulai"},
    {"End year", "Tahun selesai"},
    {"Budget (Rp)", "Anggaran (Rp)"},
    {"Funding source", "Sumber dana"},
    {"Status", "Status"},
    {"Quick win", "Quick win"},
    {"RPJMD reference", "Acuan RPJMD"},
    {"Service radius (m)", "Radius layanan (m)"},
    {"Type", "Jenis"},
    {"Delete", "Hapus"},
    {"Initiative", "Inisiatif"},
    {"Facility", "Fasilitas"},
    {"New initiative", "Inisiatif baru"},
    {"New facility", "Fasilitas baru"},
    {"Saved", "Tersimpan"},
    {"Save failed", "Gagal menyimpan"},
    {"Open failed", "Gagal membuka"},
    {"New project from district file", "Proyek baru dari berkas kabupaten"},
    {"Search", "Cari"},
    {"Search...", "Cari..."},
    {"Name or code of a desa, kecamatan, facility or initiative", "Nama atau kode desa, kecamatan, fasilitas atau inisiatif"},
    {"Type to search; Enter goes to the first result", "Ketik untuk mencari; Enter menuju hasil pertama"},
    {"No results", "Tidak ada hasil"},
    {"Results", "Hasil"},
    {"Recent projects", "Proyek terakhir"},
    {"No recent projects", "Belum ada proyek terakhir"},
    {"Clear list", "Kosongkan daftar"},
    {"Recover unsaved changes?", "Pulihkan perubahan yang belum disimpan?"},
    {"An autosave newer than this project was found: PetaCerdas may have closed without saving.",
     "Ditemukan simpanan otomatis yang lebih baru dari proyek ini: PetaCerdas mungkin tertutup sebelum menyimpan."},
    {"Recover the autosaved changes? Discarding deletes the autosave.",
     "Pulihkan perubahan dari simpanan otomatis? Jika dibuang, simpanan otomatis dihapus."},
    {"Recover", "Pulihkan"},
    {"Recovered from the autosave; save to keep the changes", "Dipulihkan dari simpanan otomatis; simpan untuk menyimpan perubahan"},
    {"Recovery failed", "Pemulihan gagal"},
    {"Autosave discarded", "Simpanan otomatis dibuang"},
    {"Autosaved", "Tersimpan otomatis"},
    {"Autosave failed", "Simpanan otomatis gagal"},
    {"unsaved changes", "perubahan belum disimpan"},
    {"Unsaved changes", "Perubahan belum disimpan"},
    {"Discard changes and quit?", "Buang perubahan dan keluar?"},
    {"Save and quit", "Simpan dan keluar"},
    {"Discard", "Buang"},
    {"Cancel", "Batal"},
    {"Path of the project (.gpkg)", "Lokasi berkas proyek (.gpkg)"},
    {"Open", "Buka"},
    // File dialog, import dialog, unsaved-changes guard on open (file_dialog.cpp, panel_import.cpp).
    {"Import layer...", "Impor lapisan..."},
    // Export of the map and of the views as PNG (export_png.cpp).
    {"Export map as PNG", "Ekspor peta sebagai PNG"},
    {"Export every view as PNG", "Ekspor semua tampilan sebagai PNG"},
    {"cannot write", "tidak dapat menulis"},
    {"views written beside", "tampilan ditulis di samping"},
    {"Map written to", "Peta ditulis ke"},
    {"Export failed:", "Ekspor gagal:"},
    {"Import layer", "Impor lapisan"},
    {"Open project", "Buka proyek"},
    {"Save project as", "Simpan proyek sebagai"},
    {"Up", "Naik"},
    {"Home", "Beranda"},
    {"(empty)", "(kosong)"},
    {"File name or path", "Nama atau lokasi berkas"},
    {"File or folder (a path may be typed)", "Berkas atau folder (lokasi boleh diketik)"},
    {"not a folder", "bukan folder"},
    {"exists; press Save again to replace it", "sudah ada; tekan Simpan sekali lagi untuk menggantinya"},
    {"no such file", "berkas tidak ada"},
    {"GIS files", "Berkas GIS"},
    {"All files", "Semua berkas"},
    {"PetaCerdas project", "Proyek PetaCerdas"},
    {"Choose another file...", "Pilih berkas lain..."},
    {"Layer", "Lapisan"},
    {"Import as", "Impor sebagai"},
    {"Add to the existing features (else replace them)", "Tambahkan ke fitur yang ada (jika tidak, ganti)"},
    {"Population required", "Penduduk wajib ada"},
    {"Field mapping", "Pemetaan kolom"},
    {"(none found)", "(tidak ditemukan)"},
    {"(automatic)", "(otomatis)"},
    {"Type for all", "Jenis untuk semua"},
    {"when the layer has no type field, e.g. puskesmas", "bila lapisan tidak punya kolom jenis, mis. puskesmas"},
    {"Source CRS", "CRS sumber"},
    {"empty = the file's own, e.g. EPSG:32749", "kosong = milik berkas, mis. EPSG:32749"},
    {"Preview", "Pratinjau"},
    {"no CRS", "tanpa CRS"},
    {"lon/lat in WGS 84 (EPSG:4326) assumed", "bujur/lintang dalam WGS 84 (EPSG:4326) dianggap"},
    {"features", "fitur"},
    {"Import", "Impor"},
    {"Imported", "Diimpor"},
    {"Code", "Kode"},
    {"Parent code", "Kode induk"},
    {"BPS code", "Kode BPS"},
    {"Kind", "Jenis kawasan"},
    {"Longitude", "Bujur"},
    {"Latitude", "Lintang"},
    {"WKT geometry", "Geometri WKT"},
    {"This project has unsaved changes. Save them before opening another project?",
     "Proyek ini punya perubahan yang belum disimpan. Simpan dulu sebelum membuka proyek lain?"},
    {"Save and open", "Simpan lalu buka"},
    {"Discard and open", "Buang lalu buka"},
    {"Scale", "Skala"},
    {"Computing...", "Menghitung..."},
    {"Add", "Tambah"},
    {"Move", "Pindah"},
    {"Change", "Ubah"},
    {"Search", "Cari"},
    {"people", "jiwa"},
    {"Governance", "Tata kelola"},
    {"Branding", "Branding"},
    {"Economy", "Ekonomi"},
    {"Society", "Masyarakat"},
    {"Living", "Kehidupan"},
    {"Environment", "Lingkungan"},
    {"Struktur", "Struktur"},
    {"Infrastruktur", "Infrastruktur"},
    {"Suprastruktur", "Suprastruktur"},
    {"Proposed", "Usulan"},
    {"Planned", "Rencana"},
    {"Ongoing", "Berjalan"},
    {"Completed", "Selesai"},
    {"Frame", "Bingkai"},
    {"Desa choropleth by", "Peta tematik desa menurut"},
    {"Quantile classes", "Kelas kuantil"},
    {"Zones", "Kawasan"},
    {"Population density", "Kepadatan penduduk"},
    {"Distance to nearest facility", "Jarak ke fasilitas terdekat"},
    {"Classes", "Kelas"},
    {"Equal intervals", "Interval sama"},
    {"Quantiles", "Kuantil"},
    {"Natural breaks (Jenks)", "Jeda alami (Jenks)"},
    {"Draw above", "Gambar di atas"},
    {"Draw line initiative", "Gambar inisiatif garis"},
    {"Draw polygon initiative", "Gambar inisiatif area"},
    {"Click to add vertices; double-click or Enter finishes, Backspace removes the last, Esc cancels",
     "Klik untuk menambah titik; klik ganda atau Enter menyelesaikan, Backspace menghapus titik terakhir, Esc membatalkan"},
    {"Initiatives by OPD", "Inisiatif per OPD"},
    {"Initiatives by year", "Inisiatif per tahun"},
    {"No initiatives", "Tidak ada inisiatif"},
    {"No gaps: everybody lives within reach of this service", "Tidak ada kesenjangan: semua penduduk terjangkau layanan ini"},
    {"No service to measure yet: add facilities, or initiatives with a service radius.",
     "Belum ada layanan yang diukur: tambahkan fasilitas, atau inisiatif dengan radius layanan."},
    {"Area covered", "Luas terlayani"},
    {"Distance", "Jarak"},
    {"Draw below", "Gambar di bawah"},
    {"Compute metrics", "Hitung angka"},
    // Workshop mode: views, presentation, scenarios, pillar dashboard.
    {"Views", "Tampilan tersimpan"},
    {"Save current view", "Simpan tampilan ini"},
    {"Add pillar dashboard", "Tambah dasbor pilar"},
    {"Present (F5)", "Presentasi (F5)"},
    {"Present", "Presentasi"},
    {"No saved views yet", "Belum ada tampilan tersimpan"},
    {"Dashboard", "Dasbor"},
    {"Update from map", "Perbarui dari peta"},
    {"Title", "Judul"},
    {"Caption", "Keterangan"},
    {"Notes (presenter only)", "Catatan (hanya untuk penyaji)"},
    {"Smart city pillars", "Pilar kota cerdas"},
    {"Smart City Masterplan", "Masterplan Smart City"},
    {"Source", "Sumber"},
    {"coverage analysis", "analisis cakupan"},
    {"Highlighted", "Disorot"},
    {"Scenarios", "Skenario"},
    {"Off", "Mati"},
    {"Baseline", "Kondisi awal"},
    {"Plan", "Rencana"},
    {"Side by side", "Berdampingan"},
    {"Swipe", "Geser"},
    {"Baseline: existing facilities", "Kondisi awal: fasilitas yang ada"},
    {"Plan: facilities and initiatives", "Rencana: fasilitas dan inisiatif"},
    {"Compared service", "Layanan yang dibandingkan"},
    {"Initiatives in the plan", "Inisiatif dalam rencana"},
    {"none ticked = all", "tanpa centang = semua"},
    {"Years", "Tahun"},
    {"Gap closed when uncovered drops by", "Celah tertutup bila yang belum terlayani turun"},
    {"District population covered", "Penduduk kabupaten terlayani"},
    {"Area newly covered", "Luas baru terlayani"},
    {"Desa gaps closed", "Celah desa tertutup"},
    {"Gaps closed", "Celah tertutup"},
    {"+ people", "+ jiwa"},
    {"OPD involved", "OPD yang terlibat"},
    {"People newly covered", "Penduduk baru terlayani"},
    {"beyond the existing", "di luar layanan yang ada:"},
    {"Presenter", "Penyaji"},
    {"Highlight kecamatan", "Sorot kecamatan"},
    {"highlighted", "disorot"},
    {"Highlight the selected initiative", "Sorot inisiatif yang dipilih"},
    {"Stop highlighting the selected initiative", "Hapus sorotan inisiatif yang dipilih"},
    {"Computing the plan...", "Menghitung rencana..."},
    {"Computing...", "Menghitung..."},
    {"Slide", "Slide"},
    {"Notes", "Catatan"},
    {"Next", "Berikutnya"},
    {"Previous", "Sebelumnya"},
    {"Last slide", "Slide terakhir"},
    {"End presentation", "Akhiri presentasi"},
    // Background work (panel_progress.cpp, the metrics panel, the status bar).
    {"Opening", "Membuka"},
    {"Opening cancelled", "Pembukaan dibatalkan"},
    {"Preparing the analysis", "Menyiapkan analisis"},
    {"Computing figures", "Menghitung angka"},
    {"Saving", "Menyimpan"},
    {"Autosaving", "Menyimpan otomatis"},
    {"reading the file", "membaca berkas"},
    {"projecting and indexing", "memproyeksikan dan mengindeks"},
    {"indexed", "terindeks"},
    {"coverage per desa", "cakupan per desa"},
    {"initiatives", "inisiatif"},
    {"writing", "menulis"},
    {"done", "selesai"},
    {"The figures cannot be computed", "Angka tidak dapat dihitung"},
    {"Recomputing the figures after the last change...", "Menghitung ulang angka setelah perubahan terakhir..."},
    {"Computing the figures...", "Menghitung angka..."},
    {"Shown until then: the figures before it.", "Sampai selesai, yang tampil angka sebelumnya."},
    {"What-if: preparing the analysis...", "Simulasi: menyiapkan analisis..."},
    // The form of a placed feature (panel_placement.cpp, form_widgets.cpp).
    {"Place", "Tempatkan"},
    {"Service provided", "Layanan yang diberikan"},
    {"none", "tidak ada"},
    {"A service needs a radius.", "Layanan perlu radius."},
    {"choose a type", "pilih jenis"},
    {"The project has no facility types yet.", "Proyek belum punya jenis fasilitas."},
    {"Choose the facility's type.", "Pilih jenis fasilitas."},
    {"A facility needs a service radius above 0 m.", "Fasilitas perlu radius layanan di atas 0 m."},
};

const std::unordered_map<std::string_view, const char*>& table() {
    static const auto* t = [] {
        auto* m = new std::unordered_map<std::string_view, const char*>();
        for (const auto& e : kTable) m->emplace(e.en, e.id);
        return m;
    }();
    return *t;
}

}  // namespace

void set_language(Language lang) { g_language = lang; }
Language language() { return g_language; }

const char* tr(const char* english) {
    if (g_language == Language::English) return english;
    auto it = table().find(english);
    return it == table().end() ? english : it->second;
}

std::string trid(const char* english) { return std::string(tr(english)) + "###" + english; }

std::vector<std::string> translation_keys() {
    std::vector<std::string> keys;
    for (const auto& e : kTable) keys.emplace_back(e.en);
    return keys;
}

bool has_translation(const char* english) { return table().count(english) > 0; }

const char* pillar_name(int p) {
    static const char* names[] = {"Governance", "Branding", "Economy", "Society", "Living", "Environment"};
    return p >= 0 && p < 6 ? tr(names[p]) : "?";
}
const char* element_name(int e) {
    static const char* names[] = {"Struktur", "Infrastruktur", "Suprastruktur"};
    return e >= 0 && e < 3 ? tr(names[e]) : "?";
}
const char* status_name(int s) {
    static const char* names[] = {"Proposed", "Planned", "Ongoing", "Completed"};
    return s >= 0 && s < 4 ? tr(names[s]) : "?";
}

}  // namespace pc::gui
