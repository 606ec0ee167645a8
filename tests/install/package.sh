#!/bin/sh
# package.sh - `cpack -G DEB`: spcomm_<version>_<arch>.deb whose Depends
# name the shared libraries the program links (dpkg-shlibdeps) and the
# fonts, Recommends the sRGB profile; extracted into a scratch root, it
# renders from there what the build tree renders.
. "$(dirname "$0")/../cli/lib.inc"
. "$(dirname "$0")/lib.inc"

version=$("$spcomm" --version | sed 's/^spcomm //')
deb=$tmp/pkg/spcomm_${version}_$(dpkg --print-architecture).deb
(cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/pkg" >"$tmp/log" 2>&1)
expect "cpack -G DEB" 0 $?
[ -f "$deb" ] && ok "package named $(basename "$deb")" || { cat "$tmp/log"; ls "$tmp/pkg"; bad "no $deb"; finish; }

[ "$(dpkg-deb -f "$deb" Package)" = spcomm ] && ok "Package: spcomm" || bad "Package field"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] && ok "Version: $version" || bad "Version field"
depends=$(dpkg-deb -f "$deb" Depends)
# every shared library the program links (NEEDED) is provided by a
# package named in Depends (the list dpkg-shlibdeps made, not one written
# by hand)
for lib in $(objdump -p "$spcomm" | sed -n 's/^ *NEEDED *//p'); do
	path=$(ldd "$spcomm" | sed -n "s|^[[:space:]]*$lib => \([^ ]*\) .*|\1|p")
	case $lib in libasan*|libubsan*|liblsan*|libtsan*) continue ;; esac   # sanitizer builds
	pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -n 1 | sed 's/:.*//')
	[ -z "$pkg" ] && pkg=$(dpkg -S "$path" 2>/dev/null | head -n 1 | sed 's/:.*//')
	case ", $depends," in
	*", $pkg "*|*", $pkg,"*) ok "Depends names $pkg ($lib)" ;;
	*) bad "Depends lacks ${pkg:-the package of} $lib: $depends" ;;
	esac
done
for pkg in fonts-noto-core fonts-droid-fallback; do
	case ", $depends," in *", $pkg,"*) ok "Depends names $pkg" ;; *) bad "Depends lacks $pkg" ;; esac
done
[ "$(dpkg-deb -f "$deb" Recommends)" = icc-profiles-free ] && ok "Recommends: icc-profiles-free" \
	|| bad "Recommends: $(dpkg-deb -f "$deb" Recommends)"

dpkg-deb -x "$deb" "$tmp/root"
expect "dpkg-deb -x into a scratch root" 0 $?
check_tree "$tmp/root" package
finish
