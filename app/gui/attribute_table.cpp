#include "attribute_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "geo/doc/search.h"
#include "panels.h"
#include "render/i18n.h"

namespace pc::gui {
namespace {

// Builds a table column by column: cells added per row in the order columns were declared.
struct Builder {
    AttributeTable t;
    std::vector<std::string> extra_names;  // the extra fields' columns, first seen first

    void column(const char* key, bool numeric = false) {
        t.columns.push_back(key);
        t.numeric.push_back(numeric);
    }
    void row(const std::string& id, const Envelope& e) {
        t.ids.push_back(id);
        t.extents.push_back(e);
        t.cells.emplace_back();
        t.values.emplace_back();
    }
    void text(std::string s) {
        t.cells.back().push_back(std::move(s));
        t.values.back().push_back(NAN);
    }
    void number(std::optional<double> v, int decimals = 0) {
        char buf[64] = "";
        if (v) std::snprintf(buf, sizeof buf, "%.*f", decimals, *v);
        t.cells.back().push_back(buf);
        t.values.back().push_back(v ? *v : NAN);
    }
    // The extra fields of a layer: every name any feature has, then each row's values.
    template <class Items>
    void declare_extras(const Items& items) {
        for (const auto& it : items)
            for (const auto& x : it.extra)
                if (std::find(extra_names.begin(), extra_names.end(), x.name) == extra_names.end()) extra_names.push_back(x.name);
        for (const auto& n : extra_names) {
            bool all_numbers = true;
            for (const auto& it : items)
                for (const auto& x : it.extra)
                    if (x.name == n && std::holds_alternative<std::string>(x.value)) all_numbers = false;
            t.columns.push_back(n);
            t.numeric.push_back(all_numbers);
        }
    }
    void extras(const std::vector<ExtraField>& fields) {
        for (const auto& n : extra_names) {
            auto it = std::find_if(fields.begin(), fields.end(), [&](const ExtraField& x) { return x.name == n; });
            if (it == fields.end() || std::holds_alternative<std::monostate>(it->value)) number(std::nullopt);
            else if (auto* i = std::get_if<std::int64_t>(&it->value)) number(double(*i));
            else if (auto* d = std::get_if<double>(&it->value)) number(*d, 3);
            else text(std::get<std::string>(it->value));
        }
    }
};

void admin(Builder& b, const std::vector<AdminUnit>& units) {
    b.column("Code");
    b.column("Name");
    b.column("Part of");
    b.column("Population", true);
    b.declare_extras(units);
    for (const auto& u : units) {
        b.row(u.code, u.geometry.envelope());
        b.text(u.code);
        b.text(u.name);
        b.text(u.parent_code);
        b.number(u.population);
        b.extras(u.extra);
    }
}

}  // namespace

const char* table_layer_name(TableLayer l) {
    switch (l) {
        case TableLayer::Desa: return "Desa";
        case TableLayer::Kecamatan: return "Kecamatan";
        case TableLayer::Kabupaten: return "Kabupaten";
        case TableLayer::Facilities: return "Facilities";
        case TableLayer::Initiatives: return "Initiatives";
        case TableLayer::Zones: return "Tourism zones (KPPN)";
    }
    return "";
}

AttributeTable attribute_table(const Project& p, TableLayer layer) {
    Builder b;
    switch (layer) {
        case TableLayer::Desa: admin(b, p.desa); break;
        case TableLayer::Kecamatan: admin(b, p.kecamatan); break;
        case TableLayer::Kabupaten: admin(b, p.kabupaten); break;
        case TableLayer::Facilities:
            b.column("Name");
            b.column("Type");
            b.column("Service radius (m)", true);
            b.declare_extras(p.facilities);
            for (const auto& f : p.facilities) {
                b.row(f.id, f.geometry.envelope());
                b.text(f.name);
                b.text(service_label(p, f.type));
                b.number(p.service_radius_m(f));
                b.extras(f.extra);
            }
            break;
        case TableLayer::Initiatives:
            for (const char* c : {"Name", "Pillar", "Element", "OPD", "Start year", "End year", "Budget (Rp)", "Status", "Service provided",
                                  "Service radius (m)", "RPJMD reference"})
                b.column(c, std::string(c) == "Start year" || std::string(c) == "End year" || std::string(c) == "Budget (Rp)" ||
                                std::string(c) == "Service radius (m)");
            for (const auto& i : p.initiatives) {
                b.row(i.id, i.geometry.envelope());
                b.text(i.name);
                b.text(pillar_name(int(i.pillar)));  // as the panels name them, in the language shown
                b.text(element_name(int(i.element)));
                b.text(i.opd);
                b.number(double(i.start_year));
                b.number(double(i.end_year));
                b.number(double(i.budget_rp));
                b.text(status_name(int(i.status)));
                b.text(i.service.empty() ? std::string() : service_label(p, i.service));
                b.number(i.radius_m);
                b.text(i.rpjmd_ref);
            }
            break;
        case TableLayer::Zones:
            b.column("Code");
            b.column("Name");
            b.column("Kind");
            b.declare_extras(p.zones);
            for (const auto& z : p.zones) {
                b.row(z.id, z.geometry.envelope());
                b.text(z.code);
                b.text(z.name);
                b.text(z.kind);
                b.extras(z.extra);
            }
            break;
    }
    return std::move(b.t);
}

std::vector<std::size_t> filter_rows(const AttributeTable& t, const std::string& query) {
    std::vector<std::size_t> rows;
    std::string q = fold_for_search(query);
    q.erase(0, q.find_first_not_of(' '));
    q.erase(q.find_last_not_of(' ') + 1);
    for (std::size_t r = 0; r < t.cells.size(); ++r) {
        if (q.empty()) {
            rows.push_back(r);
            continue;
        }
        for (const auto& cell : t.cells[r])
            if (fold_for_search(cell).find(q) != std::string::npos) {
                rows.push_back(r);
                break;
            }
    }
    return rows;
}

void sort_rows(const AttributeTable& t, std::vector<std::size_t>& rows, std::size_t c, bool ascending) {
    if (c >= t.columns.size()) return;
    if (t.numeric[c]) {
        std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
            const double va = t.values[a][c], vb = t.values[b][c];
            if (std::isnan(va) || std::isnan(vb)) return !std::isnan(va) && std::isnan(vb);
            return ascending ? va < vb : vb < va;
        });
    } else {
        std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
            const std::string fa = fold_for_search(t.cells[a][c]), fb = fold_for_search(t.cells[b][c]);
            return ascending ? fa < fb : fb < fa;
        });
    }
}

}  // namespace pc::gui
