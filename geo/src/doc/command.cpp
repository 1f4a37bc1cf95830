#include "geo/doc/command.h"

#include <algorithm>
#include <stdexcept>
#include <type_traits>

#include "geo/bounds.h"

namespace pc {
namespace {

// How each editable layer is reached and named; one template serves all three.
template <class T> struct LayerTraits;
template <> struct LayerTraits<Initiative> {
    static constexpr DocLayer layer = DocLayer::Initiatives;
    static constexpr const char* noun = "initiative";
    static std::vector<Initiative>& items(Project& p) { return p.initiatives; }
    static const std::vector<Initiative>& items(const Project& p) { return p.initiatives; }
    static std::optional<ServiceFeature> service(const Project&, const Initiative& i) { return service_feature(i); }
};
template <> struct LayerTraits<Facility> {
    static constexpr DocLayer layer = DocLayer::Facilities;
    static constexpr const char* noun = "facility";
    static std::vector<Facility>& items(Project& p) { return p.facilities; }
    static const std::vector<Facility>& items(const Project& p) { return p.facilities; }
    static std::optional<ServiceFeature> service(const Project& p, const Facility& f) { return service_feature(p, f); }
};
template <> struct LayerTraits<Zone> {
    static constexpr DocLayer layer = DocLayer::Zones;
    static constexpr const char* noun = "zone";
    static std::vector<Zone>& items(Project& p) { return p.zones; }
    static const std::vector<Zone>& items(const Project& p) { return p.zones; }
    static std::optional<ServiceFeature> service(const Project&, const Zone&) { return std::nullopt; }
};

template <class T>
long index_of(const std::vector<T>& v, const Uuid& id) {
    for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i].id == id) return long(i);
    return -1;
}

// Replaces the feature at `index`: before = nullopt is an add (inserted at index), after = nullopt a
// delete. Revert puts back exactly what was there.
template <class T>
class ReplaceCommand final : public Command {
    using Tr = LayerTraits<T>;

public:
    ReplaceCommand(CommandKind kind, std::size_t index, std::optional<T> before, std::optional<T> after)
        : kind_(kind), index_(index), before_(std::move(before)), after_(std::move(after)) {}

    void apply(Project& p) override { set(p, before_, after_); }
    void revert(Project& p) override { set(p, after_, before_); }
    CommandKind kind() const override { return kind_; }
    DocLayer layer() const override { return Tr::layer; }
    std::string subject() const override { return after_ ? after_->name : before_ ? before_->name : std::string(); }
    std::string label() const override {
        const char* verb = kind_ == CommandKind::Add ? "Add" : kind_ == CommandKind::Move ? "Move"
                         : kind_ == CommandKind::Delete ? "Delete" : "Edit";
        return std::string(verb) + " " + Tr::noun + " '" + subject() + "'";
    }
    std::vector<FeatureChange> service_changes(const Project& p) const override {
        std::optional<ServiceFeature> b = before_ ? Tr::service(p, *before_) : std::nullopt;
        std::optional<ServiceFeature> a = after_ ? Tr::service(p, *after_) : std::nullopt;
        if (!b && !a) return {};
        // A feature that changes service (another facility type) leaves one and joins the other.
        if (b && a && b->service != a->service) return {FeatureChange{b, std::nullopt}, FeatureChange{std::nullopt, a}};
        if (b && a && b->geometry == a->geometry && b->radius_m == a->radius_m) return {};  // attributes only
        return {FeatureChange{std::move(b), std::move(a)}};
    }
    bool needs_engine_rebuild() const override {
        if constexpr (std::is_same_v<T, Zone>) return true;
        else return false;
    }

private:
    void set(Project& p, const std::optional<T>& from, const std::optional<T>& to) {
        auto& v = Tr::items(p);
        if (from && to) {
            if (index_ >= v.size() || v[index_].id != from->id) throw std::logic_error("command applied out of order");
            v[index_] = *to;
        } else if (to) {
            if (index_ > v.size()) throw std::logic_error("command applied out of order");
            v.insert(v.begin() + long(index_), *to);
        } else if (from) {
            if (index_ >= v.size() || v[index_].id != from->id) throw std::logic_error("command applied out of order");
            v.erase(v.begin() + long(index_));
        }
    }

    CommandKind kind_;
    std::size_t index_;
    std::optional<T> before_;
    std::optional<T> after_;
};

template <class T>
std::size_t require(const Project& p, const Uuid& id) {
    long i = index_of(LayerTraits<T>::items(p), id);
    if (i < 0) throw std::out_of_range(std::string("no ") + LayerTraits<T>::noun + " with id " + id);
    return std::size_t(i);
}

template <class T>
CommandPtr make_update(const Project& p, T value, CommandKind kind = CommandKind::Update) {
    std::size_t i = require<T>(p, value.id);
    return std::make_unique<ReplaceCommand<T>>(kind, i, LayerTraits<T>::items(p)[i], std::move(value));
}

template <class T>
CommandPtr make_move(const Project& p, const Uuid& id, double dx, double dy) {
    std::size_t i = require<T>(p, id);
    T moved = LayerTraits<T>::items(p)[i];
    moved.geometry.translate(dx, dy);
    return make_update<T>(p, std::move(moved), CommandKind::Move);
}

template <class T>
CommandPtr make_delete(const Project& p, const Uuid& id) {
    std::size_t i = require<T>(p, id);
    return std::make_unique<ReplaceCommand<T>>(CommandKind::Delete, i, LayerTraits<T>::items(p)[i], std::nullopt);
}

// An add made without a project appends: the index is fixed when first applied.
template <class T>
class AppendCommand final : public Command {
public:
    explicit AppendCommand(T value) : value_(std::move(value)) {}
    void apply(Project& p) override {
        auto& v = LayerTraits<T>::items(p);
        if (!index_) index_ = v.size();
        if (*index_ > v.size()) throw std::logic_error("command applied out of order");
        v.insert(v.begin() + long(*index_), value_);
    }
    void revert(Project& p) override {
        auto& v = LayerTraits<T>::items(p);
        if (!index_ || *index_ >= v.size() || v[*index_].id != value_.id) throw std::logic_error("command reverted out of order");
        v.erase(v.begin() + long(*index_));
    }
    CommandKind kind() const override { return CommandKind::Add; }
    DocLayer layer() const override { return LayerTraits<T>::layer; }
    std::string subject() const override { return value_.name; }
    std::string label() const override { return std::string("Add ") + LayerTraits<T>::noun + " '" + value_.name + "'"; }
    std::vector<FeatureChange> service_changes(const Project& p) const override {
        auto a = LayerTraits<T>::service(p, value_);
        if (!a) return {};
        return {FeatureChange{std::nullopt, std::move(a)}};
    }
    bool needs_engine_rebuild() const override { return std::is_same_v<T, Zone>; }

private:
    T value_;
    std::optional<std::size_t> index_;
};

template <class T>
CommandPtr make_append(T value) {
    if (value.id.empty()) value.id = new_uuid();
    return std::make_unique<AppendCommand<T>>(std::move(value));
}

class BatchCommand final : public Command {
public:
    BatchCommand(std::vector<CommandPtr> cs, std::string label) : cs_(std::move(cs)), label_(std::move(label)) {}
    void apply(Project& p) override {
        for (auto& c : cs_) c->apply(p);
    }
    void revert(Project& p) override {
        for (auto it = cs_.rbegin(); it != cs_.rend(); ++it) (*it)->revert(p);
    }
    CommandKind kind() const override { return CommandKind::Batch; }
    DocLayer layer() const override {
        // The first sub-command's layer; a mixed batch asks for a rebuild of each (see Document).
        return cs_.empty() ? DocLayer::Initiatives : cs_.front()->layer();
    }
    std::vector<DocLayer> layers() const override {
        std::vector<DocLayer> all;
        for (auto& c : cs_)
            for (auto l : c->layers())
                if (std::find(all.begin(), all.end(), l) == all.end()) all.push_back(l);
        return all;
    }
    std::string subject() const override { return ""; }
    std::string label() const override { return label_; }
    std::vector<FeatureChange> service_changes(const Project& p) const override {
        std::vector<FeatureChange> all;
        for (auto& c : cs_) {
            auto part = c->service_changes(p);
            for (auto& ch : part) all.push_back(std::move(ch));
        }
        return all;
    }
    bool needs_engine_rebuild() const override {
        for (auto& c : cs_)
            if (c->needs_engine_rebuild()) return true;
        return false;
    }
private:
    std::vector<CommandPtr> cs_;
    std::string label_;
};

}  // namespace

std::string Command::label() const { return subject(); }

// Numbers enter the model within its bounds (geo/bounds.h): a bad one throws InputError here.
CommandPtr add_initiative(Initiative v) {
    validate_initiative(v, {"", "initiatives", v.name});
    return make_append(std::move(v));
}
CommandPtr update_initiative(const Project& p, Initiative v) {
    validate_initiative(v, {"", "initiatives", v.name});
    return make_update(p, std::move(v));
}
CommandPtr move_initiative(const Project& p, const Uuid& id, double dx, double dy) { return make_move<Initiative>(p, id, dx, dy); }
CommandPtr delete_initiative(const Project& p, const Uuid& id) { return make_delete<Initiative>(p, id); }

CommandPtr add_facility(Facility v) {
    validate_facility(v, {"", "facilities", v.name});
    return make_append(std::move(v));
}
CommandPtr update_facility(const Project& p, Facility v) {
    validate_facility(v, {"", "facilities", v.name});
    return make_update(p, std::move(v));
}
CommandPtr move_facility(const Project& p, const Uuid& id, double dx, double dy) { return make_move<Facility>(p, id, dx, dy); }
CommandPtr delete_facility(const Project& p, const Uuid& id) { return make_delete<Facility>(p, id); }

CommandPtr add_zone(Zone v) { return make_append(std::move(v)); }
CommandPtr update_zone(const Project& p, Zone v) { return make_update(p, std::move(v)); }
CommandPtr move_zone(const Project& p, const Uuid& id, double dx, double dy) { return make_move<Zone>(p, id, dx, dy); }
CommandPtr delete_zone(const Project& p, const Uuid& id) { return make_delete<Zone>(p, id); }

CommandPtr batch(std::vector<CommandPtr> commands, std::string label) {
    return std::make_unique<BatchCommand>(std::move(commands), std::move(label));
}

long find_initiative(const Project& p, const Uuid& id) { return index_of(p.initiatives, id); }
long find_facility(const Project& p, const Uuid& id) { return index_of(p.facilities, id); }
long find_zone(const Project& p, const Uuid& id) { return index_of(p.zones, id); }

}  // namespace pc
