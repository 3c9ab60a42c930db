cmake_minimum_required(VERSION 3.25)
# Writes build/site: the page's files, named by their content's hash where they can be cached
# for long (everything but index.html, config.json and embed.js, whose addresses must not
# change), and index.html pointing at them.
# Usage: cmake -DSITE=dir -DSHELL=dir -DJS=tickets.js -DWASM=tickets.wasm -DFONT_REGULAR=a.ttf
#              -DFONT_BOLD=b.ttf -P assemble.cmake

file(MAKE_DIRECTORY "${SITE}")
set(current "")

# Copies a file under its hashed name and sets `var` to that name.
function(hashed var source)
    file(MD5 "${source}" hash)
    string(SUBSTRING "${hash}" 0 10 hash)
    get_filename_component(stem "${source}" NAME_WLE)
    get_filename_component(ext "${source}" LAST_EXT)
    set(name "${stem}.${hash}${ext}")
    if(NOT EXISTS "${SITE}/${name}")
        file(COPY_FILE "${source}" "${SITE}/${name}")
    endif()
    set(${var} "${name}" PARENT_SCOPE)
    set(current ${current} "${name}" PARENT_SCOPE)
endfunction()

hashed(JS_NAME "${JS}")
hashed(WASM_NAME "${WASM}")
hashed(LOADER_NAME "${SHELL}/loader.js")
hashed(CSS_NAME "${SHELL}/app.css")
hashed(REGULAR_NAME "${FONT_REGULAR}")
hashed(BOLD_NAME "${FONT_BOLD}")

# Remove what earlier builds left.
file(GLOB old RELATIVE "${SITE}" "${SITE}/*.*.js" "${SITE}/*.*.wasm" "${SITE}/*.*.css"
     "${SITE}/*.*.ttf")
foreach(name ${old})
    list(FIND current "${name}" at)
    if(at EQUAL -1)
        file(REMOVE "${SITE}/${name}")
    endif()
endforeach()

file(COPY_FILE "${SHELL}/config.json" "${SITE}/config.json" ONLY_IF_DIFFERENT)
if(EXISTS "${SHELL}/embed.js")
    file(COPY_FILE "${SHELL}/embed.js" "${SITE}/embed.js" ONLY_IF_DIFFERENT)
endif()

file(READ "${SHELL}/index.html" page)
string(REPLACE "@JS@" "${JS_NAME}" page "${page}")
string(REPLACE "@WASM@" "${WASM_NAME}" page "${page}")
string(REPLACE "@LOADER@" "${LOADER_NAME}" page "${page}")
string(REPLACE "@CSS@" "${CSS_NAME}" page "${page}")
string(REPLACE "@FONT_REGULAR@" "${REGULAR_NAME}" page "${page}")
string(REPLACE "@FONT_BOLD@" "${BOLD_NAME}" page "${page}")
file(WRITE "${SITE}/index.html" "${page}")
