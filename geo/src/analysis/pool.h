#pragma once
// A thread-safe pool of objects that must not be used by two threads at once (GEOS contexts, PROJ
// transforms), and a lease that gives one back when it goes out of scope. Objects live as long as
// the pool.
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace pc::analysis {

template <class T>
class Pool {
public:
    explicit Pool(std::function<std::unique_ptr<T>()> make) : make_(std::move(make)) {}
    T* acquire() {
        {
            std::lock_guard lock(m_);
            if (!free_.empty()) {
                T* t = free_.back();
                free_.pop_back();
                return t;
            }
        }
        auto t = make_();
        std::lock_guard lock(m_);
        all_.push_back(std::move(t));
        return all_.back().get();
    }
    void release(T* t) {
        std::lock_guard lock(m_);
        free_.push_back(t);
    }

private:
    std::function<std::unique_ptr<T>()> make_;
    std::mutex m_;
    std::vector<std::unique_ptr<T>> all_;
    std::vector<T*> free_;
};

template <class T>
class Lease {
public:
    explicit Lease(Pool<T>& p) : p_(&p), t_(p.acquire()) {}
    ~Lease() {
        if (t_) p_->release(t_);
    }
    Lease(Lease&& o) noexcept : p_(o.p_), t_(o.t_) { o.t_ = nullptr; }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    T& operator*() const { return *t_; }
    T* operator->() const { return t_; }

private:
    Pool<T>* p_;
    T* t_;
};

}  // namespace pc::analysis
