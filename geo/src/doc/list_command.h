#pragma once
// Internal: an edit of a small list of the project (views, context layers) kept whole before and
// after, so undo restores exactly the list that was there.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "geo/doc/command.h"

namespace pc::doc_detail {

template <class T>
class ListCommand final : public Command {
public:
    using Member = std::vector<T> Project::*;
    ListCommand(Member list, DocLayer layer, const char* noun, CommandKind kind, std::string verb, std::string subject,
                std::vector<T> before, std::vector<T> after)
        : list_(list), layer_(layer), noun_(noun), kind_(kind), verb_(std::move(verb)), subject_(std::move(subject)),
          before_(std::move(before)), after_(std::move(after)) {}
    void apply(Project& p) override { set(p, before_, after_); }
    void revert(Project& p) override { set(p, after_, before_); }
    CommandKind kind() const override { return kind_; }
    DocLayer layer() const override { return layer_; }
    std::string subject() const override { return subject_; }
    std::string label() const override { return verb_ + " " + noun_ + " '" + subject_ + "'"; }
    std::vector<FeatureChange> service_changes(const Project&) const override { return {}; }

private:
    void set(Project& p, const std::vector<T>& from, const std::vector<T>& to) const {
        if (p.*list_ != from) throw std::logic_error(std::string(noun_) + " command applied out of order");
        p.*list_ = to;
    }
    Member list_;
    DocLayer layer_;
    const char* noun_;
    CommandKind kind_;
    std::string verb_, subject_;
    std::vector<T> before_, after_;
};

// The list with item i moved `step` places (towards the front when negative); out_of_range at an end.
template <class T>
std::vector<T> moved(const std::vector<T>& list, std::size_t i, int step, const std::string& what) {
    const long j = long(i) + step;
    if (j < 0 || j >= long(list.size())) throw std::out_of_range(what + " cannot move further");
    auto after = list;
    std::swap(after[i], after[std::size_t(j)]);
    return after;
}

}  // namespace pc::doc_detail
