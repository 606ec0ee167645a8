#!/bin/sh
# package.sh - `cpack -G DEB`: spcomm_<version>_<arch>.deb whose Depends
# name the shared libraries the program links (dpkg-shlibdeps) and the
# fonts, Recommends the sRGB profile; extracted into a scratch root, it
# renders from there what the build tree renders; lintian finds no error
# or warning in it, and docs/packaging.md explains what else it says.
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
# every shared library the program and its e-mail module link (NEEDED)
# is provided by a package named in Depends (the list dpkg-shlibdeps
# made, not one written by hand)
mime=$(dirname "$spcomm")/spcomm_mime.so
for lib in $(objdump -p "$spcomm" "$mime" | sed -n 's/^ *NEEDED *//p' | sort -u); do
	path=$(ldd "$spcomm" "$mime" | sed -n "s|^[[:space:]]*$lib => \([^ ]*\) .*|\1|p" | head -n 1)
	# the dynamic loader (NEEDED where the program links libstdc++'s
	# archive, whose unwinder calls it): ldd gives its path alone
	[ -z "$path" ] && path=$(ldd "$spcomm" "$mime" |
	    sed -n "s|^[[:space:]]*\(/[^ ]*/$lib\) (.*|\1|p" | head -n 1)
	case $lib in libasan*|libubsan*|liblsan*|libtsan*) continue ;; esac   # sanitizer builds
	pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -n 1 | sed 's/:.*//')
	[ -z "$pkg" ] && pkg=$(dpkg -S "$path" 2>/dev/null | head -n 1 | sed 's/:.*//')
	case ", $depends," in
	*", $pkg "*|*", $pkg,"*) ok "Depends names $pkg ($lib)" ;;
	*) bad "Depends lacks ${pkg:-the package of} $lib: $depends" ;;
	esac
done
# the library the program loads with dlopen (src/gettextpo.h), which
# dpkg-shlibdeps does not see: the package that holds the soname it opens
po=$(dpkg -S "$(readlink -f "$(ldconfig -p | sed -n 's|.*libgettextpo\.so\.0 .*=> ||p' | head -n 1)")" \
    2>/dev/null | head -n 1 | sed 's/:.*//')
for pkg in fonts-noto-core fonts-droid-fallback ${po:-libgettextpo0}; do
	case ", $depends," in *", $pkg,"*) ok "Depends names $pkg" ;; *) bad "Depends lacks $pkg" ;; esac
done
[ "$(dpkg-deb -f "$deb" Recommends)" = icc-profiles-free ] && ok "Recommends: icc-profiles-free" \
	|| bad "Recommends: $(dpkg-deb -f "$deb" Recommends)"

dpkg-deb -x "$deb" "$tmp/root"
expect "dpkg-deb -x into a scratch root" 0 $?
check_tree "$tmp/root" package

# lintian, Debian's package checker, down to pedantic tags: no error, no
# warning, and each tag it still gives is one docs/packaging.md lists with
# the reason it is left
if objdump -p "$spcomm" | grep -q 'NEEDED *lib[a-z]*san'; then
	ok "lintian not run on a sanitizer build (docs/packaging.md)"
elif command -v lintian >/dev/null; then
	lintian --tag-display-limit 0 -E -I --pedantic "$deb" >"$tmp/lintian" 2>/dev/null
	grep -E '^[EW]: ' "$tmp/lintian" >"$tmp/lintian-ew" &&
	    bad "lintian errors or warnings: $(cat "$tmp/lintian-ew")" || ok "lintian: no error, no warning"
	for tag in $(sed -n 's/^[IPX]: spcomm[^:]*: \([a-z0-9-]*\).*/\1/p' "$tmp/lintian" | sort -u); do
		grep -q "^| \`$tag\` |" docs/packaging.md && ok "lintian tag $tag is documented" ||
		    bad "lintian tag $tag not in docs/packaging.md: $(grep -- "$tag" "$tmp/lintian" | head -n 1)"
	done
else
	bad "no lintian (Debian package lintian, in .ci/packages-test)"
fi
finish
