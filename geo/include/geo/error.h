#pragma once
// Typed errors of the core. Every error that comes from user data names where it came from
// (file, layer, feature, field) so the message can be acted on.
#include <stdexcept>
#include <string>

namespace pc {

struct Where {
    std::string file;
    std::string layer;
    std::string feature;  // fid, code or name: whatever identifies it to a user
    std::string field;
    std::string describe() const;  // "file 'x.gpkg', layer 'desa', feature 12, field 'pop'"
};

// Input that cannot be used: the command refuses it and writes nothing.
class InputError : public std::runtime_error {
public:
    InputError(Where where, const std::string& what);
    const Where& where() const { return where_; }
    const std::string& reason() const { return reason_; }

private:
    Where where_;
    std::string reason_;
};

// A GEOS call failed; carries GEOS's own message.
class GeosError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Long work stopped because its caller asked it to (WorkControl::cancel).
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

// A file could not be written (disk full, permissions, a failed fsync or rename, SQLite refusing a
// write): carries the system's or SQLite's message and the file.
class IoError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A GDAL/OGR/PROJ call failed; carries CPLGetLastErrorMsg().
class GdalError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace pc
