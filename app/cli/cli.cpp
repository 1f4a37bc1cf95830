#include "cli.h"

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <thread>

#include <sys/resource.h>
#include <unistd.h>

#include "geo/error.h"
#include "geo/plan/plan.h"

namespace pc::cli {

std::optional<std::string> Args::get(const std::string& name) const {
    auto it = options.find(name);
    if (it == options.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> Args::all(const std::string& name) const {
    std::vector<std::string> out;
    auto [a, b] = options.equal_range(name);
    for (auto it = a; it != b; ++it) out.push_back(it->second);
    return out;
}

long long Args::integer(const std::string& name, long long fallback) const {
    auto v = get(name);
    if (!v) return fallback;
    try {
        std::size_t used = 0;
        long long n = std::stoll(*v, &used);
        if (used == v->size()) return n;
    } catch (const std::exception&) {
    }
    throw UsageError(name + " needs a whole number, not '" + *v + "'");
}

Args parse(const std::vector<std::string>& argv, const std::set<std::string>& with_value,
           const std::set<std::string>& flags) {
    Args a;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& s = argv[i];
        if (s == "-h" || s == "--help") {
            a.help = true;
            continue;
        }
        if (s == "--") {
            for (++i; i < argv.size(); ++i) a.positional.push_back(argv[i]);
            break;
        }
        if (s.size() > 1 && s[0] == '-') {
            std::string name = s, value;
            bool inline_value = false;
            if (auto eq = s.find('='); eq != std::string::npos) {
                name = s.substr(0, eq);
                value = s.substr(eq + 1);
                inline_value = true;
            }
            if (with_value.count(name)) {
                if (!inline_value) {
                    if (i + 1 >= argv.size()) throw UsageError(name + " needs a value");
                    value = argv[++i];
                }
                a.options.emplace(name, value);
            } else if (flags.count(name) && !inline_value) {
                a.flags.insert(name);
            } else {
                throw UsageError("unknown option '" + s + "'");
            }
            continue;
        }
        a.positional.push_back(s);
    }
    return a;
}

struct Progress::Ticker {
    std::mutex m;
    std::condition_variable cv;
    bool stop = false;
    std::thread thread;
};

Progress::Progress(std::string what) : what_(std::move(what)), start_(std::chrono::steady_clock::now()) {
    std::fprintf(stderr, "%s ...", what_.c_str());
    std::fflush(stderr);
    if (::isatty(STDERR_FILENO)) {
        ticker_ = new Ticker;
        ticker_->thread = std::thread([this] {
            std::unique_lock lock(ticker_->m);
            while (!ticker_->cv.wait_for(lock, std::chrono::seconds(1), [this] { return ticker_->stop; })) {
                std::fprintf(stderr, "\r%s ... %s", what_.c_str(), format_ms(elapsed_ms()).c_str());
                std::fflush(stderr);
            }
        });
    }
}

Progress::~Progress() {
    if (!finished_) {
        if (ticker_) {
            { std::lock_guard lock(ticker_->m); ticker_->stop = true; }
            ticker_->cv.notify_all();
            ticker_->thread.join();
            delete ticker_;
            ticker_ = nullptr;
        }
        std::fprintf(stderr, " failed\n");
    }
}

void Progress::done(const std::string& note) {
    if (finished_) return;
    finished_ = true;
    if (ticker_) {
        { std::lock_guard lock(ticker_->m); ticker_->stop = true; }
        ticker_->cv.notify_all();
        ticker_->thread.join();
        delete ticker_;
        ticker_ = nullptr;
        std::fprintf(stderr, "\r%s ...", what_.c_str());
    }
    std::fprintf(stderr, " done (%s)%s%s\n", format_ms(elapsed_ms()).c_str(), note.empty() ? "" : ": ", note.c_str());
}

double Progress::elapsed_ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
}

bool file_exists(const std::string& path) {
    std::error_code ec;
    return std::filesystem::exists(path, ec);
}

void require_file(const std::string& path, const std::string& what) {
    if (!file_exists(path)) throw InputError({path}, what + " does not exist");
}

void require_project(const std::string& path) {
    if (plan::is_plan_uri(path)) {
        plan::parse_plan_uri(path);  // a URI without a schema is refused before any work
        return;
    }
    require_file(path, "project file");
}

std::string project_stem(const std::string& path) {
    if (plan::is_plan_uri(path)) {
        const plan::PlanLocation loc = plan::parse_plan_uri(path);
        return loc.database() + "_" + loc.schema;
    }
    return std::filesystem::path(path).stem().string();
}

int run_command(const Command& cmd, const std::vector<std::string>& args) {
    try {
        return cmd.run(args);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "petacerdas %s: %s\nUsage: see 'petacerdas %s --help'\n", cmd.name, e.what(), cmd.name);
        return kUsage;
    } catch (const pc::InputError& e) {
        std::fprintf(stderr, "petacerdas %s: input error: %s\n", cmd.name, e.what());
        return kInput;
    } catch (const pc::GeosError& e) {
        std::fprintf(stderr, "petacerdas %s: geometry error: %s\n", cmd.name, e.what());
        return kInternal;
    } catch (const pc::GdalError& e) {
        std::fprintf(stderr, "petacerdas %s: GDAL error: %s\n", cmd.name, e.what());
        return kInternal;
    } catch (const pc::IoError& e) {
        std::fprintf(stderr, "petacerdas %s: I/O error: %s\n", cmd.name, e.what());
        return kInternal;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "petacerdas %s: internal error: %s\n", cmd.name, e.what());
        return kInternal;
    }
}

double process_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

long minor_page_faults() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_minflt;
}

std::string format_ms(double ms) {
    char buf[32];
    if (ms < 1000) std::snprintf(buf, sizeof buf, "%.0f ms", ms);
    else std::snprintf(buf, sizeof buf, "%.1f s", ms / 1000);
    return buf;
}

}  // namespace pc::cli
