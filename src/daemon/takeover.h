/* The daemon's side of the hand-over to multipathd (the decisions are in
 * handover.h): find the real root, add the WWIDs multipathd would refuse
 * to its wwids file once it is writable, ask multipathd without ever
 * blocking the loop (a connection refused says it is not there: nothing
 * is read or allocated each second while it is not), and stop the
 * daemon, queueing untouched, once every map is taken. A daemon started
 * in an initramfs (sharing PID 1's root) also enters PID 1's new root
 * once switch_root changed it, and bindings and wwids kept while the
 * root was read-only are written once it is writable; both are looked
 * for at each mount change.
 *
 * The real root is PID 1's root, reached through a /proc opened before
 * switch_root (the daemon's own root may be the emptied initramfs
 * afterwards); while it holds /etc/initrd-release it is the initramfs and
 * nothing is done. The loop polls two fds of ours: the connection to
 * multipathd while an exchange runs, and /proc/self/mountinfo, which
 * reports a mount change (systemd-remount-fs making / writable) at once,
 * so the WWIDs are written before multipathd.service, ordered after it,
 * starts; a slow timer covers the rest. */
#pragma once

#include <poll.h>
#include <sys/types.h>

#include "config/cmdline.h"
#include "ctl/mpathd.h"

struct dmn;

struct dmn_ho {
	int opened;		/* dmn_ho_open ran (a zeroed one holds nothing) */
	enum handover_mode mode;
	int procfd;		/* /proc, opened at start; -1: no hand-over */
	int mountsfd;		/* <proc>/self/mountinfo, POLLPRI on change */
	long long next_ms;	/* next look, ms */
	long long deadline_ms;	/* of the exchange in flight */
	int step;		/* exchange in flight: 0 none, 1-3 */
	struct mpd_conn conn;
	char *reply[3];		/* show daemon, maps, paths */
	int wwids_done;		/* nothing (more) to add to the wwids file */
	int seen;		/* multipathd's socket seen (logged once) */
	char *last;		/* what was last said about the maps */
	int follow;		/* PID 1's root is ours, an initramfs: enter
				 * its next one (switch_root) */
	dev_t root_dev;		/* that root */
	ino_t root_ino;
	long long follow_ms;	/* next look at PID 1's root, ms */
	long long follow_until;	/* looks once a second until then (after a
				 * mount change: PID 1 chroots after the
				 * moves) */
	long long shutdown_ms;	/* next look for the shutdown's last stage */
	long long nologin_ms;	/* next look for /run/nologin */
	int nologin;		/* it was there at the last look */
};

/* Set up from the kernel command line (mode); the fds are opened here,
 * before the daemon is ready. */
void dmn_ho_open(struct dmn *d);
void dmn_ho_close(struct dmn *d);

/* Do what is due at now (ms); returns the time of the next thing to do,
 * or next when that is sooner. */
long long dmn_ho_tick(struct dmn *d, long long now, long long next);

/* The poll entries of ours, added at pfd (room for two); returns how many,
 * with who[] set to the two values given. */
unsigned dmn_ho_pollset(struct dmn *d, struct pollfd *pfd, int *who,
			int who_conn, int who_mounts);

/* The connection is ready (revents), or the mount table changed. */
void dmn_ho_conn_ready(struct dmn *d, long long now);
void dmn_ho_mounts_changed(struct dmn *d);
