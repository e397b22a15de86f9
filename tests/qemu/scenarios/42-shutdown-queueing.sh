# Shutdown safety (issues 13, 14): the Debian real root of scenario 31 on
# partition 1 of a LUN on two paths, no_path_retry queue, path_checker
# directio, mpboot's daemon the only checker. After multi-user.target the
# guest (42-shutdown-queueing.guest) runs a writer on partition 2 and
# stops it (its state goes to the console), starts mpt-pathloss.service
# (lib.sh's rr_pathloss_unit) and powers off. That unit stops where the
# network would (after systemd-user-sessions, which is ordered after
# network.target): it dirties the root and asks the host to fail both
# paths with EIO (QMP), as an iSCSI root's network stopped before the
# root is done with. The root's I/O can only queue from then on; the
# daemon, spared by systemd's killing sprees ('@'), must have read
# systemd-shutdown ahead (decision 90) and turn the root map's queueing
# off once PID 1 is systemd-shutdown, so the poweroff completes (the
# kernel's "reboot: Power down"); then the host reads partition 2 of the
# image back against the writer's state: no acknowledged block lost.
#
# Paths gone before the poweroff is asked for is not tested: the request
# cannot reach PID 1 then (README, "Shutdown with the root's paths gone").
SC_DISKS=2
SC_TIMEOUT=1500
# loglevel 6: the daemon's warnings (kernel notices) reach the console;
# its info (verbose 3) is in the kernel's log for the guest to read.
SC_APPEND="root=UUID=$RR_UUID ro mpboot.timeout=120 mpboot.verbose=3 loglevel=6"
RR_WWN42=0x5000c50000004201

sc_setup() {
	local work=$1 add=$1/add
	rr_fetch
	mkdir -p "$add/usr/local/sbin" "$add/usr/local/bin" "$add/usr/lib" "$add/etc"
	cp "$MPBOOT" "$add/usr/local/sbin/mpboot"
	cp "$(dirname "$MPBOOT")/tools/mpt-writer" "$add/usr/local/bin/"
	cp "$QEMU_DIR/guest/lib.sh" "$add/usr/lib/mpt.sh"
	cp "$QEMU_DIR/scenarios/42-shutdown-queueing.guest" "$add/mpt-test.sh"
	printf 'WWID=3%s\nUUID=%s\n' "${RR_WWN42#0x}" "$RR_UUID" >"$add/etc/mpt-test.env"
	rr_pathloss_unit "$add"
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
	grep -a 'mpboot\[\|systemd-shutdown\|queueing\|blocked for more' "$log" |
		tail -n 30 | sed 's/^/  | /'
	if grep -aq 'no path left and the system is shutting down' "$log"; then
		echo "MPT-OK watch"
	else
		echo "MPT-FAIL watch: the daemon did not turn the root map's queueing off"
	fi
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
