#include "geo/doc/context_commands.h"

#include <stdexcept>
#include <utility>

#include "list_command.h"

namespace pc {
namespace {

std::size_t require(const Project& p, const Uuid& id) {
    long i = find_context_layer(p.context_layers, id);
    if (i < 0) throw std::out_of_range("no context layer with id " + id);
    return std::size_t(i);
}

CommandPtr make(const Project& p, CommandKind kind, std::string verb, std::string subject, std::vector<ContextLayer> after) {
    return std::make_unique<doc_detail::ListCommand<ContextLayer>>(&Project::context_layers, DocLayer::Context,
                                                                   "context layer", kind, std::move(verb), std::move(subject),
                                                                   p.context_layers, std::move(after));
}

}  // namespace

CommandPtr add_context_layer(const Project& p, ContextLayer layer) {
    if (layer.id.empty()) layer.id = new_uuid();
    if (find_context_layer(p.context_layers, layer.id) >= 0)
        throw std::invalid_argument("a context layer with id " + layer.id + " exists already");
    auto after = p.context_layers;
    std::string name = layer.name;
    after.push_back(std::move(layer));
    return make(p, CommandKind::Add, "Add", std::move(name), std::move(after));
}

CommandPtr remove_context_layer(const Project& p, const Uuid& id) {
    const std::size_t i = require(p, id);
    auto after = p.context_layers;
    after.erase(after.begin() + long(i));
    return make(p, CommandKind::Delete, "Remove", p.context_layers[i].name, std::move(after));
}

CommandPtr update_context_layer(const Project& p, ContextLayer v) {
    const std::size_t i = require(p, v.id);
    auto after = p.context_layers;
    if (!v.features) v.features = after[i].features;
    std::string name = v.name;
    after[i] = std::move(v);
    return make(p, CommandKind::Update, "Restyle", std::move(name), std::move(after));
}

CommandPtr set_context_layer_visible(const Project& p, const Uuid& id, bool visible) {
    const std::size_t i = require(p, id);
    auto after = p.context_layers;
    after[i].visible = visible;
    return make(p, CommandKind::Update, visible ? "Show" : "Hide", p.context_layers[i].name, std::move(after));
}

CommandPtr move_context_layer_up(const Project& p, const Uuid& id) {
    const std::size_t i = require(p, id);
    const std::string& name = p.context_layers[i].name;
    return make(p, CommandKind::Move, "Move up", name, doc_detail::moved(p.context_layers, i, +1, "context layer '" + name + "'"));
}

CommandPtr move_context_layer_down(const Project& p, const Uuid& id) {
    const std::size_t i = require(p, id);
    const std::string& name = p.context_layers[i].name;
    return make(p, CommandKind::Move, "Move down", name, doc_detail::moved(p.context_layers, i, -1, "context layer '" + name + "'"));
}

}  // namespace pc
