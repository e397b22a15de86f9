/* What most commands start from: the roots opened once, the configuration
 * (multipath.conf, kernel command line, wwids, bindings) and the scanned
 * paths. */
#pragma once

#include "cmd/cmd.h"
#include "config/bindings.h"
#include "config/cmdline.h"
#include "config/config.h"
#include "config/wwids.h"
#include "dm/plan.h"
#include "kpartx/kpartx.h"
#include "scan/scan.h"

struct mpb_env {
	int sysfd, devfd, rootfd;
	struct config cfg;
	struct boot_cmdline cmdline;
	struct wwids wwids;
	struct bindings bindings;
	struct path_list paths;
	/* how partition maps are named: mpboot.part_delim=, else what the
	 * root's files say (kpartx_root_delim) */
	struct kpartx_delim part_delim;
	unsigned save_pending;	/* ENV_SAVE_*: to write once the root is
				 * writable (once_save_pending) */
};

#define ENV_SAVE_BINDINGS	1u
#define ENV_SAVE_WWIDS		2u

/* Open everything. Returns 0, or an exit code (1 sysfs unreadable, 2 bad
 * root directories) after saying why. */
int env_open(const struct mpb_opts *o, struct mpb_env *e);
void env_close(struct mpb_env *e);

/* What env_open reads under the roots already open: the kernel command
 * line, the configuration, wwids, bindings, the partition delimiter, the
 * scan. The daemon's
 * reconfigure unloads and loads again, keeping the root fds (after
 * switch_root the paths they were opened by are gone). Returns as
 * env_open. */
int env_load(const struct mpb_opts *o, struct mpb_env *e);
void env_unload(struct mpb_env *e);

/* The priority of path p under a's prioritizer: sends the SCSI commands
 * it needs through SG_IO on the device node (src/dm/prio.c says which and
 * reads the answers). */
int env_path_prio(const struct mpb_env *e, const struct mp_attrs *a,
		  const struct path *p);

/* mpboot daemon's control socket, abstract (shown with '@' in
 * /proc/net/unix). */
#define ENV_MPBOOT_SOCKET	"@mpboot"

/* Whether multipathd is running: it listens on an abstract socket listed
 * in <root>/proc/net/unix (read whole: the kernel hands it over a page per
 * read). */
int env_multipathd_running(int rootfd);

/* Whether a daemon that reinstates paths runs, multipathd or mpboot
 * daemon (its control socket): queueing is then safe. */
int env_daemon_running(int rootfd);

/* plan_wwid_known with e's wwids file, configuration and command line. */
int env_wwid_known(const struct mpb_env *e, const char *wwid);

/* The maps the configuration asks for on the scanned paths; running and
 * held as in struct plan_input (may be NULL). Without prio no
 * prioritizer runs (no SCSI command is sent). */
int env_plan(struct mpb_env *e, struct plan *plan,
	     const struct dmio_list *running,
	     const struct held_paths *held, int prio);
