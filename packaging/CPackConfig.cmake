# Installers: .deb and .tar.gz on Linux, a DragNDrop .dmg on macOS, an MSI (WiX) on Windows.
# `cmake --build build/release --target package` (after configuring with the release preset).
set(CPACK_PACKAGE_NAME "dkim-inspector")
set(CPACK_PACKAGE_VENDOR "DKIM Inspector")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Proves or disproves where an email came from (DKIM as evidence)")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "DKIM Inspector maintainers")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "DKIM Inspector")
set(CPACK_RESOURCE_FILE_README "${PROJECT_SOURCE_DIR}/README.md")

if(WIN32)
    set(CPACK_GENERATOR "WIX;ZIP")
    # Fixed: lets a newer MSI replace an older one.
    set(CPACK_WIX_UPGRADE_GUID "6B0F4B0E-3C55-4E0C-9E0B-6D4B1C2F7A19")
    set(CPACK_WIX_PRODUCT_ICON "${PROJECT_SOURCE_DIR}/resources/icons/dkim-inspector.ico")
    set(CPACK_PACKAGE_EXECUTABLES "dkim-inspector" "DKIM Inspector")
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
    set(CPACK_DMG_VOLUME_NAME "DKIM Inspector")
else()
    set(CPACK_GENERATOR "DEB;TGZ")
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_SECTION "mail")
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
endif()

include(CPack)
