// The shared-plan tests need a PostgreSQL + PostGIS server: scripts/pg-cluster.sh run starts one
// and sets PC_PG_URI. Without it they are skipped (exit 77), and under CI=true that is a failure.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
    if (!std::getenv("PC_PG_URI")) {
        const char* ci = std::getenv("CI");
        if (ci && std::strcmp(ci, "true") == 0) {
            std::fprintf(stderr, "no PostgreSQL server (PC_PG_URI unset): run under scripts/pg-cluster.sh run\n");
            return 1;
        }
        std::fprintf(stderr, "skipped: no PostgreSQL server (PC_PG_URI unset; scripts/pg-cluster.sh run DIR %s)\n", argv[0]);
        return 77;
    }
    return Catch::Session().run(argc, argv);
}
