# Host side of the QEMU harness, sourced by run.sh, capture-fixtures.sh and
# scripts/demo.sh. Prefixes: kern_ (Debian kernel and modules), rd_
# (initramfs), disk_ (images), vm_ (QEMU), tgt_ (host iSCSI target),
# relay_ (a TCP relay in front of one iSCSI portal).
#
# Everything generated goes under $QEMU_CACHE (build/qemu by default), each
# scenario in its own work directory below $QEMU_CACHE/work/. What is slow
# to make and shared by every clone (the kernel package and its unpacked
# tree, keyed by the package's name) lives in $MPBOOT_CACHE
# (${XDG_CACHE_HOME:-~/.cache}/mpboot), so CI's fresh clone reuses it.

QEMU_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$QEMU_DIR/../.." && pwd)
QEMU_CACHE=${QEMU_CACHE:-$TOP/build/qemu}
MPBOOT_CACHE=${MPBOOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mpboot}

die() { echo "qemu: $*" >&2; exit 1; }

# The interpreter itself, found once: a version manager's python3 shim
# (pyenv) costs several shell processes per call, and fault loops call
# qmp.py many times a second.
PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) || PYTHON=python3

# ---- kernel ---------------------------------------------------------------

# The kernel package linux-image-amd64 currently points at, downloaded with
# apt-get and unpacked with dpkg -x (never installed). Sets KVER, VMLINUZ
# and KERN_ROOT (the unpacked tree, with a full depmod).
kern_fetch() {
	local pkg dir
	dir=$MPBOOT_CACHE/kernel
	pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9].*\)/\1/p' | head -n 1)
	# Offline, or the index is gone: use the newest kernel already unpacked.
	[ -n "$pkg" ] || pkg=$(ls -t "$dir"/*/.unpacked 2>/dev/null | head -n 1 |
		xargs -r dirname | xargs -r basename)
	[ -n "$pkg" ] || die "cannot resolve linux-image-amd64 (apt-get update?)"
	KERN_ROOT=$dir/$pkg
	if [ ! -f "$KERN_ROOT/.unpacked" ]; then
		mkdir -p "$dir"
		if ! ls "$dir/${pkg}_"*.deb >/dev/null 2>&1; then
			echo "qemu: downloading $pkg"
			(cd "$dir" && apt-get download -q "$pkg" 2>&1 |
				grep -v '^W: Download is performed unsandboxed') ||
				die "apt-get download $pkg failed"
		fi
		rm -rf "$KERN_ROOT"
		dpkg -x "$dir/${pkg}_"*.deb "$KERN_ROOT" || die "dpkg -x failed"
		KVER=$(ls "$KERN_ROOT/lib/modules")
		# Debian ships no modules.dep; compute it once for the closure.
		depmod -b "$KERN_ROOT" "$KVER" || die "depmod failed"
		touch "$KERN_ROOT/.unpacked"
	fi
	KVER=$(ls "$KERN_ROOT/lib/modules")
	VMLINUZ=$KERN_ROOT/boot/vmlinuz-$KVER
}

# The modules every guest loads, in load order (crc32c before iscsi_tcp:
# libiscsi asks the crypto API for crc32c and does not load it itself).
KERN_MODULES="virtio_pci virtio_scsi sd_mod scsi_dh_alua scsi_dh_emc
scsi_dh_rdac dm_mod dm_multipath dm_round_robin dm_service_time
dm_queue_length ext4 crc32c_generic libcrc32c iscsi_tcp virtio_net
configfs target_core_mod target_core_iblock target_core_file
iscsi_target_mod virtio_blk"

# kern_install DEST MODULE...: copy MODULEs and their modules.dep closure
# into DEST/lib/modules/$KVER and run depmod -b there.
kern_install() {
	local dest=$1; shift
	local mdir=$KERN_ROOT/lib/modules/$KVER files f
	files=$(awk -v want="$*" '
		BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) {
			gsub("-", "_", w[i]); need[w[i]] = 1 } }
		{ name = $1; sub(":$", "", name); sub(".*/", "", name)
		  sub("\\.ko$", "", name); gsub("-", "_", name)
		  if (name in need) { found[name] = 1
			  sub(":$", "", $1); for (i = 1; i <= NF; i++) print $i } }
		END { for (m in need) if (!(m in found))
			  print "missing:" m > "/dev/stderr" }' \
		"$mdir/modules.dep" | sort -u) || return 1
	for f in $files; do
		mkdir -p "$dest/lib/modules/$KVER/$(dirname "$f")"
		cp "$mdir/$f" "$dest/lib/modules/$KVER/$f"
	done
	cp "$mdir/modules.order" "$mdir/modules.builtin" \
		"$mdir/modules.builtin.modinfo" "$dest/lib/modules/$KVER/"
	depmod -b "$dest" "$KVER"
}

# ---- initramfs ------------------------------------------------------------

# rd_add_bin DEST BIN [PATH]: copy a dynamic binary (to /bin, or PATH in
# DEST) and the libraries ldd finds for it.
rd_add_bin() {
	local dest=$1 bin=$2 path=${3:-/bin/$(basename "$2")} lib
	mkdir -p "$dest$(dirname "$path")"
	cp "$bin" "$dest$path"
	for lib in $(ldd "$bin" 2>/dev/null |
		sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) .*/\1/p'); do
		mkdir -p "$dest$(dirname "$lib")"
		[ -e "$dest$lib" ] || cp -L "$lib" "$dest$lib"
	done
}

# rd_stage DEST MPBOOT GUEST_SCRIPT: the common tree: busybox (for the test
# scripts only), mpboot, dmsetup (to cross-check), the modules, /init and
# the guest helpers, and the scenario's script as /test.sh.
rd_stage() {
	local dest=$1 mpboot=$2 script=$3 t
	rm -rf "$dest"
	mkdir -p "$dest"/{bin,sbin,dev,proc,sys,run,tmp,mnt,etc/multipath,lib64}
	cp /bin/busybox "$dest/bin/busybox"
	for a in $(/bin/busybox --list); do
		[ -e "$dest/bin/$a" ] || ln -s busybox "$dest/bin/$a"
	done
	cp "$mpboot" "$dest/bin/mpboot"
	# the guest tools (make tools), where they are built
	for t in "$(dirname "$mpboot")"/tools/*; do
		[ -x "$t" ] && cp "$t" "$dest/bin/"
	done
	rd_add_bin "$dest" /usr/sbin/dmsetup
	kern_install "$dest" $KERN_MODULES || die "module closure failed"
	cp "$QEMU_DIR/guest/init" "$dest/init"
	cp "$QEMU_DIR/guest/lib.sh" "$dest/lib/mpt.sh"
	cp "$script" "$dest/test.sh"
	chmod +x "$dest/init" "$dest/test.sh"
}

# rd_mpboot_init DEST: mpboot itself is the guest's /init (its init mode)
# instead of guest/init, in an initramfs marked as one; busybox stays for
# the rescue shell. The scenario's real root (root_stage) does its checks.
rd_mpboot_init() {
	cp "$1/bin/mpboot" "$1/init"
	mkdir -p "$1/etc/mpboot"
	touch "$1/etc/initrd-release"
}

# root_stage DEST MPBOOT INIT_SCRIPT: a small real root for the init mode:
# busybox, mpboot, dmsetup, the guest helpers as /lib/mpt.sh, and
# INIT_SCRIPT as /sbin/init (it prints the markers and powers off).
root_stage() {
	local dest=$1 a
	rm -rf "$dest"
	mkdir -p "$dest"/{bin,sbin,dev,proc,sys,run,tmp,etc,lib}
	cp /bin/busybox "$dest/bin/busybox"
	for a in $(/bin/busybox --list); do
		[ -e "$dest/bin/$a" ] || ln -s busybox "$dest/bin/$a"
	done
	cp "$2" "$dest/bin/mpboot"
	rd_add_bin "$dest" /usr/sbin/dmsetup
	cp "$QEMU_DIR/guest/lib.sh" "$dest/lib/mpt.sh"
	cp "$3" "$dest/sbin/init"
	chmod +x "$dest/sbin/init"
}

# rd_iscsi DEST: add Debian's iscsistart with its libraries.
rd_iscsi() {
	rd_add_bin "$1" /usr/sbin/iscsistart
	mkdir -p "$1/etc/iscsi"
	echo "InitiatorName=iqn.2026-01.test.mpboot:guest" >"$1/etc/iscsi/initiatorname.iscsi"
}

# rd_pack DEST OUT: cpio the tree.
rd_pack() {
	(cd "$1" && find . | cpio -o -H newc --quiet) | gzip -1 >"$2"
}

# ---- disks ----------------------------------------------------------------

# disk_new IMG SIZE_MB SFDISK_SCRIPT: a raw image with a partition table.
disk_new() {
	rm -f "$1"
	truncate -s "${2}M" "$1"
	printf '%s\n' "$3" | sfdisk -q "$1" >/dev/null || die "sfdisk $1 failed"
}

# disk_ext4 IMG PARTNUM DIR [LABEL [UUID]]: make an ext4 file system
# holding DIR in partition PARTNUM (built in a side file, then dd'd in
# place).
disk_ext4() {
	local img=$1 n=$2 dir=$3 label=${4:-part$2} uuid=${5:-} start size fs
	read -r start size < <(sfdisk -d "$img" |
		sed -n "s|^$img$n : start= *\([0-9]*\), size= *\([0-9]*\).*|\1 \2|p")
	[ -n "$start" ] || die "$img: no partition $n"
	fs=$img.p$n
	rm -f "$fs"
	truncate -s $((size * 512)) "$fs"
	mke2fs -q -F -t ext4 -L "$label" ${uuid:+-U "$uuid"} -d "$dir" "$fs" >/dev/null ||
		die "mke2fs for $img partition $n failed"
	dd if="$fs" of="$img" bs=512 seek="$start" conv=notrunc status=none
	rm -f "$fs"
}

# disk_write IMG PARTNUM FILE: write FILE's bytes at the start of a partition.
disk_write() {
	local start
	start=$(sfdisk -d "$1" | sed -n "s|^$1$2 : start= *\([0-9]*\),.*|\1|p")
	[ -n "$start" ] || die "$1: no partition $2"
	dd if="$3" of="$1" bs=512 seek="$start" conv=notrunc status=none
}

# ---- the Debian real root (scripts/realroot.sh) ----------------------------

# The real root's file system UUID and the GPT partition's, fixed so a
# scenario can write root=UUID=$RR_UUID before the image exists.
RR_UUID=3b1f6a52-9d2e-4c1a-8f00-6d7074726f6f
RR_PARTUUID=3b1f6a52-9d2e-4c1a-8f00-7061727431aa

# rr_fetch: the cached Debian 12 tree (debootstrap once, minutes), with the
# test kernel's modules added (the real root loads modules after
# switch_root), and an ext4 image of it with RR_UUID, made once per kernel.
# Needs kern_fetch first. Sets RR_DIR, RR_TREE and RR_FS.
rr_fetch() {
	local lock
	# Scenarios may run side by side: one builds, the others wait for it.
	mkdir -p "$MPBOOT_CACHE"
	exec {lock}>"$MPBOOT_CACHE/realroot.lock"
	flock "$lock"
	rr_make
	exec {lock}>&-
}

rr_make() {
	local kb mb
	RR_TREE=$("$TOP/scripts/realroot.sh") || die "building the real root failed"
	RR_DIR=$(dirname "$RR_TREE")
	if [ ! -d "$RR_TREE/lib/modules/$KVER" ]; then
		rr_modules "$RR_TREE/lib/modules/$KVER.tmp" &&
			mv "$RR_TREE/lib/modules/$KVER.tmp" "$RR_TREE/lib/modules/$KVER" ||
			die "copying the modules into the real root failed"
	fi
	RR_FS=$RR_DIR/root-$KVER.ext4
	[ -f "$RR_FS" ] && return 0
	# The tree's size and a third more, plus room for the journal and the
	# boot's writes.
	kb=$(du -sk "$RR_TREE" | cut -f1)
	mb=$((kb * 4 / 3 / 1024 + 96))
	rm -f "$RR_FS.tmp"
	truncate -s "${mb}M" "$RR_FS.tmp"
	E2FSPROGS_FAKE_TIME=1 mke2fs -q -F -t ext4 -L realroot -U "$RR_UUID" \
		-E hash_seed="$RR_UUID" -d "$RR_TREE" "$RR_FS.tmp" >/dev/null ||
		die "mke2fs of the real root failed"
	mv "$RR_FS.tmp" "$RR_FS"
}

# rr_modules DIR: the test kernel's modules without what no test machine
# has (sound, graphics, media, radio, network and input hardware), a
# third of the size, with their own index.
rr_modules() {
	local d=$1 x
	rm -rf "$d"
	mkdir -p "$(dirname "$d")"
	cp -a "$KERN_ROOT/lib/modules/$KVER" "$d" || return 1
	for x in sound drivers/gpu drivers/media drivers/net/wireless \
		drivers/net/ethernet drivers/infiniband drivers/staging drivers/iio \
		drivers/bluetooth drivers/isdn drivers/hid drivers/input drivers/usb \
		drivers/mmc drivers/video net/wireless net/mac80211 net/bluetooth; do
		rm -rf "${d:?}/kernel/$x"
	done
	depmod -b "$d/../../.." "$(basename "$d")"
}

# rr_disk IMG DIR: a disk image holding the real root in GPT partition 1
# (PARTUUID RR_PARTUUID), with DIR's files added to the file system (DIR
# mirrors the root: DIR/mpt-test.sh becomes /mpt-test.sh; existing files
# are replaced), and /etc/fstab mounting RR_UUID on /. Needs rr_fetch.
rr_disk() {
	local img=$1 dir=$2 fs=$1.p1 f p sectors
	cp --sparse=always "$RR_FS" "$fs"
	mkdir -p "$dir/etc"
	[ -f "$dir/etc/fstab" ] ||
		echo "UUID=$RR_UUID / ext4 defaults 0 1" >"$dir/etc/fstab"
	# debugfs adds the files without mounting anything (owner and mode
	# are the staged files').
	(cd "$dir" && find . -mindepth 1 | sort) | while read -r f; do
		p=${f#.}
		if [ -d "$dir/$f" ]; then
			echo "mkdir $p"
		else
			echo "rm $p"
			echo "write $dir/$f $p"
		fi
	done >"$img.debugfs"
	debugfs -w -f "$img.debugfs" "$fs" >"$img.debugfs.log" 2>&1 ||
		die "debugfs on the real root failed ($img.debugfs.log)"
	sectors=$(($(stat -c %s "$fs") / 512))
	rm -f "$img"
	truncate -s $(((sectors + 2048 + 64) * 512)) "$img"
	printf 'label: gpt\nstart=2048, size=%s, type=linux, uuid=%s\n' \
		"$sectors" "$RR_PARTUUID" | sfdisk -q "$img" >/dev/null ||
		die "sfdisk $img failed"
	dd if="$fs" of="$img" bs=1M seek=1 conv=notrunc,sparse status=none
	rm -f "$fs"
}

# rr_pathloss_unit DIR: mpt-pathloss.service in DIR's real root
# (/etc/systemd/system), for guest/lib.sh's mpt_pathloss_arm: a unit that
# runs `/mpt-test.sh pathloss` when it stops, ordered where the network's
# stop is (after systemd-user-sessions, which is ordered after
# network.target), as an iSCSI root's paths go during a shutdown.
rr_pathloss_unit() {
	mkdir -p "$1/etc/systemd/system"
	cat >"$1/etc/systemd/system/mpt-pathloss.service" <<'EOF'
[Unit]
Description=mpboot test: the root's paths fail when this stops
DefaultDependencies=no
Conflicts=shutdown.target
Before=shutdown.target network.target systemd-user-sessions.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/true
ExecStop=/bin/sh /mpt-test.sh pathloss
StandardOutput=file:/dev/console
StandardError=inherit
TimeoutStopSec=300
EOF
}

# ---- QEMU -----------------------------------------------------------------

# Each path is one scsi-hd on its own virtio-scsi controller; all paths of a
# LUN share one image (share-rw, no locking) and one wwn. Node names let QMP
# swap the file under one path: path N has file node fN and format node dN.
VM_NPATH=0
VM_ARGS=()

# vm_lun IMG WWN NPATHS [SERIAL]: add a LUN seen through NPATHS paths. WWN
# may be "-" for a disk offering no NAA designator. With VM_UNPLUGGED=1 the
# paths' controllers and nodes are there but not their disks: vm_plug
# adds them later. VM_PATH_DEV[N] and VM_PATH_IMG[N] remember each path.
VM_PATH_DEV=()
VM_PATH_IMG=()
vm_lun() {
	local img=$1 wwn=$2 n=$3 serial=${4:-} i dev
	for ((i = 0; i < n; i++)); do
		VM_ARGS+=(-device "virtio-scsi-pci,id=scsi$VM_NPATH"
			-blockdev "driver=file,filename=$img,node-name=f$VM_NPATH,locking=off,cache.direct=off"
			-blockdev "driver=raw,file=f$VM_NPATH,node-name=d$VM_NPATH")
		dev="scsi-hd,bus=scsi$VM_NPATH.0,drive=d$VM_NPATH,share-rw=on,id=p$VM_NPATH"
		[ "$wwn" != - ] && dev="$dev,wwn=$wwn"
		[ -n "$serial" ] && dev="$dev,serial=$serial"
		[ "${VM_UNPLUGGED:-0}" = 1 ] || VM_ARGS+=(-device "$dev")
		VM_PATH_DEV[VM_NPATH]=$dev
		VM_PATH_IMG[VM_NPATH]=$img
		VM_NPATH=$((VM_NPATH + 1))
	done
}

# vm_raw IMG: an extra plain virtio-blk disk (e.g. for getting files out).
vm_raw() {
	VM_ARGS+=(-drive "file=$1,format=raw,if=virtio")
}

# vm_net: user networking only; the guest reaches the host's loopback as
# 10.0.2.2, and the guest scripts talk to nothing else.
vm_net() {
	VM_ARGS+=(-netdev "user,id=n0,restrict=off,net=10.0.2.0/24"
		-device virtio-net-pci,netdev=n0)
}

# vm_run WORK INITRD TIMEOUT [APPEND]: boot, console to WORK/console.log,
# QMP on WORK/qmp.sock, with $VM_MEM MB of memory (default 384), in the
# network namespace VM_NETNS when set (tgt_start's TGT_ADDR). Returns
# QEMU's status (124 on timeout). Runs
# $VM_DURING (a function name) in the background while the guest runs.
# no_timer_check: under TCG on a loaded host the kernel's IO-APIC timer
# test can miss its window and panic ("IO-APIC + timer doesn't work").
vm_run() {
	local work=$1 initrd=$2 timeout=$3 append=${4:-} pid rc during=
	rm -f "$work/console.log" "$work/qmp.sock"
	${VM_NETNS:+nsenter --net="$VM_NETNS"} \
		timeout --foreground -k 5 "$timeout" qemu-system-x86_64 \
		-accel tcg -cpu max -m "${VM_MEM:-384}" -smp 1 -nodefaults -no-user-config \
		-display none -no-reboot \
		-serial "file:$work/console.log" \
		-qmp "unix:$work/qmp.sock,server=on,wait=off" \
		-kernel "$VMLINUZ" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 loglevel=4 no_timer_check $append" \
		"${VM_ARGS[@]}" &
	pid=$!
	if [ -n "${VM_DURING:-}" ]; then
		"$VM_DURING" "$work" &
		during=$!
	fi
	wait $pid
	rc=$?
	[ -n "$during" ] && { kill $during 2>/dev/null; wait $during 2>/dev/null; }
	return $rc
}

# vm_wait_marker WORK TEXT SECONDS: wait until the console shows TEXT.
vm_wait_marker() {
	local i
	for ((i = 0; i < $3 * 5; i++)); do
		grep -q -- "$2" "$1/console.log" 2>/dev/null && return 0
		sleep 0.2
	done
	return 1
}

# vm_qmp WORK JSON...: send QMP commands in order, print the replies.
vm_qmp() {
	"$PYTHON" "$QEMU_DIR/qmp.py" "$1/qmp.sock" "${@:2}"
}

# ---- faults on one path, and a mailbox to say they are done ----------------

# vm_plug WORK N: add path N's disk (as vm_lun made it) to the running VM.
vm_plug() {
	local kv json= IFS=,
	for kv in ${VM_PATH_DEV[$2]}; do
		case $kv in
		*=*) ;;
		*) json="\"driver\":\"$kv\"" ; continue ;;
		esac
		case ${kv%%=*} in
		wwn) json="$json,\"wwn\":$(printf %d "${kv#*=}")" ;;
		share-rw) json="$json,\"share-rw\":true" ;;
		*) json="$json,\"${kv%%=*}\":\"${kv#*=}\"" ;;
		esac
	done
	vm_qmp "$1" '{"execute":"device_add","arguments":{'"$json"'}}'
}

# vm_unplug WORK N: remove path N's disk (the guest sees it go).
vm_unplug() {
	vm_qmp "$1" '{"execute":"device_del","arguments":{"id":"p'"$2"'"}}'
}

# vm_eio WORK N: path N's reads and writes fail with EIO (a blkdebug node
# slid under its format node); vm_eio_off WORK N puts the file back.
# Reads and writes only: blockdev-reopen flushes the node it swaps out,
# and a failing flush would keep the fault in place.
vm_eio() {
	vm_qmp "$1" \
		'{"execute":"blockdev-add","arguments":{"driver":"blkdebug","node-name":"bd'"$2"'",
		  "image":{"driver":"file","filename":"'"${VM_PATH_IMG[$2]}"'","locking":"off"},
		  "inject-error":[{"event":"read_aio","errno":5,"iotype":"read"},{"event":"write_aio","errno":5,"iotype":"write"}]}}' \
		'{"execute":"blockdev-reopen","arguments":{"options":[{"driver":"raw","node-name":"d'"$2"'","file":"bd'"$2"'"}]}}'
}
vm_eio_off() {
	vm_qmp "$1" \
		'{"execute":"blockdev-reopen","arguments":{"options":[{"driver":"raw","node-name":"d'"$2"'","file":"f'"$2"'"}]}}' \
		'{"execute":"blockdev-del","arguments":{"node-name":"bd'"$2"'"}}'
}

# vm_throttle WORK N: path N's reads wait (a throttle node at one byte per
# second: the first read passes, every later one waits for an hour; QEMU
# answers TEST UNIT READY without reading, so only readsector0 and
# directio see it). vm_unthrottle WORK N lifts the limit first, so reads
# already waiting go at once, then puts the file back.
vm_throttle() {
	vm_qmp "$1" \
		'{"execute":"object-add","arguments":{"qom-type":"throttle-group","id":"tg'"$2"'","limits":{"bps-read":1}}}' \
		'{"execute":"blockdev-add","arguments":{"driver":"throttle","node-name":"th'"$2"'","throttle-group":"tg'"$2"'",
		  "file":{"driver":"file","filename":"'"${VM_PATH_IMG[$2]}"'","locking":"off"}}}' \
		'{"execute":"blockdev-reopen","arguments":{"options":[{"driver":"raw","node-name":"d'"$2"'","file":"th'"$2"'"}]}}'
}
vm_unthrottle() {
	vm_qmp "$1" \
		'{"execute":"qom-set","arguments":{"path":"tg'"$2"'","property":"limits","value":{"bps-read":0}}}' \
		'{"execute":"blockdev-reopen","arguments":{"options":[{"driver":"raw","node-name":"d'"$2"'","file":"f'"$2"'"}]}}' \
		'{"execute":"blockdev-del","arguments":{"node-name":"th'"$2"'"}}' \
		'{"execute":"object-del","arguments":{"id":"tg'"$2"'"}}'
}

# vm_do WORK REQUEST ARGS...: the requests guests make with mpt_host:
# eio, eio_off, throttle, unthrottle, plug, unplug (ARGS: the path
# number), relay_hang, relay_resume.
vm_do() {
	local work=$1 req=$2
	shift 2
	case $req in
	eio | eio_off | throttle | unthrottle | plug | unplug) "vm_$req" "$work" "$@" ;;
	relay_hang | relay_resume) "$req" ;;
	*) echo "host: unknown request '$req'"; return 1 ;;
	esac
}

# vm_mailbox WORK: a small virtio disk (the guest's /dev/vda; load
# virtio_blk) through which vm_serve answers the guest's mpt_host.
vm_mailbox() {
	truncate -s 1M "$1/mailbox.img"
	vm_raw "$1/mailbox.img"
}

# vm_serve WORK [HANDLER]: for sc_during. Runs `HANDLER WORK CMD ARGS...` for
# each "MPT-HOST N CMD ARGS..." line the guest prints (guest/lib.sh's
# mpt_host), in order, and answers "done N" (or "failed N" when HANDLER
# fails) in the mailbox. Ends when the guest is done.
vm_serve() {
	local work=$1 handler=${2:-vm_do} seen=0 line res
	while :; do
		line=$(grep -ao 'MPT-HOST [0-9].*' "$work/console.log" 2>/dev/null |
			sed -n "$((seen + 1))p" | tr -d '\r')
		if [ -z "$line" ]; then
			grep -aq 'MPT-DONE' "$work/console.log" 2>/dev/null && return 0
			sleep 0.2
			continue
		fi
		seen=$((seen + 1))
		set -- $line
		shift
		res=done
		echo "host: [$(date +%T)] request $*"
		"$handler" "$work" "${@:2}" || { res=failed; echo "host: request $1 failed"; }
		printf '%s %s\0' "$res" "$1" | dd of="$work/mailbox.img" conv=notrunc status=none
	done
}

# ---- host iSCSI target (tgt) ----------------------------------------------

TGT_IQN=iqn.2026-01.test.mpboot:tgt-lun
TGT_PORTS=""

# tgt_port_free PORT: true when nothing listens on PORT.
tgt_port_free() {
	! ss -Hltn "sport = :$1" | grep -q .
}

# tgt_pick_ports: 3260/3261, or the next free pair (said on stderr).
tgt_pick_ports() {
	local p=3260
	while ! tgt_port_free $p || ! tgt_port_free $((p + 1)); do
		p=$((p + 2))
		[ $p -gt 3400 ] && die "no free port pair for tgtd"
	done
	[ $p = 3260 ] || echo "qemu: ports 3260/3261 taken, tgtd uses $p/$((p + 1))" >&2
	TGT_PORTS="$p $((p + 1))"
}

# tgt_start WORK IMG: our own tgtd (own control port), two portals on
# TGT_ADDR (default 127.0.0.1, which the guest reaches as 10.0.2.2), one
# target with one LUN backed by IMG, open to any initiator. Scenarios
# running side by side (QEMU_JOBS) pick ports under one lock, held until
# both portals listen; tgtd itself must not inherit it.
#
# An initiator that discovers its targets (SendTargets, as dracut's iscsi
# module does before it logs in) is sent the address tgtd saw the
# connection arrive at, and through QEMU's user network that is
# 127.0.0.1: the guest's own loopback. With another TGT_ADDR, tgtd runs
# in a network namespace of its own whose loopback carries that address,
# and vm_run starts QEMU in it too (VM_NETNS): the guest reaches TGT_ADDR
# through the user network as it is, so discovery answers with an address
# that works, and nothing listens outside the namespace.
tgt_start() {
	local work=$1 img=$2 addr=${TGT_ADDR:-127.0.0.1} p1 p2 i lock
	exec {lock}>"$QEMU_CACHE/tgt.lock"
	flock "$lock"
	tgt_pick_ports
	read -r p1 p2 <<<"$TGT_PORTS"
	TGT_CTL=$((p1 + 10000))
	if [ "$addr" = 127.0.0.1 ]; then
		tgtd -f -C $TGT_CTL --iscsi "portal=$addr:$p1" \
			>"$work/tgtd.log" 2>&1 {lock}>&- &
		TGT_PID=$!
	else
		# the control socket is a file: tgtadm reaches it from here
		unshare -n sh -ec 'ip link set lo up
			ip addr add "$1/32" dev lo
			shift
			exec tgtd "$@"' sh "$addr" -f -C $TGT_CTL --iscsi "portal=$addr:$p1" \
			>"$work/tgtd.log" 2>&1 {lock}>&- &
		TGT_PID=$!
		VM_NETNS=/proc/$TGT_PID/ns/net
	fi
	for ((i = 0; i < 50; i++)); do
		tgtadm -C $TGT_CTL --lld iscsi --mode target --op show \
			>/dev/null 2>&1 && break
		sleep 0.1
	done
	tgtadm -C $TGT_CTL --lld iscsi --op new --mode portal \
		--param "portal=$addr:$p2" &&
	tgtadm -C $TGT_CTL --lld iscsi --op new --mode target --tid 1 \
		-T "$TGT_IQN" &&
	tgtadm -C $TGT_CTL --lld iscsi --op new --mode logicalunit --tid 1 \
		--lun 1 -b "$img" &&
	tgtadm -C $TGT_CTL --lld iscsi --op bind --mode target --tid 1 -I ALL ||
		{ exec {lock}>&-; tgt_stop; die "tgtadm setup failed (see $work/tgtd.log)"; }
	exec {lock}>&-
}

# tgtd does not stop on SIGTERM while it has targets; this one is ours and
# throw-away, so SIGKILL after a grace second.
tgt_stop() {
	local i
	[ -n "${TGT_PID:-}" ] || return 0
	kill "$TGT_PID" 2>/dev/null
	for ((i = 0; i < 10; i++)); do
		kill -0 "$TGT_PID" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$TGT_PID" 2>/dev/null
	wait "$TGT_PID" 2>/dev/null
	TGT_PID= VM_NETNS=
}

# ---- TCP relay in front of one iSCSI portal ---------------------------------

# relay_start WORK TARGET_PORT: tests/tools/tcp-relay.py on a free port of
# 127.0.0.1 (RELAY_PORT; the guest reaches it as 10.0.2.2), forwarding to
# TARGET_PORT (a tgt portal). A session logged in through RELAY_PORT hangs
# on relay_hang (SIGSTOP: commands and the session stall as on a dead SAN
# link) and goes on after relay_resume (SIGCONT).
relay_start() {
	local work=$1 i
	rm -f "$work/relay.port"
	"$PYTHON" "$TOP/tests/tools/tcp-relay.py" 0 "$2" "$work/relay.port" \
		>"$work/relay.log" 2>&1 &
	RELAY_PID=$!
	for ((i = 0; i < 100; i++)); do
		[ -s "$work/relay.port" ] && break
		sleep 0.1
	done
	RELAY_PORT=$(cat "$work/relay.port" 2>/dev/null)
	[ -n "$RELAY_PORT" ] || { relay_stop; die "the TCP relay did not start (see $work/relay.log)"; }
}

relay_hang() { kill -STOP "$RELAY_PID"; }
relay_resume() { kill -CONT "$RELAY_PID"; }

relay_stop() {
	[ -n "${RELAY_PID:-}" ] || return 0
	kill -CONT "$RELAY_PID" 2>/dev/null
	kill "$RELAY_PID" 2>/dev/null
	wait "$RELAY_PID" 2>/dev/null
	RELAY_PID=
}
