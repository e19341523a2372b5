# make_dist.cmake — run as `cmake -P`: copies the client (relais.js, .wasm:
# the fonts are inside) and our page scripts (relais.js, storage.js) into DIST_DIR under content-hashed names, then
# writes index.html and sw.js with those names and the build id filled in.
# Each hashed file also gets "<name>.br" at brotli's best level, which the
# server sends to browsers that accept br (a sixth smaller than gzip on the
# wasm). That level takes seconds, so results are kept in BROTLI_CACHE by name
# (the name holds the content hash).
cmake_policy(SET CMP0057 NEW)  # if(... IN_LIST ...) in a -P script
file(REMOVE_RECURSE "${DIST_DIR}")
file(MAKE_DIRECTORY "${DIST_DIR}/icons")

set(assets_json "{")
set(assets_list "'/', '/index.html', '/manifest.webmanifest', '/icons/relais.svg', '/icons/relais-192.png', '/icons/relais-512.png'")
set(all_hashes "")

# name ext source -> dist/name.HASH.ext
function(hashed name ext src out_var)
  file(SHA256 "${src}" h)
  string(SUBSTRING "${h}" 0 10 h)
  set(dest "${name}.${h}.${ext}")
  configure_file("${src}" "${DIST_DIR}/${dest}" COPYONLY)
  if(NOT EXISTS "${BROTLI_CACHE}/${dest}.br")
    file(MAKE_DIRECTORY "${BROTLI_CACHE}")
    execute_process(COMMAND "${BROTLI}" -q 11 -f -o "${BROTLI_CACHE}/${dest}.br.tmp" "${src}"
                    RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "brotli failed on ${src}")
    endif()
    file(RENAME "${BROTLI_CACHE}/${dest}.br.tmp" "${BROTLI_CACHE}/${dest}.br")
  endif()
  configure_file("${BROTLI_CACHE}/${dest}.br" "${DIST_DIR}/${dest}.br" COPYONLY)
  set(brotli_kept ${brotli_kept} "${BROTLI_CACHE}/${dest}.br" PARENT_SCOPE)
  set(${out_var} "${dest}" PARENT_SCOPE)
  set(all_hashes "${all_hashes}${h}" PARENT_SCOPE)
endfunction()

# src -> MIN_DIR/name.js minified (minify.cjs): the three scripts went from
# 32 KB to 21 KB of brotli, part of what keeps the app shell under 700 KB.
function(minified src name out_var)
  file(MAKE_DIRECTORY "${MIN_DIR}")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env NODE_PATH=/usr/share/nodejs
                          "${NODE}" "${SHELL_DIR}/minify.cjs" "${src}" "${MIN_DIR}/${name}.js"
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "minifying ${src} failed")
  endif()
  set(${out_var} "${MIN_DIR}/${name}.js" PARENT_SCOPE)
endfunction()

hashed(relais wasm "${CLIENT_DIR}/relais.wasm" wasm_name)
minified("${CLIENT_DIR}/relais.js" relais glue_js)
minified("${SHELL_DIR}/relais.js" relais-shell shell_js)
minified("${SHELL_DIR}/storage.js" relais-storage storage_js)
hashed(relais js "${glue_js}" js_name)
hashed(relais-shell js "${shell_js}" shell_name)
hashed(relais-storage js "${storage_js}" storage_name)
foreach(f index.html sw.js manifest.webmanifest icons/relais.svg icons/relais-192.png icons/relais-512.png)
  file(SHA256 "${SHELL_DIR}/${f}" h)
  set(all_hashes "${all_hashes}${h}")
endforeach()

string(SHA256 build "${all_hashes}")
string(SUBSTRING "${build}" 0 10 BUILD)
set(ASSETS_JSON "{\"relais.wasm\": \"${wasm_name}\"}")
set(ASSETS_LIST "[${assets_list}, '/${wasm_name}', '/${js_name}', '/${shell_name}', '/${storage_name}']")
set(SHELL_JS "${shell_name}")
set(STORAGE_JS "${storage_name}")
set(RELAIS_JS "${js_name}")

configure_file("${SHELL_DIR}/index.html" "${DIST_DIR}/index.html" @ONLY)
configure_file("${SHELL_DIR}/sw.js" "${DIST_DIR}/sw.js" @ONLY)
configure_file("${SHELL_DIR}/manifest.webmanifest" "${DIST_DIR}/manifest.webmanifest" COPYONLY)
foreach(f relais.svg relais-192.png relais-512.png)
  configure_file("${SHELL_DIR}/icons/${f}" "${DIST_DIR}/icons/${f}" COPYONLY)
endforeach()
file(WRITE "${DIST_DIR}/build.txt" "${BUILD}\n")
# Forget the compressed files of earlier builds.
file(GLOB brotli_all "${BROTLI_CACHE}/*.br")
foreach(f ${brotli_all})
  if(NOT f IN_LIST brotli_kept)
    file(REMOVE "${f}")
  endif()
endforeach()
message(STATUS "dist: build ${BUILD}")
