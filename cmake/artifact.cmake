# Artifacts and local runs (src/artifact/, src/local/): the drivers embedded at
# build time, and their installed copies. Included by the top-level
# CMakeLists.txt once the library targets exist (libarchive, which they also
# need, is in its DSJ_PRIVATE_DEPS).

# drivers/ -> drivers_embedded.c, regenerated when a driver changes or is added.
set(DSJ_DRIVER_DIR ${PROJECT_SOURCE_DIR}/drivers)
file(GLOB DSJ_DRIVER_FILES CONFIGURE_DEPENDS ${DSJ_DRIVER_DIR}/*)
set(DSJ_DRIVERS_C ${PROJECT_BINARY_DIR}/generated/drivers_embedded.c)
add_custom_command(OUTPUT ${DSJ_DRIVERS_C}
  COMMAND ${CMAKE_COMMAND} -DINPUT_DIR=${DSJ_DRIVER_DIR} -DOUTPUT=${DSJ_DRIVERS_C}
          -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
  DEPENDS ${DSJ_DRIVER_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
  COMMENT "Embedding drivers/ into the library")
target_sources(dsjob_objects PRIVATE ${DSJ_DRIVERS_C})

if(DSJ_DRIVER_FILES)
  install(FILES ${DSJ_DRIVER_FILES} DESTINATION ${CMAKE_INSTALL_DATADIR}/dsjob/drivers)
endif()

# realpath() is XSI: these two files ask for it (the -include'd banned.h pulls in
# the system headers before any #define in the file could).
set_source_files_properties(${PROJECT_SOURCE_DIR}/src/artifact/art_unpack.c
  ${PROJECT_SOURCE_DIR}/src/local/local_run.c PROPERTIES COMPILE_DEFINITIONS _XOPEN_SOURCE=700)
