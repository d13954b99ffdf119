# ctest cli.shared_deps: with DSJ_STATIC_CLI, dsjob is a static PIE (no
# dynamic loader, no shared object) without the OCI client in it, and the
# dsjob-oci helper it hands the OCI commands to loads no shared object but libc
# (and ld.so, the vDSO) and exports no symbol of the archives linked into it
# (so a dlopened libcurl's own libcrypto never binds to ours).
# Run as cmake -DDSJOB=... -DDSJOB_OCI=... -DSTATIC_CLI=ON|OFF -P shared_deps.cmake.
if(NOT STATIC_CLI)
  message("SKIP: DSJ_STATIC_CLI is off (sanitizers, valgrind, a shared libdsjob or missing "
          "archives): dsjob is one dynamically linked program and may load any library")
  return()
endif()
# Runs a tool on a file, its output into `var`; fails the test if it fails.
function(tool_output var)
  execute_process(COMMAND ${ARGN} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${ARGN} failed (${rc}): ${out}")
  endif()
  set(${var} "${out}" PARENT_SCOPE)
endfunction()

# dsjob: no PT_INTERP, no DT_NEEDED, no OCI code
tool_output(out readelf -lWd ${DSJOB})
if(out MATCHES "INTERP|\\(NEEDED\\)[^\n]*")
  message(FATAL_ERROR "dsjob is not statically linked: ${CMAKE_MATCH_0}\n${out}")
endif()
if(NOT out MATCHES "file type is DYN")
  message(FATAL_ERROR "dsjob is not a position-independent executable:\n${out}")
endif()
tool_output(syms nm ${DSJOB})
if(syms MATCHES "[ \n](dsj_oci_|curl_|EVP_)[A-Za-z0-9_]*")
  message(FATAL_ERROR "dsjob holds OCI client code: ${CMAKE_MATCH_0}")
endif()

# dsjob-oci: libc only, nothing exported
tool_output(out ldd ${DSJOB_OCI})
string(REPLACE "\n" ";" lines "${out}")
foreach(line IN LISTS lines)
  string(STRIP "${line}" line)
  if(line STREQUAL "")
    continue()
  endif()
  if(NOT line MATCHES "^(linux-vdso\\.so\\.1|libc\\.so\\.6|/lib[^ ]*/ld-linux[^ ]*\\.so\\.[0-9]+) ")
    message(FATAL_ERROR "dsjob-oci loads more than libc: '${line}'\nldd:\n${out}")
  endif()
endforeach()
tool_output(syms nm -D --defined-only ${DSJOB_OCI})
if(syms MATCHES "[ \n](EVP_|SSL_|CRYPTO_|OPENSSL_|curl_|archive_|yaml_|ZSTD_|lzma_|BZ2_|deflate|inflate)[A-Za-z0-9_]*")
  message(FATAL_ERROR "dsjob-oci exports a library symbol: ${CMAKE_MATCH_0}\n${syms}")
endif()
message("dsjob is a static PIE without the OCI client; dsjob-oci loads only libc; ldd:\n${out}")
