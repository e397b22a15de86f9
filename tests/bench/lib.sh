# Host side of the benchmark, sourced by run.sh after tests/qemu/lib.sh.
# Prefixes: mt_ (Debian's multipath-tools, fetched and unpacked, never
# installed), bench_ (disks, guest, figures).
#
# Everything generated goes under $BENCH_CACHE (build/bench by default), each
# size in its own work directory below $BENCH_CACHE/work/; the .deb files
# and their unpacked tree are kept in $MPBOOT_CACHE (see tests/qemu/lib.sh).

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_CACHE=${BENCH_CACHE:-$TOP/build/bench}

# ---- multipath-tools ------------------------------------------------------

# The packages for the multipath-tools side: the tools, and the one library
# they link that a Debian 12 host does not have by default (liburcu8). If
# Debian adds a library dependency, mt_fetch stops and names it.
MT_PKGS="multipath-tools kpartx dmsetup liburcu8"
MT_MULTIARCH=x86_64-linux-gnu

# mt_fetch: download MT_PKGS with apt-get and unpack them with dpkg -x into
# $MT_ROOT (once). Sets MT_ROOT and MT_VERSION.
mt_fetch() {
	local dir=$MPBOOT_CACHE/debs pkg missing
	MT_ROOT=$MPBOOT_CACHE/mt
	if [ ! -f "$MT_ROOT/.unpacked" ]; then
		mkdir -p "$dir"
		for pkg in $MT_PKGS; do
			ls "$dir/${pkg}_"*.deb >/dev/null 2>&1 && continue
			echo "bench: downloading $pkg"
			(cd "$dir" && apt-get download -q "$pkg" 2>&1 |
				grep -v '^W: Download is performed unsandboxed') ||
				die "apt-get download $pkg failed"
		done
		rm -rf "$MT_ROOT"
		for pkg in $MT_PKGS; do
			dpkg -x "$dir/${pkg}_"*.deb "$MT_ROOT" ||
				die "dpkg -x $pkg failed"
		done
		touch "$MT_ROOT/.unpacked"
	fi
	MT_VERSION=$(dpkg-deb -f "$dir/multipath-tools_"*.deb Version)
	missing=$(mt_ldd $(mt_elves) | sed -n 's/^\t*\([^ ]*\) => not found.*/\1/p' | sort -u)
	[ -z "$missing" ] || die "multipath-tools needs libraries not in MT_PKGS: $missing"
}

# mt_elves: the programs and plug-ins an initramfs needs to build maps and
# partition maps with multipath-tools (multipathd is not counted).
mt_elves() {
	echo "$MT_ROOT/sbin/multipath" "$MT_ROOT/sbin/kpartx" "$MT_ROOT"/lib/multipath/*.so
}

# mt_ldd FILE...: ldd output, resolving multipath-tools' own libraries in
# the unpacked tree.
mt_ldd() {
	local f
	for f; do
		LD_LIBRARY_PATH=$MT_ROOT/lib:$MT_ROOT/usr/lib/$MT_MULTIARCH ldd "$f"
	done
}

# mt_files [ELF...]: "SOURCE GUEST_PATH" for every file multipath-tools
# adds, each library once: the programs and plug-ins (default mt_elves),
# every library they load (with glibc and the dynamic loader).
mt_files() {
	local f
	[ $# -gt 0 ] || set -- $(mt_elves)
	for f; do
		echo "$f ${f#"$MT_ROOT"}"
	done
	mt_ldd "$@" |
		sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) .*/\1/p' |
		sort -u | while read -r f; do
			case $f in
			"$MT_ROOT"/*) echo "$f ${f#"$MT_ROOT"}" ;;
			*) echo "$f $f" ;;
			esac
		done
}

# mt_stage DEST [ELF...]: put multipath-tools (or ELF... with their
# libraries) into the guest tree DEST.
mt_stage() {
	local dest=$1 src path
	shift
	mt_files "$@" | while read -r src path; do
		mkdir -p "$dest$(dirname "$path")"
		cp -L "$src" "$dest$path"
	done
}

# ---- initramfs sizes --------------------------------------------------------

# bench_tree_size DIR: "BYTES GZIP_BYTES": the files' total size, and the
# tree as a gzip -9 newc cpio (what it adds to a compressed initramfs).
bench_tree_size() {
	local bytes gz
	bytes=$(find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
	gz=$(cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -9 | wc -c)
	echo "$bytes $gz"
}

# bench_sizes WORK MPBOOT: what each tool adds to an initramfs, one line
# each: "SIZE TOOL FILES BYTES GZIP_BYTES".
bench_sizes() {
	local work=$1 mpboot=$2 n
	rm -rf "$work/size-mt" "$work/size-mpboot"
	mkdir -p "$work/size-mt" "$work/size-mpboot/bin"
	mt_files | while read -r src path; do
		mkdir -p "$work/size-mt$(dirname "$path")"
		cp -L "$src" "$work/size-mt$path"
	done
	n=$(find "$work/size-mt" -type f | wc -l)
	echo "SIZE multipath-tools $n $(bench_tree_size "$work/size-mt")"
	cp "$mpboot" "$work/size-mpboot/bin/mpboot"
	echo "SIZE mpboot 1 $(bench_tree_size "$work/size-mpboot")"
}

# ---- guest ------------------------------------------------------------------

# bench_timeit OUT: the static timing helper, built with musl-gcc.
bench_timeit() {
	[ "$1" -nt "$BENCH_DIR/timeit.c" ] && return 0
	musl-gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Os -static -s \
		-o "$1" "$BENCH_DIR/timeit.c" || die "building timeit failed"
}

# bench_image IMG: one 8 MiB LUN with a GPT and two partitions.
bench_image() {
	disk_new "$1" 8 'label: gpt
,3MiB
,'
}

# bench_luns WORK LUNS PATHS: one sparse copy of the image per LUN, seen
# through PATHS virtio-scsi controllers, LUN l at scsi-id 0, lun l on each.
# (tests/qemu's vm_lun puts every path on its own controller, which runs
# out of PCI slots long before 1024 paths.)
bench_luns() {
	local work=$1 luns=$2 paths=$3 l p img wwn node
	bench_image "$work/base.img"
	for ((p = 0; p < paths; p++)); do
		VM_ARGS+=(-device "virtio-scsi-pci,id=scsi$p,num_queues=1")
	done
	for ((l = 0; l < luns; l++)); do
		img=$work/lun$l.img
		cp --sparse=always --reflink=auto "$work/base.img" "$img"
		wwn=$(printf '0x5000c5000b%06x' "$l")
		for ((p = 0; p < paths; p++)); do
			node=l${l}p$p
			VM_ARGS+=(-blockdev "driver=file,filename=$img,node-name=f$node,locking=off,cache.direct=off"
				-blockdev "driver=raw,file=f$node,node-name=d$node"
				-device "scsi-hd,bus=scsi$p.0,channel=0,scsi-id=0,lun=$l,drive=d$node,share-rw=on,wwn=$wwn")
		done
	done
}

# bench_stage WORK MPBOOT [SCRIPT]: the guest tree: tests/qemu's common
# tree (with its /init), multipath-tools, the timing helper and the bench
# scripts; SCRIPT (default guest/test.sh) becomes /test.sh.
bench_stage() {
	local work=$1 mpboot=$2 root=$1/rootfs
	rd_stage "$root" "$mpboot" "${3:-$BENCH_DIR/guest/test.sh}" || return 1
	mt_stage "$root"
	cp "$BENCH_CACHE/timeit" "$root/bin/timeit"
	mkdir -p "$root/bench"
	cp "$BENCH_DIR/guest/lib.sh" "$BENCH_DIR/guest/udevdb.sh" \
		"$BENCH_DIR/guest/kpartx-all.sh" "$root/bench/"
	# One configuration for both tools. multipath-tools' default
	# find_multipaths (strict, in Debian's build) builds nothing on a first
	# boot; greedy maps every WWID, as mpboot's default does for LUNs
	# with two or more paths.
	cat >"$root/etc/multipath.conf" <<'EOC'
defaults {
	find_multipaths greedy
	user_friendly_names no
}
EOC
}
