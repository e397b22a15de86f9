/* mpboot: multipath assembly for early boot. Command line and dispatch. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "log.h"
#include "util/fs.h"
#include "util/str.h"

#ifndef MPBOOT_VERSION
#define MPBOOT_VERSION "0.0-dev"
#endif

static const char usage_text[] =
"usage: mpboot [global options] [command] [command options]\n"
"\n"
"commands:\n"
"  --once [--part-delim STR] [--lvm-conf FILE]\n"
"                      scan paths, build multipath and partition maps, exit\n"
"  --dry-run [--part-delim STR]\n"
"                      print the tables --once would load, change nothing\n"
"  paths [--json]      list SCSI paths with their WWIDs\n"
"  list [MAP|DEV] [--json]\n"
"                      show maps, their groups and paths\n"
"  flush [MAP]         remove maps and their partition maps (not in use)\n"
"  lvm-filter [--devices-file] [--part-delim STR]\n"
"                      print an LVM filter accepting only multipath maps\n"
"  config              print the effective configuration\n"
"  daemon [--foreground] [--first WWID]\n"
"                      build the maps like --once, then check every path\n"
"                      and keep the maps in step until SIGTERM; --first:\n"
"                      ready once that LUN's maps are, the others after\n"
"  check [DEV...]      run each path's checker once (all at once, each with\n"
"                      its checker_timeout): sdX H:C:T:L checker state (ms)\n"
"  ctl [--timeout S] COMMAND\n"
"                      ask the running daemon (abstract socket @mpboot):\n"
"                      show paths|maps [--json], show map NAME [--json],\n"
"                      show config,\n"
"                      fail|reinstate path sdX, switchgroup map NAME N,\n"
"                      disablequeueing|restorequeueing map NAME|all,\n"
"                      reconfigure, shutdown (changes need root)\n"
"  udev-db [--run DIR] write udev database entries (DIR/udev/data) for\n"
"                      every map, partition map and path, for a real root\n"
"                      booted without udev\n"
"  member DEV          whether disk DEV is (or is to be) a path of a map,\n"
"                      for a udev rule: DM_MULTIPATH_DEVICE_PATH=1 or 0\n"
"  part-delim          the partition map delimiter the root's files give\n"
"                      (etc/mpboot/part-delim, else the udev rule running\n"
"                      kpartx -p): the delimiter, or default\n"
"  init [ARG...]       PID 1 of an initramfs: build the root's maps, mount\n"
"                      root=, switch_root to its init with ARGs (also when\n"
"                      mpboot runs as PID 1 or is named init)\n"
"\n"
"exit codes: 0 done, 1 something asked for failed, 2 usage or config error\n"
"\n"
"global options:\n"
"  --sysfs DIR         sysfs root (default /sys)\n"
"  --dev DIR           device node root (default /dev)\n"
"  --root DIR          root for /etc and /proc files (default /)\n"
"  -c, --config FILE   multipath.conf (default <root>/etc/multipath.conf)\n"
"  -v N                verbosity 0-6 (default 2)\n"
"  -h, --help          this text\n"
"  -V, --version       print the version\n";

struct command {
	const char *name;
	int (*run)(const struct mpb_opts *o, int argc, char **argv);
};

static const struct command commands[] = {
	{ "--once",	cmd_once },
	{ "--dry-run",	cmd_once },
	{ "paths",	cmd_paths },
	{ "list",	cmd_list },
	{ "flush",	cmd_flush },
	{ "lvm-filter",	cmd_lvm_filter },
	{ "check",	cmd_check },
	{ "config",	cmd_config },
	{ "daemon",	cmd_daemon },
	{ "ctl",	cmd_ctl },
	{ "udev-db",	cmd_udev_db },
	{ "member",	cmd_member },
	{ "part-delim",	cmd_part_delim },
	{ "init",	cmd_init },
};

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "mpboot: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'mpboot --help'.\n");
	return 2;
}

/* Global options may stand anywhere; what is left (the command and its
 * own options) is moved to the front of argv. Returns how many are left,
 * or -1 when main should exit with *rc. */
static int parse_globals(int argc, char **argv, struct mpb_opts *o, int *rc)
{
	int i, left = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **dst = NULL;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage_text, stdout);
			*rc = 0;
			return -1;
		}
		if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			printf("mpboot %s\n", MPBOOT_VERSION);
			*rc = 0;
			return -1;
		}
		if (!strcmp(a, "--sysfs"))
			dst = &o->sysfs;
		else if (!strcmp(a, "--dev"))
			dst = &o->dev;
		else if (!strcmp(a, "--root"))
			dst = &o->root;
		else if (!strcmp(a, "-c") || !strcmp(a, "--config"))
			dst = &o->config;
		else if (strcmp(a, "-v")) {
			argv[left++] = argv[i];
			continue;
		}
		if (i + 1 >= argc) {
			*rc = usage_error("option %s needs a value", a);
			return -1;
		}
		if (dst) {
			*dst = argv[++i];
			continue;
		}
		if (str_to_int(argv[++i], 0, 6, &o->verbosity)) {
			*rc = usage_error("bad verbosity '%s': expected 0-6",
					  argv[i]);
			return -1;
		}
	}
	return left;
}

/* *path made absolute from the current directory (buf holds it).
 * Returns 0, or 2 after saying why. */
static int make_absolute(const char *opt, const char **path, char *buf,
			 size_t size)
{
	if (!(*path)[0]) {
		fprintf(stderr, "mpboot: %s needs a path, not an empty string\n",
			opt);
		return 2;
	}
	if ((*path)[0] == '/')
		return 0;
	if (strlen(*path) + 2 >= size ||
	    !getcwd(buf, size - strlen(*path) - 2)) {
		fprintf(stderr, "mpboot: %s %s: cannot find the current "
			"directory: %s\n", opt, *path, strerror(errno));
		return 2;
	}
	strcat(strcat(buf, "/"), *path);
	*path = buf;
	return 0;
}

/* A configuration file named on the command line must be one mpboot can
 * read: a regular file (not a directory, a FIFO) that opens. */
static int check_config(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	int err = 0;

	if (fd < 0 || fstat(fd, &st))
		err = errno;
	else if (!S_ISREG(st.st_mode))
		err = FS_ENOTREG;
	if (fd >= 0)
		close(fd);
	if (err)
		fprintf(stderr, "mpboot: %s: cannot read the configuration: "
			"%s\n", path, fs_strerror(-err));
	return err ? 2 : 0;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

int main(int argc, char **argv)
{
	struct mpb_opts o = {
		.sysfs = "/sys", .dev = "/dev", .root = "/", .verbosity = -1,
	};
	char config[PATH_MAX], dev[PATH_MAX];
	int rc = 2, n;
	size_t c;

	/* As /init the arguments are the kernel's, for the real init: no
	 * option of ours among them. */
	if (getpid() == 1 || (argc > 0 && !strcmp(base_name(argv[0]), "init")))
		return cmd_init(&o, argc, argv);
	n = parse_globals(argc, argv, &o, &rc);
	if (n < 0)
		return rc;
	/* -c FILE is relative to where mpboot was started, not to --root;
	 * --dev too, and libdevmapper takes only an absolute one. No
	 * multipath.conf is normal; a named one that cannot be read is
	 * not. */
	if (o.config && (make_absolute("-c", &o.config, config,
				       sizeof(config)) ||
			 check_config(o.config)))
		return 2;
	if (make_absolute("--dev", &o.dev, dev, sizeof(dev)))
		return 2;
	if (o.verbosity >= 0)
		log_verbosity = o.verbosity;
	if (n == 0) {
		fputs(usage_text, stderr);
		return 2;
	}
	for (c = 0; c < sizeof(commands) / sizeof(commands[0]); c++)
		if (!strcmp(argv[0], commands[c].name))
			return commands[c].run(&o, n, argv);
	return usage_error("unknown command '%s'", argv[0]);
}
