#pragma once
// Work other threads hand back to the thread that owns a document (Tracy's RunQueue): a worker
// post()s a closure, the owner run()s what is queued once a frame, so results are taken in on the
// owner's thread only and never half-way through its own work.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace pc {

class RunQueue {
public:
    // From any thread.
    void post(std::function<void()> f) {
        {
            std::lock_guard lock(m_);
            q_.push_back(std::move(f));
        }
        cv_.notify_all();
    }
    // On the owner's thread: runs what was queued before the call, in order; how many ran.
    std::size_t run() {
        std::vector<std::function<void()>> now;
        {
            std::lock_guard lock(m_);
            now.swap(q_);
        }
        for (auto& f : now) f();
        return now.size();
    }
    // Blocks until something is queued (the owner waiting for a result it needs now).
    void wait() {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return !q_.empty(); });
    }

private:
    std::mutex m_;
    std::condition_variable cv_;
    std::vector<std::function<void()>> q_;
};

}  // namespace pc
