#pragma once
// Every visible string goes through tr(): the English text is the key, Bahasa Indonesia the default
// language. Switchable while running. Untranslated keys show as they are (and a test lists them).
#include <string>
#include <vector>

namespace pc::gui {

enum class Language { Indonesian, English };

void set_language(Language lang);
Language language();

// The text in the current language.
const char* tr(const char* english);
// tr() plus a stable ImGui id: "Lapisan###Layers".
std::string trid(const char* english);

// Whole people, thousands separated as the language writes them (Indonesian 1.234, English 1,234).
std::string format_count(double v);

// All keys of the table (for the completeness test).
std::vector<std::string> translation_keys();
bool has_translation(const char* english);

// Names of model enums in the current language.
const char* pillar_name(int pillar);
const char* element_name(int element);
const char* status_name(int status);

}  // namespace pc::gui
