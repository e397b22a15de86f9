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
#include "scan/scan.h"

struct mpb_env {
	int sysfd, devfd, rootfd;
	struct config cfg;
	struct boot_cmdline cmdline;
	struct wwids wwids;
	struct bindings bindings;
	struct path_list paths;
};

/* Open everything. Returns 0, or an exit code (1 sysfs unreadable, 2 bad
 * root directories) after saying why. */
int env_open(const struct mpb_opts *o, struct mpb_env *e);
void env_close(struct mpb_env *e);

/* The priority of path p under a's prioritizer: sends the SCSI commands
 * it needs through SG_IO on the device node (src/dm/prio.c says which and
 * reads the answers). */
int env_path_prio(const struct mpb_env *e, const struct mp_attrs *a,
		  const struct path *p);

/* Whether multipathd is running: it listens on an abstract socket listed
 * in <root>/proc/net/unix (read whole: the kernel hands it over a page per
 * read). A daemon that reinstates paths makes queueing safe. */
int env_multipathd_running(int rootfd);

/* The maps the configuration asks for on the scanned paths; running and
 * held as in struct plan_input (may be NULL). */
int env_plan(struct mpb_env *e, struct plan *plan,
	     const struct dmio_list *running,
	     const struct held_paths *held);
