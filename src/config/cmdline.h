/* mpboot's kernel command line parameters (the text of /proc/cmdline):
 *   mpboot=off, rd.multipath=0, multipath=off, nompath   disable mpboot
 *   mpboot.wwid=W[,W...]   known WWIDs (repeatable)
 *   mpboot.find=off|on|strict|greedy|smart   find_multipaths
 *   mpboot.timeout=SECONDS  find_multipaths_timeout
 *   mpboot.verbose=0..6     verbosity
 *   mpboot.handover=auto|never|always   the hand-over to multipathd
 * cmdline_parse is pure; cmdline_load reads the file. */
#pragma once

#include <stddef.h>

/* What the daemon does when multipathd runs in the real root
 * (src/daemon/handover.h says what "taken" means). */
enum handover_mode {
	HANDOVER_AUTO,		/* exit once multipathd took every map; add
				 * the WWIDs it would refuse to its wwids */
	HANDOVER_NEVER,		/* keep checking; write nothing of the root's */
	HANDOVER_ALWAYS,	/* exit once multipathd is configured, whether
				 * it took every map or not */
};

struct boot_cmdline {
	int disabled;
	char **wwids;
	size_t n_wwids;
	int find_multipaths;	/* enum find_multipaths, -1 unset */
	int timeout;		/* seconds, -1 unset */
	int verbosity;		/* 0-6, -1 unset */
	enum handover_mode handover;	/* default auto */
};

/* Parse text into out (overwritten). A bad value is a warning naming the
 * parameter, then ignored. Returns 0 or -ENOMEM. */
int cmdline_parse(const char *text, struct boot_cmdline *out);

/* Parse <rootfd>/proc/cmdline into out; no such file (no /proc in the
 * root) is an empty command line. Returns 0 or -ENOMEM. */
int cmdline_load(int rootfd, struct boot_cmdline *out);

void cmdline_free(struct boot_cmdline *cl);
