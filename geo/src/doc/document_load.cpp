#include "geo/doc/document_load.h"

#include <stdexcept>
#include <utility>

namespace pc {

DocumentLoad::DocumentLoad(std::string path, Make make) : path_(std::move(path)) {
    board_.begin(WorkKind::Load, "reading");
    thread_ = std::thread([this, make = std::move(make)] {
        WorkControl control;
        control.progress = [this](double fraction, const char* step) { board_.report(fraction, step); };
        control.cancel = &cancel_;
        try {
            doc_ = make(control);
            if (!doc_) throw std::logic_error("opening produced no document");
        } catch (...) {
            doc_.reset();
            error_ = std::current_exception();
        }
        board_.end();
        done_.store(true, std::memory_order_release);
    });
}

DocumentLoad::~DocumentLoad() {
    cancel_ = true;
    if (thread_.joinable()) thread_.join();
}

std::unique_ptr<Document> DocumentLoad::take() {
    if (!done()) throw std::logic_error("DocumentLoad::take before done()");
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
    return std::move(doc_);
}

}  // namespace pc
