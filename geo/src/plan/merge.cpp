// Three-way merge of a feature: what changed here since the base is written unless the server
// changed the same field differently (a conflict for the planner); what changed only on the server
// stays.
#include "merge.h"

#include "../store/gpkg_geometry.h"

namespace pc::plan {
namespace {

const FieldValue kNull{};

// The fields a working copy has an opinion on: its table's columns and its geometry. A column the
// working copy does not have (added on the server, or dropped by a save that did not know it) is
// left as the server has it.
std::vector<std::string> mine_fields(const Row& mine) {
    std::vector<std::string> out;
    for (auto& [name, v] : mine.fields) out.push_back(name);
    if (mine.has_geometry_column) out.push_back(kGeometryField);
    return out;
}

bool same(const Row* a, const Row* b, const std::string& f) {
    if (!a || !b) return false;
    if (f == kGeometryField) return same_geometry(a->geometry_blob, b->geometry_blob);
    auto va = a->fields.find(f), vb = b->fields.find(f);
    return same_value(va == a->fields.end() ? kNull : va->second, vb == b->fields.end() ? kNull : vb->second);
}

FieldValue logged(const Row* r, const std::string& f) {
    if (!r) return {};
    if (f == kGeometryField) {
        if (r->geometry_blob.empty()) return {};
        try {
            return std::string(store::gpkg_wkb(r->geometry_blob));
        } catch (const store::BadGeometry&) {
            return r->geometry_blob;
        }
    }
    auto it = r->fields.find(f);
    return it == r->fields.end() ? FieldValue{} : it->second;
}

const Resolution* find_resolution(const std::vector<Resolution>& rs, const RowKey& key, const std::string& field,
                                  std::int64_t version) {
    for (auto& r : rs)
        if (r.feature == key && r.field == field && r.theirs_version == version) return &r;
    return nullptr;
}

GeometryKind kind_of(const std::string& blob) {
    if (blob.empty()) return GeometryKind::Empty;
    try {
        return store::parse_gpkg_geometry(blob).kind;
    } catch (const store::BadGeometry&) {
        return GeometryKind::Empty;
    }
}

std::string label_of(const MergeInput& in) {
    for (const Row* r : {in.mine, in.theirs, in.base}) {
        if (!r) continue;
        auto it = r->fields.find("name");
        if (it != r->fields.end())
            if (auto* s = std::get_if<std::string>(&it->second); s && !s->empty()) return *s;
    }
    return in.key.key;
}

Write insert_of(const MergeInput& in, const Row& row) {
    Write w;
    w.op = WrittenFeature::Op::Insert;
    w.key = in.key;
    w.table = in.layer->spatial ? table_for_kind(*in.layer, kind_of(row.geometry_blob)) : in.layer->tables[0];
    w.fields = row.fields;
    w.set_geometry = row.has_geometry_column;
    w.geometry_blob = row.geometry_blob;
    for (auto& f : mine_fields(row)) w.log.push_back({f, logged(&row, f), logged(in.base, f), false});
    return w;
}

Conflict conflict_of(const MergeInput& in, Conflict::Kind kind) {
    Conflict c;
    c.feature = in.key;
    c.label = label_of(in);
    c.kind = kind;
    c.theirs_version = in.server_version;
    return c;
}

}  // namespace

std::string display_value(const Row* row, const std::string& field) {
    if (!row) return "(none)";
    if (field == kGeometryField) {
        if (row->geometry_blob.empty()) return "NULL";
        try {
            return to_wkt(store::parse_gpkg_geometry(row->geometry_blob), 7);
        } catch (const store::BadGeometry& e) {
            return std::string("(unreadable geometry: ") + e.what() + ")";
        }
    }
    auto it = row->fields.find(field);
    return describe(it == row->fields.end() ? kNull : it->second);
}

bool changed_since_base(const Row& mine, const Row& base) {
    for (auto& f : mine_fields(mine))
        if (!same(&mine, &base, f)) return true;
    return false;
}

FeatureMerge merge_feature(const MergeInput& in, const std::vector<Resolution>& rs) {
    FeatureMerge out;
    const Row *base = in.base, *mine = in.mine, *theirs = in.theirs;
    auto resolution = [&](const std::string& field) { return find_resolution(rs, in.key, field, in.server_version); };

    if (!mine) {
        // Deleted here (or never here). A setting the model does not know is not a deletion.
        if (!base || !theirs || in.layer->name == "settings") return out;
        std::vector<FieldConflict> edited;
        for (auto& f : field_names(*theirs, base))
            if (!same(theirs, base, f)) edited.push_back({f, display_value(base, f), "(deleted)", display_value(theirs, f)});
        if (!edited.empty()) {
            const Resolution* r = resolution("");
            if (!r) {
                out.conflict = conflict_of(in, Conflict::Kind::DeletedEdited);
                out.conflict->fields = std::move(edited);
                return out;
            }
            if (r->side == Side::Theirs) return out;
        }
        Write w;
        w.op = WrittenFeature::Op::Delete;
        w.key = in.key;
        w.table = theirs->table;
        w.server_version = theirs->version;
        w.resolved = !edited.empty();
        out.write = std::move(w);
        return out;
    }

    if (base && !changed_since_base(*mine, *base)) return out;  // nothing changed here

    if (!theirs) {
        // Added here, or changed here and deleted on the server (or added here and deleted there after
        // an earlier sync of this working copy that was cut short).
        const bool deleted_there = base || in.server_version > 0;
        if (deleted_there) {
            const Resolution* r = resolution("");
            if (!r) {
                out.conflict = conflict_of(in, Conflict::Kind::EditedDeleted);
                for (auto& f : mine_fields(*mine))
                    if (!base || !same(mine, base, f)) out.conflict->fields.push_back({f, display_value(base, f), display_value(mine, f), "(deleted)"});
                return out;
            }
            if (r->side == Side::Theirs) return out;
        }
        out.write = insert_of(in, *mine);
        out.write->resolved = deleted_there;
        return out;
    }

    Write w;
    w.op = WrittenFeature::Op::Update;
    w.key = in.key;
    w.table = theirs->table;
    w.server_version = theirs->version;
    std::vector<FieldConflict> conflicts;
    for (const std::string& f : mine_fields(*mine)) {
        const bool changed_here = !base || !same(mine, base, f);
        if (!changed_here || same(mine, theirs, f)) continue;
        bool resolved_mine = false;
        // Changed here; on the server too (differently) unless it still has the base's value. With
        // no base (added here and there, a re-sync) every difference is one.
        if (!base || !same(theirs, base, f)) {
            const Resolution* r = resolution(f);
            if (!r) {
                conflicts.push_back({f, base ? display_value(base, f) : "(new)", display_value(mine, f), display_value(theirs, f)});
                continue;
            }
            if (r->side == Side::Theirs) continue;
            resolved_mine = true;
            w.resolved = true;
        }
        if (f == kGeometryField) {
            w.set_geometry = true;
            w.geometry_blob = mine->geometry_blob;
        } else {
            w.fields[f] = mine->fields.at(f);
        }
        w.log.push_back({f, logged(mine, f), logged(base, f), resolved_mine});
    }
    if (!conflicts.empty()) {
        out.conflict = conflict_of(in, Conflict::Kind::Fields);
        out.conflict->fields = std::move(conflicts);
        return out;
    }
    if (w.fields.empty() && !w.set_geometry) return out;
    if (w.set_geometry && in.layer->tables.size() > 1) {
        const std::string target = table_for_kind(*in.layer, kind_of(w.geometry_blob));
        if (target != theirs->table) {
            // The geometry changed kind: the feature moves to that kind's layer with all its fields.
            w.old_table = theirs->table;
            w.table = target;
            Fields all = theirs->fields;
            for (auto& [k, v] : w.fields) all[k] = v;
            w.fields = std::move(all);
        }
    }
    out.write = std::move(w);
    return out;
}

}  // namespace pc::plan
