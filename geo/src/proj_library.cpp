#include "proj_library.h"

#include <dlfcn.h>

#include <mutex>
#include <string>

#include "geo/error.h"

namespace pc {

const ProjLibrary& proj() {
    static ProjLibrary lib;
    static std::string failure;
    static std::once_flag once;
    std::call_once(once, [] {
        void* h = dlopen(PC_PROJ_SONAME, RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            const char* e = dlerror();
            failure = std::string("PROJ is not installed (" PC_PROJ_SONAME "): ") + (e ? e : "");
            return;
        }
#define PC_PROJ_LOAD(name)                                             \
    lib.name = reinterpret_cast<decltype(&::name)>(dlsym(h, #name)); \
    if (!lib.name && failure.empty()) failure = "PROJ has no function " #name;
        PC_PROJ_FUNCTIONS(PC_PROJ_LOAD)
#undef PC_PROJ_LOAD
    });
    if (!failure.empty()) throw GdalError(failure);
    return lib;
}

}  // namespace pc
