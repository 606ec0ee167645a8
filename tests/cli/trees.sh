#!/bin/sh
# trees.sh - the image of the data files' trees (src/ytree_image.h): the
# program renders the same bytes with it, without it and with a damaged
# one, and a data file edited after the build is read as edited, not as
# the image remembers it.
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1700000000
build=$(dirname "$(dirname "$spcomm")")
[ -s "$build/trees.bin" ] && ok "the build wrote trees.bin" || bad "no $build/trees.bin"

# render NAME ARGS...: spcomm render into $tmp/NAME.pdf
render() {
	name=$1
	shift
	"$@" render --force -o "$tmp/$name.pdf" cases/ua-detained-lawyer.yaml >/dev/null 2>"$tmp/err" &&
	    ok "$name: rendered" || bad "$name: $(cat "$tmp/err")"
}
render image "$spcomm"
SPCOMM_TREES= render none "$spcomm"
cmp -s "$tmp/image.pdf" "$tmp/none.pdf" && ok "the same bytes with the image and without" ||
    bad "the image changes the PDF"
head -c 3000 "$build/trees.bin" >"$tmp/short.bin"
SPCOMM_TREES=$tmp/short.bin render short "$spcomm"
cmp -s "$tmp/image.pdf" "$tmp/short.pdf" && ok "a truncated image is ignored" ||
    bad "a truncated image changes the PDF"
# every 997th byte of a copy changed: checked and ignored, or still right
perl -e 'local $/; my $b = <STDIN>; for (my $i = 500; $i < length $b; $i += 997) {
	substr($b, $i, 1) = chr(ord(substr($b, $i, 1)) ^ 0x10) } print $b' \
	<"$build/trees.bin" >"$tmp/damaged.bin"
SPCOMM_TREES=$tmp/damaged.bin render damaged "$spcomm"
cmp -s "$tmp/image.pdf" "$tmp/damaged.pdf" && ok "a damaged image is ignored" ||
    bad "a damaged image changes the PDF"
# an image that is not a file: a FIFO no one writes (must not block), a
# device, a directory
mkfifo "$tmp/fifo" 2>/dev/null
for t in "$tmp/fifo" /dev/zero "$tmp"; do
	SPCOMM_TREES=$t timeout 60 "$spcomm" render --force -o "$tmp/other.pdf" \
	    cases/ua-detained-lawyer.yaml >/dev/null 2>&1
	st=$?
	[ $st = 0 ] && cmp -s "$tmp/image.pdf" "$tmp/other.pdf" && ok "image $t: ignored" ||
	    bad "image $t: exit $st"
done

# a translator's edit, after the build: the catalog is parsed again
mkdir "$tmp/data" && cp -R forms locale "$tmp/data/"
sed 's/^sp-general.communication.requested_type.urgent_appeal: "Urgent appeal"$/sp-general.communication.requested_type.urgent_appeal: "Urgent appeal (edited)"/' \
	locale/en.yaml >"$tmp/data/locale/en.yaml"
cmp -s locale/en.yaml "$tmp/data/locale/en.yaml" && bad "the test's edit did not apply"
render edited "$spcomm" --data-dir "$tmp/data"
pdftotext "$tmp/edited.pdf" - | grep -q "^Urgent appeal (edited)$" &&
    ok "an edited catalog is read as edited" || bad "the edit is not in the PDF"
# a copy of the data: its files found in the image, the same bytes
cp locale/en.yaml "$tmp/data/locale/en.yaml"
render unedited "$spcomm" --data-dir "$tmp/data"
cmp -s "$tmp/image.pdf" "$tmp/unedited.pdf" && ok "a copy of the data, unedited, gives the same bytes" ||
    bad "a copy of the data gives other bytes"
finish
