#pragma once
// Opening a document off the owner's thread: reading a project or a district file takes seconds on a
// province, and the window must keep drawing (with progress) meanwhile. The owner polls done() once
// a frame and take()s the document; cancel() asks the reader to stop at its next check.
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "geo/doc/document.h"
#include "geo/doc/work_status.h"

namespace pc {

class DocumentLoad {
public:
    // `make` runs on a worker thread; it reports progress and checks for cancellation through the
    // WorkControl it is given. `path` is what is being opened (for the views).
    using Make = std::function<std::unique_ptr<Document>(const WorkControl&)>;
    DocumentLoad(std::string path, Make make);
    ~DocumentLoad();  // cancels and waits for the worker
    DocumentLoad(const DocumentLoad&) = delete;
    DocumentLoad& operator=(const DocumentLoad&) = delete;

    const std::string& path() const { return path_; }
    bool done() const { return done_.load(std::memory_order_acquire); }
    // Once done(): the document, or the exception the reader threw (rethrown). Only once.
    std::unique_ptr<Document> take();
    WorkStatus status() const { return board_.get(); }
    void cancel() { cancel_ = true; }

private:
    std::string path_;
    ProgressBoard board_;
    std::atomic<bool> cancel_{false};
    std::atomic<bool> done_{false};
    std::unique_ptr<Document> doc_;
    std::exception_ptr error_;
    std::thread thread_;
};

}  // namespace pc
