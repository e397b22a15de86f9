/* The checker daemon: one poll loop over signals, device-mapper events,
 * kernel uevents, the control socket and the checks in flight; it runs
 * each path's checker when due, feeds the results to the state machine
 * (mapstate.h) and sends the target messages it returns. daemon.c holds
 * the life of the daemon and the loop, check.c the checks and messages.
 *
 * The functions below are also what the control socket's commands call
 * (src/ctl). Each returns 0 or -errno; a message for the client, if any,
 * is in the log. */
#pragma once

#include <poll.h>

#include "checker/checker.h"
#include "cmd/cmd.h"
#include "cmd/env.h"
#include "cmd/once.h"
#include "ctl/ctlsrv.h"
#include "daemon/state.h"
#include "daemon/takeover.h"
#include "daemon/uevent.h"

struct dmn {
	const struct mpb_opts *opts;
	struct mpb_env env;
	struct st st;
	struct chk_aio aio;	/* directio's, opened on first need */
	int sigfd, dmfd, uevfd;
	struct ctlsrv ctl;	/* the control socket, @mpboot */
	int ctl_open;
	/* poll set, sized for every path at each (re)build */
	struct pollfd *pfd;
	int *who;		/* path index of pfd[k], or a DMN_FD_* */
	unsigned pfd_cap;
	int stop;		/* SIGTERM, SIGINT or `shutdown` */
	long long sync_at;	/* ms: rescan and apply then (0: not asked) */
	int sync_config;	/* re-read the configuration too */
	long long now_ms;	/* of the current pass */
	long long status_at;	/* ms: without dm events, read every map's
				 * status then */
	struct dmn_ho ho;	/* the hand-over to multipathd (takeover.c) */
	int handed_over;	/* stopped for multipathd: queueing untouched */
	/* the LUNs after the first's (dmn_open's first), a map a pass */
	struct once *rest;
	char uev_buf[UEV_MSG_MAX];
};

/* Set up: open the roots, read the configuration, assemble every map
 * (like --once, queueing kept), adopt the maps in the kernel and open the
 * loop's fds. Returns 0 or an exit code (1, 2) after saying why. With
 * first (a WWID: the init mode's root), only that LUN is assembled before
 * it returns; the loop assembles the others, one map a pass, then writes
 * their udev database entries (decision 87). */
int dmn_open(struct dmn *d, const struct mpb_opts *o, const char *first);
/* Run until asked to stop; then, with queue_without_daemon no, turn
 * queueing off in every map (as multipathd on exit). Returns the exit
 * code. */
int dmn_run(struct dmn *d);
void dmn_close(struct dmn *d);

/* Rescan the paths (and with config, re-read the configuration), apply
 * what changed (reloads only where a table differs; a map whose paths are
 * all gone is removed unless in use) and rebuild the state, keeping what
 * it knew of the paths still there. SIGHUP and `reconfigure` (config 1),
 * sd uevents (config 0). */
int dmn_sync(struct dmn *d, int config);
/* Ask for a sync (config 0) a second from now, joining one asked for
 * already: a burst of events makes one. */
void dmn_ask_sync(struct dmn *d);

/* The control commands: fail (fail 1) or reinstate the path named dev ("sdb") in
 * the kernel now (the checker decides again at its next check, as with
 * multipathd); switch map (name or UUID) to group g (1-based); queueing
 * off or back on (map NULL: every map). -ENOENT: no such map or path. */
int dmn_path_message(struct dmn *d, const char *dev, int fail);
int dmn_switch_group(struct dmn *d, const char *map, unsigned g);
int dmn_queueing(struct dmn *d, const char *map, int on);

/* ctlcmd.c: the control socket's handler (ctl.h's ctl_handler, ctx the
 * struct dmn). */
int dmn_ctl(void *ctx, const struct ctl_req *r, struct ctl_out *o);

/* check.c: the checks of the loop. */

/* Start the check of path i of m if it is due; a check that needs no I/O
 * (device state, none) delivers its result at once. */
void dmn_check_start(struct dmn *d, struct st_map *m, unsigned i,
		     long long now);
/* Its fd was readable (directio: after chk_aio_reap). */
void dmn_check_collect(struct dmn *d, struct st_map *m, unsigned i,
		       long long now);
/* Past its deadline: the result is timeout. */
void dmn_check_expire(struct dmn *d, struct st_map *m, unsigned i,
		      long long now);
/* Send the target messages in a, in order, to m, leaving out a path's
 * message when the kernel already has the path so; the kernel's view in m
 * follows the ones that went through. Returns 0, or -EIO when one failed
 * (said in the log). */
int dmn_send(struct dmn *d, struct st_map *m, const struct ms_actions *a);
/* fail_path (fail 1) or reinstate_path for path i of m, sent even when
 * the kernel's state is already that (a command from the user). */
int dmn_send_path(struct dmn *d, struct st_map *m, unsigned i, int fail);
/* Close the checkers of s (the ones that can be). */
void dmn_close_checks(struct dmn *d, struct st *s);
