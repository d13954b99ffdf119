# libdsjob's private dependencies, found through pkg-config. Included by the
# build and by the installed dsjobConfig.cmake, so both find them the same way.
# Each dependency is written NAME=MODULE (e.g. YAML=yaml-0.1) and becomes the
# imported target PkgConfig::NAME.

# Finds each NAME=MODULE; out_targets gets the targets, out_missing the modules
# that were not found.
function(dsj_find_private_deps out_targets out_missing)
  set(targets "")
  set(missing "")
  foreach(dep IN LISTS ARGN)
    string(REPLACE "=" ";" name_module "${dep}")
    list(GET name_module 0 name)
    list(GET name_module 1 module)
    pkg_check_modules(${name} QUIET IMPORTED_TARGET ${module})
    if(${name}_FOUND)
      list(APPEND targets PkgConfig::${name})
    else()
      list(APPEND missing ${module})
    endif()
  endforeach()
  set(${out_targets} ${targets} PARENT_SCOPE)
  set(${out_missing} ${missing} PARENT_SCOPE)
endfunction()

# The modules alone, comma-separated, as pkg-config's Requires.private takes them.
function(dsj_pc_modules out)
  set(modules "")
  foreach(dep IN LISTS ARGN)
    string(REGEX REPLACE "^[^=]*=" "" module "${dep}")
    list(APPEND modules ${module})
  endforeach()
  list(JOIN modules ", " text)
  set(${out} "${text}" PARENT_SCOPE)
endfunction()
