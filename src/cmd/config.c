/* mpboot config: print the effective configuration, as `multipath -t`
 * does, with where each value that is not a built-in default came from. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "config/cmdline.h"
#include "config/config.h"
#include "log.h"
#include "util/fs.h"

/* Settings on the kernel command line win over the files. */
static int apply_cmdline(struct config *cfg, int rootfd)
{
	struct boot_cmdline cl;
	int r = cmdline_load(rootfd, &cl);

	if (r)
		return r;
	config_apply_cmdline(cfg, &cl);
	cmdline_free(&cl);
	return 0;
}

int cmd_config(const struct mpb_opts *o, int argc, char **argv)
{
	const char *path = "etc/multipath.conf";
	struct config cfg;
	int rootfd, r;
	char *text;

	if (argc > 1) {
		fprintf(stderr, "mpboot: %s takes no arguments\n"
			"Try 'mpboot --help'.\n", argv[0]);
		return 2;
	}
	rootfd = fs_open_root(o->root);
	if (rootfd < 0) {
		log_err("%s: cannot open root (%s)", o->root,
			strerror(-rootfd));
		return 2;
	}
	if (o->config)
		path = o->config;	/* main made it absolute */
	r = config_load(&cfg, rootfd, path);
	if (r && r != -ENOMEM) {	/* -c FILE unreadable: said why */
		config_free(&cfg);
		close(rootfd);
		return 2;
	}
	if (!r)
		r = apply_cmdline(&cfg, rootfd);
	close(rootfd);
	text = r ? NULL : config_format(&cfg);
	config_free(&cfg);
	if (!text) {
		log_err("out of memory");
		return 1;
	}
	fputs(text, stdout);
	free(text);
	return 0;
}
