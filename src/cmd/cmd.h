/* Subcommands. Each takes the global options already parsed and its own
 * arguments (argv[0] is the subcommand name), and returns the process exit
 * code: 0 success, 1 something asked for failed, 2 usage or configuration
 * error. */
#pragma once

struct mpb_opts {
	const char *sysfs;	/* sysfs root, default /sys */
	const char *dev;	/* device node root, default /dev */
	const char *root;	/* root for /etc and /proc, default / */
	const char *config;	/* multipath.conf, default <root>/etc/multipath.conf */
	int verbosity;		/* -v N, or -1 when not given */
};

int cmd_paths(const struct mpb_opts *o, int argc, char **argv);
int cmd_config(const struct mpb_opts *o, int argc, char **argv);
int cmd_once(const struct mpb_opts *o, int argc, char **argv);
int cmd_list(const struct mpb_opts *o, int argc, char **argv);
int cmd_flush(const struct mpb_opts *o, int argc, char **argv);
int cmd_check(const struct mpb_opts *o, int argc, char **argv);
/* The init mode: argv[1..] are passed on to the real init. Never
 * returns as PID 1; elsewhere it refuses (2). */
int cmd_init(const struct mpb_opts *o, int argc, char **argv);
int cmd_lvm_filter(const struct mpb_opts *o, int argc, char **argv);
int cmd_daemon(const struct mpb_opts *o, int argc, char **argv);
int cmd_ctl(const struct mpb_opts *o, int argc, char **argv);
int cmd_udev_db(const struct mpb_opts *o, int argc, char **argv);
int cmd_member(const struct mpb_opts *o, int argc, char **argv);
int cmd_part_delim(const struct mpb_opts *o, int argc, char **argv);
