# Shutdown safety (issue 13): the Debian real root of scenario 31 on
# partition 1 of a LUN on two paths, no_path_retry queue, path_checker
# directio. After multi-user.target the guest (42-shutdown-queueing.guest)
# runs a writer on partition 2 and stops it (its state goes to the console),
# asks the host to fail both paths with EIO (QMP), dirties the root so that
# the shutdown has I/O that can only queue, and powers off. The daemon,
# spared by systemd's killing sprees ('@'), must stop the root map's
# queueing once the system is in its last stage, so the poweroff completes
# (the kernel's "reboot: Power down"); then the host reads partition 2 of
# the image back against the writer's state: no acknowledged block lost.
SC_DISKS=2
SC_TIMEOUT=1500
SC_APPEND="root=UUID=$RR_UUID ro mpboot.timeout=120 loglevel=5"
RR_WWN42=0x5000c50000004201
SC_PENDING="fails on a quiet host (2026-12-02): once both root paths are failed, PID 1 and journald block on the queueing root and systemctl poweroff cannot reach PID 1 (Failed to start poweroff.target: Connection timed out), so systemd-shutdown, which the daemon's watch waits for, never runs; run it by name"

sc_setup() {
	local work=$1 add=$1/add
	rr_fetch
	mkdir -p "$add/usr/local/sbin" "$add/usr/local/bin" "$add/usr/lib" "$add/etc"
	cp "$MPBOOT" "$add/usr/local/sbin/mpboot"
	cp "$(dirname "$MPBOOT")/tools/mpt-writer" "$add/usr/local/bin/"
	cp "$QEMU_DIR/guest/lib.sh" "$add/usr/lib/mpt.sh"
	cp "$QEMU_DIR/scenarios/42-shutdown-queueing.guest" "$add/mpt-test.sh"
	printf 'WWID=3%s\nUUID=%s\n' "${RR_WWN42#0x}" "$RR_UUID" >"$add/etc/mpt-test.env"
	cat >"$add/etc/multipath.conf" <<'EOC'
defaults {
	polling_interval 2
	max_polling_interval 4
	path_checker directio
	no_path_retry queue
}
EOC
	rr_disk "$work/lun.img" "$add"
	# partition 2, for the writer, after the root
	truncate -s +24M "$work/lun.img"
	sfdisk -q --relocate gpt-bak-std "$work/lun.img" &&
		echo 'size=16MiB, type=linux' | sfdisk -q --append "$work/lun.img" || return 1
	vm_lun "$work/lun.img" "$RR_WWN42" 2
	vm_mailbox "$work"
	"$TOP/initramfs/mkinitramfs" -k "$KVER" --modroot "$KERN_ROOT" \
		--mpboot "$MPBOOT" --root "$add" -o "$work/initramfs.img" || return 1
	SC_INITRD=$work/initramfs.img
}

sc_during() { vm_serve "$1" >"$1/during.log" 2>&1; }

sc_check() {
	local work=$1 log=$1/console-boot1.log start off t0 t1
	cat "$work/during.log"
	grep -a 'mpboot\[\|systemd-shutdown\|queueing' "$log" | tail -n 30 | sed 's/^/  | /'
	if grep -aq 'reboot: Power down' "$log"; then
		echo "MPT-OK poweroff"
		t0=$(sed -n 's/.*MPT-POWEROFF \([0-9.]*\).*/\1/p' "$log" | tr -d '\r')
		t1=$(grep -a 'reboot: Power down' "$log" | sed -n 's/^\[ *\([0-9.]*\)\].*/\1/p')
		echo "  from systemctl poweroff to power down: $t0 -> $t1 s (guest clock)"
	else
		echo "MPT-FAIL poweroff: the guest did not power off with the root's paths gone"
	fi
	grep -a 'MPT-STATE ' "$log" | sed 's/.*MPT-STATE //' | tr -d '\r' >"$work/w.state"
	start=$(sfdisk -d "$work/lun.img" | sed -n "s|^$work/lun.img2 : start= *\([0-9]*\),.*|\1|p")
	off=$(sed -n 's/^offset //p' "$work/w.state")
	if [ -z "$start" ] || [ -z "$off" ]; then
		echo "MPT-FAIL verify: no partition 2 or no writer state on the console"
		return
	fi
	sed -i "s/^offset .*/offset $((start * 512 + off))/" "$work/w.state"
	"$(dirname "$MPBOOT")/tools/mpt-writer" verify "$work/lun.img" \
		--state "$work/w.state" >"$work/verify.out" 2>&1
	tail -n 5 "$work/verify.out"
	if grep -q '^mpt-writer verify: .* bad=0 ' "$work/verify.out"; then
		echo "MPT-OK verify"
	else
		echo "MPT-FAIL verify: acknowledged blocks read back wrong"
	fi
}
