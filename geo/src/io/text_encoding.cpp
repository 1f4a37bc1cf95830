// Text that is not valid UTF-8 (old Shapefiles, spreadsheets saved on Windows) is recoded.
#include <cpl_string.h>

#include "io_internal.h"

namespace pc::io {

bool is_valid_utf8(const std::string& s) {
    std::size_t i = 0, n = s.size();
    while (i < n) {
        auto c = static_cast<unsigned char>(s[i]);
        int len;
        std::uint32_t cp;
        if (c < 0x80) { ++i; continue; }
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return false;
        if (i + std::size_t(len) > n) return false;
        for (int k = 1; k < len; ++k) {
            auto cc = static_cast<unsigned char>(s[i + std::size_t(k)]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and out-of-range code points are not UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += std::size_t(len);
    }
    return true;
}

std::string recode_to_utf8(const std::string& s, const std::string& encoding) {
    std::string from = encoding.empty() ? "CP1252" : encoding;
    char* r = CPLRecode(s.c_str(), from.c_str(), CPL_ENC_UTF8);
    std::string out = r ? r : "";
    CPLFree(r);
    if (!is_valid_utf8(out)) {  // unknown encoding name: fall back to Latin-1, which always decodes
        r = CPLRecode(s.c_str(), CPL_ENC_ISO8859_1, CPL_ENC_UTF8);
        out = r ? r : "";
        CPLFree(r);
    }
    return out;
}

}  // namespace pc::io
