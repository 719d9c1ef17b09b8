#!/bin/sh
# takedown hash: PDQ hashes of image files, and clear errors for files
# that are not usable images.
. ./lib-e2e.sh
IMG=$FIXTURES/images

# The scene is tests/fixtures/images/scene.jpg = pdq-vectors
# labelme-subset/q0122.jpg; its reference hash (C++ pdq-photo-hasher):
REF=cfb2009ddd21c6dab0046a7745b5984757a8a4535b3377aea2591d32b33ff940

check 'hash prints hash,quality,path like the reference tool' '
	cp "$IMG/scene.jpg" scene.jpg &&
	takedown hash scene.jpg >out &&
	echo "$REF,100,scene.jpg" >want &&
	cmp out want
'

check 'full-size decode gives the same line for a small photo' '
	takedown hash --full-size "$IMG/scene.jpg" >out &&
	grep_f "$REF,100,$IMG/scene.jpg" out
'

check 'PNG (palette) and WebP copies hash near the JPEG' '
	takedown hash "$IMG/scene.jpg" "$IMG/scene-pal.png" \
		"$IMG/scene.webp" >out &&
	test "$(wc -l <out)" -eq 3 &&
	cut -d, -f2 out | sort -u >q && echo 100 >wantq && cmp q wantq
'

check 'a PNG with alpha is hashed' '
	takedown hash "$IMG/alpha.png" >out &&
	grep -q "^[0-9a-f]\{64\},[0-9][0-9]*,.*alpha.png\$" out
'

check 'a zero-size file is an error, and the other files are still hashed' '
	: >empty.jpg &&
	! takedown hash empty.jpg "$IMG/scene.jpg" >out 2>err &&
	grep_f "empty.jpg: empty file, not an image" err &&
	grep_f "$REF,100," out
'

check 'a truncated JPEG is an error' '
	head -c 3000 "$IMG/scene.jpg" >cut.jpg &&
	! takedown hash cut.jpg >out 2>err &&
	grep_f "cut.jpg: truncated JPEG" err &&
	test ! -s out
'

check 'truncated PNG and WebP are errors' '
	head -c 5000 "$IMG/scene-pal.png" >cut.png &&
	head -c 3000 "$IMG/scene.webp" >cut.webp &&
	! takedown hash cut.png cut.webp 2>err &&
	grep_f "cut.png: truncated PNG" err &&
	grep_f "cut.webp: truncated WebP" err
'

check 'a corrupt JPEG header is an error' '
	# Keep SOI, then garbage where the segments should be.
	head -c 2 "$IMG/scene.jpg" >bad.jpg &&
	printf "\377\333\000\002garbage-garbage-garbage" >>bad.jpg &&
	! takedown hash bad.jpg 2>err &&
	grep_f "bad.jpg: truncated or corrupt JPEG" err
'

check 'huge dimensions are refused before decoding' '
	! takedown hash "$IMG/huge.png" "$IMG/huge.jpg" 2>err &&
	grep_f "huge.png: PNG of 100000x100000 pixels is over the limit" err &&
	grep_f "huge.jpg: JPEG of 60000x60000 pixels is over the limit" err
'

check 'non-image and unsupported files are errors' '
	printf "GIF89a\001\000\001\000\000\000\000" >anim.gif &&
	! takedown hash "$IMG/not-an-image.txt" anim.gif nothere.jpg \
		2>err &&
	grep_f "not-an-image.txt: not an image (not JPEG, PNG or WebP)" err &&
	grep_f "anim.gif: gif images are not supported" err &&
	grep_f "nothere.jpg: No such file or directory" err
'

check 'exit 0 when every file hashed; usage errors exit 2' '
	takedown hash "$IMG/scene.jpg" "$IMG/scene.webp" -j 1 >/dev/null &&
	{ takedown hash >/dev/null 2>err; test $? -eq 2; } &&
	grep_f "no image files given" err
'

finish
