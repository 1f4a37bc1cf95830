#pragma once
// Shared pieces of the petacerdas subcommands: argument parsing, progress on stderr, exit codes.
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace pc::cli {

// Exit codes: 0 ok, 1 bad usage, 2 bad input (InputError), 3 internal/GEOS/GDAL error, 4 sync
// conflicts to pick (nothing was sent).
enum Exit : int { kOk = 0, kUsage = 1, kInput = 2, kInternal = 3, kConflicts = 4 };

// Wrong command line: exit 1 with the subcommand's usage hint.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Args {
    std::vector<std::string> positional;
    std::multimap<std::string, std::string> options;  // "--out" -> "dir" (repeatable options keep every value)
    std::set<std::string> flags;                      // "--new"
    bool help = false;

    std::optional<std::string> get(const std::string& name) const;
    std::vector<std::string> all(const std::string& name) const;
    bool has(const std::string& flag) const { return flags.count(flag) > 0; }
    long long integer(const std::string& name, long long fallback) const;  // UsageError when not a number
};

// Parses `argv` after the subcommand name. Options in `with_value` take a value ("--out DIR" or
// "--out=DIR"); options in `flags` take none; "-h"/"--help" set `help`. Anything else starting
// with "-" is a UsageError.
Args parse(const std::vector<std::string>& argv, const std::set<std::string>& with_value,
           const std::set<std::string>& flags);

// A stage of work on stderr: "analyzing 150 desa ... done (12 ms)". On a terminal a ticker shows
// the elapsed time of long stages.
class Progress {
public:
    explicit Progress(std::string what);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    void done(const std::string& note = "");
    double elapsed_ms() const;

private:
    struct Ticker;
    std::string what_;
    std::chrono::steady_clock::time_point start_;
    bool finished_ = false;
    Ticker* ticker_ = nullptr;
};

bool file_exists(const std::string& path);
// Throws InputError naming the file when it does not exist.
void require_file(const std::string& path, const std::string& what = "file");
// A project: a file that must exist, or a shared plan (postgresql://..., read from the server).
void require_project(const std::string& path);
// What outputs named after the project start with: the file's stem, or "<database>_<schema>".
std::string project_stem(const std::string& path);
std::string format_ms(double ms);
// CPU time of the whole process so far (every thread; from exec, so the first reading includes
// loading the shared libraries), in milliseconds.
double process_cpu_ms();
// Minor page faults of the process so far (first touches of memory: part of what its CPU time buys).
long minor_page_faults();

struct Command {
    const char* name;
    const char* summary;
    const char* usage;  // full --help text
    int (*run)(const std::vector<std::string>& argv);
};

// Runs a subcommand with the arguments after its name, turning our errors into the exit codes
// above with a message on stderr.
int run_command(const Command& cmd, const std::vector<std::string>& args);

// One per file: cmd_<name>.cpp.
extern const Command kDemo, kImport, kAnalyze, kExport, kInfo, kLoadDistrict, kJoinPopulation, kRestore, kSuggest;
// The shared plan (PostgreSQL): cmd_publish, cmd_checkout, cmd_sync, cmd_history, cmd_grant.
extern const Command kPublish, kCheckout, kSync, kHistory, kGrant;
// Offscreen maps and the report (only with the map application's renderer, PC_HAVE_RENDER).
extern const Command kRender, kReport;

}  // namespace pc::cli
