#include "geo/doc/view_commands.h"

#include <stdexcept>
#include <utility>

#include "list_command.h"

namespace pc {
namespace {

std::size_t require(const Project& p, const Uuid& id) {
    long i = find_view(p.views, id);
    if (i < 0) throw std::out_of_range("no view with id " + id);
    return std::size_t(i);
}

CommandPtr make(const Project& p, CommandKind kind, std::string verb, std::string subject, std::vector<View> after) {
    return std::make_unique<doc_detail::ListCommand<View>>(&Project::views, DocLayer::Views, "view", kind, std::move(verb),
                                                           std::move(subject), p.views, std::move(after));
}

CommandPtr move_by(const Project& p, const Uuid& id, int step, const char* verb) {
    const std::size_t i = require(p, id);
    return make(p, CommandKind::Move, verb, p.views[i].name, doc_detail::moved(p.views, i, step, "view '" + p.views[i].name + "'"));
}

}  // namespace

CommandPtr add_view(const Project& p, View v) { return add_view(p, std::move(v), p.views.size()); }

CommandPtr add_view(const Project& p, View v, std::size_t at) {
    if (v.id.empty()) v.id = new_uuid();
    if (find_view(p.views, v.id) >= 0) throw std::invalid_argument("a view with id " + v.id + " exists already");
    auto after = p.views;
    std::string name = v.name;
    after.insert(after.begin() + long(std::min(at, after.size())), std::move(v));
    return make(p, CommandKind::Add, "Add", std::move(name), std::move(after));
}

CommandPtr update_view(const Project& p, View v) {
    const std::size_t i = require(p, v.id);
    auto after = p.views;
    std::string name = v.name;
    after[i] = std::move(v);
    return make(p, CommandKind::Update, "Edit", std::move(name), std::move(after));
}

CommandPtr rename_view(const Project& p, const Uuid& id, std::string name) {
    const std::size_t i = require(p, id);
    auto after = p.views;
    after[i].name = name;
    return make(p, CommandKind::Update, "Rename", std::move(name), std::move(after));
}

CommandPtr delete_view(const Project& p, const Uuid& id) {
    const std::size_t i = require(p, id);
    auto after = p.views;
    after.erase(after.begin() + long(i));
    return make(p, CommandKind::Delete, "Delete", p.views[i].name, std::move(after));
}

CommandPtr move_view_up(const Project& p, const Uuid& id) { return move_by(p, id, -1, "Move up"); }
CommandPtr move_view_down(const Project& p, const Uuid& id) { return move_by(p, id, +1, "Move down"); }

}  // namespace pc
