# The page, built to WebAssembly: Dear ImGui (its source fetched by web/setup into
# third_party/imgui), the views, the browser platform, and the folder a web server serves
# (build/site). Included from src/CMakeLists.txt when building with Emscripten.

set(imgui_dir "${PROJECT_SOURCE_DIR}/third_party/imgui")
if(NOT EXISTS "${imgui_dir}/imgui.cpp")
    message(FATAL_ERROR "Dear ImGui's source is missing from ${imgui_dir}: run web/setup first")
endif()

set(size_flags -Oz -flto -fno-exceptions -fno-rtti)
add_compile_definitions(NDEBUG IMGUI_DISABLE_DEMO_WINDOWS IMGUI_DISABLE_DEBUG_TOOLS
                        IMGUI_DISABLE_OBSOLETE_FUNCTIONS
                        JSON_NO_IO)

# ImGui 1.90.1 links its built-in font (ProggyClean: 12 KB of base85 text, 10.5 KB of the first
# load gzipped) for an atlas given no font, and has no switch to leave it out (1.92 added
# IMGUI_DISABLE_DEFAULT_FONT). The page always gives Noto Sans (the loader starts it with both
# faces or not at all), so imgui_draw.cpp is compiled from a copy with that text emptied. Should
# another version lay the file out otherwise, the original is compiled.
set(imgui_draw_source "${imgui_dir}/imgui_draw.cpp")
file(READ "${imgui_draw_source}" imgui_draw_text)
string(FIND "${imgui_draw_text}" "static const char proggy_clean_ttf_compressed_data_base85[" font_from)
string(FIND "${imgui_draw_text}" "static const char* GetDefaultCompressedFontDataTTFBase85()\n{"
       font_to REVERSE)
if(font_from GREATER 0 AND font_to GREATER font_from)
    string(SUBSTRING "${imgui_draw_text}" 0 ${font_from} head)
    string(SUBSTRING "${imgui_draw_text}" ${font_to} -1 tail)
    set(imgui_draw_source "${PROJECT_BINARY_DIR}/imgui_draw_no_default_font.cpp")
    file(WRITE "${imgui_draw_source}.new"
         "${head}static const char proggy_clean_ttf_compressed_data_base85[1] = \"\";\n\n${tail}")
    file(COPY_FILE "${imgui_draw_source}.new" "${imgui_draw_source}" ONLY_IF_DIFFERENT)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${imgui_dir}/imgui_draw.cpp")
else()
    message(STATUS "imgui_draw.cpp laid out otherwise: its built-in font stays in")
endif()

add_library(imgui STATIC
    "${imgui_dir}/imgui.cpp"
    "${imgui_draw_source}"
    "${imgui_dir}/imgui_tables.cpp"
    "${imgui_dir}/imgui_widgets.cpp")
target_include_directories(imgui SYSTEM PUBLIC "${imgui_dir}")
target_compile_options(imgui PRIVATE ${size_flags})
# The C library's scanf stays out of the page (its printf too: platform/libc_format.cpp): ImGui's
# .ini settings parser, which the page never runs, calls a sscanf of the page's that matches
# nothing.
set_source_files_properties("${imgui_dir}/imgui.cpp" "${imgui_dir}/imgui_tables.cpp"
                            PROPERTIES COMPILE_DEFINITIONS "sscanf=imgui_settings_sscanf")

add_library(tickets_ui STATIC
    ui/app_view.cpp
    ui/list_view.cpp
    ui/semantic.cpp
    ui/sign_in_view.cpp
    ui/theme.cpp
    ui/thread_view.cpp
    ui/widgets.cpp)
target_include_directories(tickets_ui PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}")
target_link_libraries(tickets_ui PUBLIC tickets_core imgui)
target_compile_options(tickets_ui PRIVATE ${size_flags} -Wall -Wextra)
target_compile_options(tickets_core PRIVATE ${size_flags})

set(platform_js
    "${CMAKE_CURRENT_SOURCE_DIR}/platform/a11y_bridge.js"
    "${CMAKE_CURRENT_SOURCE_DIR}/platform/browser.js"
    "${CMAKE_CURRENT_SOURCE_DIR}/platform/embed.js")
add_executable(tickets
    platform/a11y.cpp
    platform/browser.cpp
    platform/clipboard.cpp
    platform/dates.cpp
    platform/embed.cpp
    platform/fetch.cpp
    platform/libc_format.cpp
    platform/loader_data.cpp
    platform/location.cpp
    platform/log.cpp
    platform/main.cpp
    platform/renderer.cpp
    platform/stats.cpp
    platform/storage.cpp)
target_link_libraries(tickets PRIVATE tickets_ui)
target_compile_options(tickets PRIVATE ${size_flags} -Wall -Wextra)
set(exported_runtime "['addRunDependency','removeRunDependency','ccall','UTF8ToString','stringToUTF8','lengthBytesUTF8']")
target_link_options(tickets PRIVATE
    ${size_flags}
    -sASSERTIONS=0
    -sENVIRONMENT=web
    -sFETCH=1
    -sFETCH_SUPPORT_INDEXEDDB=0
    -sFILESYSTEM=0
    -sMALLOC=emmalloc
    -sALLOW_MEMORY_GROWTH=1
    -sMEMORY_GROWTH_GEOMETRIC_STEP=0.05
    -sINITIAL_MEMORY=16MB
    -sMIN_WEBGL_VERSION=2
    -sMAX_WEBGL_VERSION=2
    -sTEXTDECODER=2
    -sSUPPORT_LONGJMP=0
    -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0
    -sGL_TRACK_ERRORS=0
    -sGL_POOL_TEMP_BUFFERS=0
    "-sINCOMING_MODULE_JS_API=['canvas','locateFile','preRun','onAbort']"
    -sEXPORTED_RUNTIME_METHODS=${exported_runtime}
    "-sEXPORTED_FUNCTIONS=['_main','_malloc','_free']"
    "SHELL:--pre-js ${CMAKE_CURRENT_SOURCE_DIR}/platform/a11y_bridge.js"
    "SHELL:--pre-js ${CMAKE_CURRENT_SOURCE_DIR}/platform/browser.js"
    "SHELL:--pre-js ${CMAKE_CURRENT_SOURCE_DIR}/platform/embed.js")
set_target_properties(tickets PROPERTIES SUFFIX ".js" LINK_DEPENDS "${platform_js}")

# The font subset: Noto Sans from Debian's fonts-noto-core, cut to the ranges the page draws:
# Latin, Latin-1, Latin Extended-A (names in customers' text), the punctuation that text uses
# (dashes, quotes, bullet, ellipsis, narrow no-break space, per mille, guillemets), the euro, the
# trade mark sign, four arrows and the replacement character. The rest of General Punctuation,
# of the currency signs and of the arrows cost 9.5 KB gzipped of the first load (both faces).
set(font_dir /usr/share/fonts/truetype/noto)
set(font_unicodes U+0020-007E U+00A0-00FF U+0100-017F U+2010-2027 U+202F-203A U+20AC U+2122
                  U+2190-2193 U+FFFD)
string(JOIN "," font_unicodes ${font_unicodes})
set(fonts_out "")
foreach(face Regular Bold)
    set(out "${PROJECT_BINARY_DIR}/fonts/NotoSans-${face}.ttf")
    add_custom_command(
        OUTPUT "${out}"
        COMMAND /usr/bin/python3 -m fontTools.subset "${font_dir}/NotoSans-${face}.ttf"
                "--unicodes=${font_unicodes}" --no-hinting "--layout-features=" "--output-file=${out}"
        DEPENDS "${font_dir}/NotoSans-${face}.ttf"
        COMMENT "Cutting Noto Sans ${face} to the page's ranges")
    list(APPEND fonts_out "${out}")
endforeach()

# The JavaScript, minified with Debian's terser when it is installed (web/setup installs it):
# 3 KB less of the first load, gzipped. Without it, the page is the same, a little larger.
find_program(NODE_EXECUTABLE node)
set(page_js "$<TARGET_FILE:tickets>")
if(NODE_EXECUTABLE AND EXISTS /usr/share/nodejs/terser/package.json)
    set(page_js "${PROJECT_BINARY_DIR}/min/tickets.js")
    add_custom_command(
        OUTPUT "${page_js}"
        COMMAND "${CMAKE_COMMAND}" -E make_directory "${PROJECT_BINARY_DIR}/min"
        COMMAND "${CMAKE_COMMAND}" -E env NODE_PATH=/usr/share/nodejs
                "${NODE_EXECUTABLE}" "${PROJECT_SOURCE_DIR}/shell/minify.mjs"
                "$<TARGET_FILE:tickets>" "${page_js}"
        DEPENDS tickets "${PROJECT_SOURCE_DIR}/shell/minify.mjs"
        COMMENT "Minifying the page's JavaScript"
        VERBATIM)
else()
    message(STATUS "terser (Debian's node-terser) not found: the page's JavaScript is not minified")
endif()

# build/site: the page, with content-hashed names for what can be cached for long.
set(TICKETS_SITE_DIR "${PROJECT_SOURCE_DIR}/build/site" CACHE PATH
    "Where the page is assembled (a second build folder can use a second site folder)")
set(site_dir "${TICKETS_SITE_DIR}")
set(shell_dir "${PROJECT_SOURCE_DIR}/shell")
file(GLOB shell_files CONFIGURE_DEPENDS "${shell_dir}/*")
add_custom_command(
    OUTPUT "${site_dir}/index.html"
    COMMAND "${CMAKE_COMMAND}" "-DSITE=${site_dir}" "-DSHELL=${shell_dir}"
            "-DJS=${page_js}" "-DWASM=$<TARGET_FILE_DIR:tickets>/tickets.wasm"
            "-DFONT_REGULAR=${PROJECT_BINARY_DIR}/fonts/NotoSans-Regular.ttf"
            "-DFONT_BOLD=${PROJECT_BINARY_DIR}/fonts/NotoSans-Bold.ttf"
            -P "${shell_dir}/assemble.cmake"
    DEPENDS tickets "${page_js}" ${fonts_out} ${shell_files}
    COMMENT "Assembling the page in build/site"
    VERBATIM)
add_custom_target(site ALL DEPENDS "${site_dir}/index.html")
