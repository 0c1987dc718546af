#!/usr/bin/env bash
# `cpack` makes the packages from a built tree, and each holds exactly what
# `cmake --install` installs: the same files, no build-folder paths in the CMake
# package or the .pc file (the tarball is relocatable), and a .deb that declares
# its Debian dependencies (libc6, libstdc++6, libgcc-s1) and a shlibs file.
#
#   check_packages.sh BUILD_DIR PACKAGES_DIR WORK_DIR
# Exit 77 (skipped) after checking the tarball where the .deb cannot be made
# (no dpkg-deb / dpkg-shlibdeps).
set -euo pipefail
build=$1 packages=$2 work=$3
fail() { echo "FAIL: $*"; exit 1; }

rm -rf "$packages" "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
cpack --config "$build/CPackConfig.cmake" -B "$packages" >"$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log"; fail "cpack"; }
rm -rf "$packages/_CPack_Packages"
ls -l "$packages"

cmake --install "$build" --prefix "$work/prefix" >/dev/null
(cd "$work/prefix" && find . ! -type d | sed 's|^\./||' | sort) >"$work/installed.txt"
echo "cmake --install: $(wc -l <"$work/installed.txt") files"

tgz=$(ls "$packages"/lance-bridge-*.tar.gz)
top=$(basename "$tgz" .tar.gz)
tar -tzvf "$tgz" | awk '$1 !~ /^d/ {print $6}' | sed "s|^$top/||" | sort >"$work/tgz.txt"
diff -u "$work/installed.txt" "$work/tgz.txt" || fail "the tarball's files are not those cmake --install installs"
mkdir "$work/untarred"
tar -xzf "$tgz" -C "$work/untarred"
status=0
grep -rlF -e "$build" -e "$(cd "$build" && pwd -P)" "$work/untarred/$top/lib/cmake" "$work/untarred/$top/lib/pkgconfig" || status=$?
case $status in
  0) fail "the tarball's CMake package or .pc file names the build folder" ;;
  1) ;;
  *) fail "cannot read the tarball's lib/cmake or lib/pkgconfig" ;;
esac
echo "ok: $(basename "$tgz"): the installed files, relocatable"

deb=$(ls "$packages"/lance-bridge_*.deb 2>/dev/null || true)
if [ -z "$deb" ]; then
  echo "skipped: no .deb made (dpkg-deb and dpkg-shlibdeps, from dpkg-dev, are needed); the tarball passed"
  exit 77
fi
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $6}' | sed 's|^\./usr/||' | sort >"$work/deb.txt"
diff -u "$work/installed.txt" "$work/deb.txt" || fail "the .deb's files are not those cmake --install installs"
depends=$(dpkg-deb -f "$deb" Depends)
for library in libc6 libstdc++6 libgcc-s1; do
  [[ $depends =~ (^|,\ )"$library"(\ |,|$) ]] || fail "the .deb's Depends ($depends) lacks $library"
done
dpkg-deb -I "$deb" shlibs | grep -q "^liblance_bridge 0 lance-bridge" || fail "the .deb has no shlibs entry for liblance_bridge"
# What apt announces it will take: within 5 % of what the files take.
declared=$(dpkg-deb -f "$deb" Installed-Size)
actual=$(du -sk --apparent-size "$work/prefix" | cut -f1)
(( declared * 100 >= actual * 95 && declared * 100 <= actual * 105 )) \
  || fail "the .deb declares Installed-Size $declared KiB; its files take $actual KiB"
echo "ok: $(basename "$deb"): the installed files under /usr, Depends: $depends, Installed-Size: $declared KiB"
