// Plan URIs, errors and role names.
#include <algorithm>
#include <cctype>

#include "geo/plan/plan.h"

namespace pc::plan {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool plain_name(const std::string& s) {
    if (s.empty() || s.size() > 40 || !(std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '_'; });
}

// The URI without a password (userinfo "user:secret@" and a password= parameter).
std::string without_password(std::string uri) {
    const auto scheme = uri.find("://");
    if (scheme != std::string::npos) {
        const auto start = scheme + 3;
        const auto end = uri.find_first_of("/?", start);
        const auto at = uri.rfind('@', end == std::string::npos ? std::string::npos : end);
        if (at != std::string::npos && at > start) {
            const auto colon = uri.find(':', start);
            if (colon != std::string::npos && colon < at) uri.erase(colon, at - colon);
        }
    }
    const auto q = uri.find('?');
    if (q == std::string::npos) return uri;
    std::string query = uri.substr(q + 1), kept;
    std::size_t i = 0;
    while (i <= query.size()) {
        const auto amp = std::min(query.find('&', i), query.size());
        const std::string part = query.substr(i, amp - i);
        if (!part.empty() && !starts_with(part, "password=")) kept += (kept.empty() ? "" : "&") + part;
        i = amp + 1;
    }
    return uri.substr(0, q) + (kept.empty() ? "" : "?" + kept);
}

}  // namespace

ServerError::ServerError(const std::string& what, std::string sqlstate)
    : IoError(what), sqlstate_(std::move(sqlstate)) {}

Refused::Refused(Where where, const std::string& what, std::string database_message)
    : InputError(std::move(where), what), database_message_(std::move(database_message)) {}

bool is_plan_uri(std::string_view text) { return starts_with(text, "postgresql://") || starts_with(text, "postgres://"); }

PlanLocation parse_plan_uri(const std::string& uri) {
    if (!is_plan_uri(uri)) throw InputError({uri}, "not a shared plan: a plan is named postgresql://host/database?schema=NAME");
    PlanLocation loc;
    const auto q = uri.find('?');
    std::string base = uri.substr(0, q), kept;
    if (q != std::string::npos) {
        const std::string query = uri.substr(q + 1);
        std::size_t i = 0;
        while (i <= query.size()) {
            const auto amp = std::min(query.find('&', i), query.size());
            const std::string part = query.substr(i, amp - i);
            if (starts_with(part, "schema=")) loc.schema = part.substr(7);
            else if (!part.empty()) kept += (kept.empty() ? "" : "&") + part;
            i = amp + 1;
        }
    }
    if (loc.schema.empty())
        throw InputError({without_password(uri)}, "no schema: add ?schema=NAME (the plan's schema in the database)");
    if (!plain_name(loc.schema))
        throw InputError({without_password(uri)}, "schema '" + loc.schema +
                                                      "' is not a plain name (lower-case letters, digits and _, "
                                                      "starting with a letter, at most 40 characters)");
    loc.conninfo = base + (kept.empty() ? "" : "?" + kept);
    return loc;
}

std::string PlanLocation::uri() const {
    const std::string u = without_password(conninfo);
    return u + (u.find('?') == std::string::npos ? "?" : "&") + "schema=" + schema;
}

std::string PlanLocation::database() const {
    const auto scheme = conninfo.find("://");
    const auto slash = conninfo.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    if (slash == std::string::npos) return "";
    const auto end = conninfo.find('?', slash);
    return conninfo.substr(slash + 1, end == std::string::npos ? std::string::npos : end - slash - 1);
}

const char* to_key(RoleKind k) {
    switch (k) {
        case RoleKind::Coordinator: return "coordinator";
        case RoleKind::Opd: return "opd";
        case RoleKind::Viewer: return "viewer";
    }
    return "?";
}

std::string role_slug(const std::string& opd) {
    std::string out;
    for (unsigned char c : opd) {
        if (std::isalnum(c)) out += char(std::tolower(c));
        else if (!out.empty() && out.back() != '_') out += '_';
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out.empty() ? "opd" : out;
}

std::vector<PlanRole> plan_roles_for(const std::string& schema, const std::vector<std::string>& opd_list) {
    std::vector<PlanRole> out;
    std::string coordinator = "Bappeda";
    for (auto& o : opd_list)
        if (role_slug(o) == "bappeda") coordinator = o;
    out.push_back({schema + "_bappeda", RoleKind::Coordinator, coordinator});
    for (auto& o : opd_list) {
        const std::string role = schema + "_" + role_slug(o);
        if (std::any_of(out.begin(), out.end(), [&](const PlanRole& r) { return r.role == role; })) continue;
        out.push_back({role, RoleKind::Opd, o});
    }
    if (std::none_of(out.begin(), out.end(), [&](const PlanRole& r) { return r.role == schema + "_viewer"; }))
        out.push_back({schema + "_viewer", RoleKind::Viewer, ""});
    return out;
}

}  // namespace pc::plan
