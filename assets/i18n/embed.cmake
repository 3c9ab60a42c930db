# Writes a C++ file holding each catalogue (assets/i18n/<lang>.json) as a string constant,
# so the page and the native tests read the same words without a file system.
# Usage: cmake -DOUT=file.cpp -DINPUTS="a.json,b.json" -P embed.cmake
string(REPLACE "," ";" INPUTS "${INPUTS}")
set(text "// Generated from assets/i18n by assets/i18n/embed.cmake. Do not edit.\n")
string(APPEND text "#include <string_view>\nnamespace core::catalogues {\n")
foreach(input ${INPUTS})
    get_filename_component(lang "${input}" NAME_WE)
    file(READ "${input}" body)
    string(APPEND text "extern const std::string_view ${lang};\n")
    string(APPEND text "const std::string_view ${lang} = R\"catalogue(${body})catalogue\";\n")
endforeach()
string(APPEND text "} // namespace core::catalogues\n")
file(WRITE "${OUT}.tmp" "${text}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
