/* multipath.conf with multipath-tools' meaning: parsing, precedence and
 * matching. Pure logic apart from config_load, which reads the files. */
#pragma once

#include <limits.h>
#include <regex.h>
#include <stddef.h>

#include "scan/path.h"

enum pgpolicy {
	PGP_FAILOVER,
	PGP_MULTIBUS,
	PGP_GROUP_BY_SERIAL,
	PGP_GROUP_BY_PRIO,
	PGP_GROUP_BY_NODE_NAME,
	PGP_GROUP_BY_TPG,
};

enum find_multipaths {
	FIND_OFF,	/* "no"/"off": every non-blacklisted path */
	FIND_ON,	/* "yes"/"on": known WWIDs, or 2+ paths */
	FIND_STRICT,	/* known WWIDs only */
	FIND_GREEDY,	/* every non-blacklisted path */
	FIND_SMART,	/* like on, plus single paths after a timeout */
};

#define NO_PATH_RETRY_UNDEF	0
#define NO_PATH_RETRY_FAIL	-1	/* "fail" */
#define NO_PATH_RETRY_QUEUE	-2	/* "queue" */

/* fast_io_fail_tmo and eh_deadline: seconds > 0, or one of these. */
#define TMO_UNSET		0	/* leave the kernel's value */
#define TMO_OFF			-1	/* "off" */
#define TMO_ZERO		-2	/* "0" */

/* dev_loss_tmo: seconds, 0 unset, or "infinity". */
#define DEV_LOSS_INFINITY	UINT_MAX

#define FAILBACK_UNDEF		0
#define FAILBACK_MANUAL		-1
#define FAILBACK_IMMEDIATE	-2
#define FAILBACK_FOLLOWOVER	-3

/* Everything a map's table and name depend on, resolved for one LUN through
 * multipaths > overrides > devices (user entries over the built-in hardware
 * table) > defaults > built-in, the order multipath-tools applies. */
struct mp_attrs {
	enum pgpolicy pgpolicy;
	char selector[64];	/* "service-time 0" */
	char checker[16];	/* "tur", "directio", "readsector0", "none" */
	char prio[16];		/* a prioritizer (src/dm/prio.h) */
	char prio_args[256];
	char hwhandler[64];	/* "0" or "1 alua" */
	char features[256];	/* "0", "1 queue_if_no_path", "2 pg_init_retries 50" */
	int no_path_retry;	/* N > 0 checks, or NO_PATH_RETRY_* */
	int failback;		/* seconds > 0, or FAILBACK_* */
	int rr_min_io_rq;
	int rr_weight_priorities;	/* rr_weight: 0 uniform, 1 priorities */
	int detect_prio;
	int detect_checker;
	int skip_kpartx;
	int user_friendly_names;
	char alias_prefix[32];	/* "mpath" */
	char alias[128];	/* multipaths entry alias, "" when none */
	/* Transport timeouts written to sysfs for each path (not in
	 * multipaths entries, as in multipath-tools). */
	int fast_io_fail;	/* seconds > 0, or TMO_*; default 5 */
	unsigned dev_loss;	/* seconds, 0 unset, DEV_LOSS_INFINITY */
	int eh_deadline;	/* seconds > 0, or TMO_* */
	/* The checker daemon's hold of flapping paths (0: no); the
	 * deprecated delay_* map onto san_path_err_* (ps_err_policy). */
	int san_path_err_threshold;
	int san_path_err_forget_rate;
	int san_path_err_recovery_time;	/* seconds */
	int delay_watch_checks;
	int delay_wait_checks;
};

/* Where a setting came from, for messages and `mpboot config`. */
struct cfg_origin {
	const char *file;	/* "/etc/multipath.conf", "hwtable", "cmdline",
				 * "built-in"; NULL: never set */
	int line;		/* 0 when not from a file */
};

/* The per-map attributes, one per struct mp_attrs field. */
enum cfg_attr {
	CA_PGPOLICY, CA_SELECTOR, CA_CHECKER, CA_PRIO, CA_PRIO_ARGS,
	CA_HWHANDLER, CA_FEATURES, CA_NO_PATH_RETRY, CA_FAILBACK,
	CA_RR_MIN_IO_RQ, CA_RR_WEIGHT, CA_DETECT_PRIO, CA_DETECT_CHECKER,
	CA_SKIP_KPARTX, CA_USER_FRIENDLY_NAMES, CA_ALIAS_PREFIX, CA_ALIAS,
	CA_FAST_IO_FAIL, CA_DEV_LOSS, CA_EH_DEADLINE,
	CA_SAN_PATH_ERR_THRESHOLD, CA_SAN_PATH_ERR_FORGET_RATE,
	CA_SAN_PATH_ERR_RECOVERY_TIME, CA_DELAY_WATCH_CHECKS,
	CA_DELAY_WAIT_CHECKS,
	CA_COUNT
};

/* One layer of settings (defaults, overrides, a device or a multipath
 * entry): only attributes with from[a].file set were given. */
struct cfg_attrs {
	struct mp_attrs v;
	struct cfg_origin from[CA_COUNT];
};

/* A regular expression of the configuration, prepared on first use
 * (config/regex.c); zeroed is new. It belongs to the entry holding the
 * pattern. */
enum cfg_re_state {
	CFG_RE_NEW, CFG_RE_PLAIN, CFG_RE_COMPILED, CFG_RE_BROKEN,
};

struct cfg_re {
	enum cfg_re_state state;
	regex_t re;		/* CFG_RE_COMPILED only */
};

/* Make re ready to match pattern (config/regex.c): a plain pattern needs
 * no work, others are compiled now. Backreferences and repetition too
 * costly to compile are refused, as for every regex of the configuration
 * (also prio_args'). Returns 0, or -EINVAL (-ENOMEM) with why saying what
 * is wrong with the pattern. */
int cfg_re_prepare(struct cfg_re *re, const char *pattern, char *why,
		   size_t why_len);
/* 1 when text (NULL: "") matches pattern anywhere. A new re is prepared
 * here; one that cannot be is logged and matches nothing. */
int cfg_re_match(struct cfg_re *re, const char *pattern, const char *text);
void cfg_re_free(struct cfg_re *re);

/* A devices/device entry: vendor, product, revision are POSIX extended
 * regexes, matched unanchored; "" matches anything. bl_product (the
 * product_blacklist keyword) adds a blacklist device entry for the same
 * vendor. */
struct cfg_device {
	char vendor[128], product[128], revision[128], bl_product[128];
	struct cfg_re re[3];	/* vendor, product, revision */
	struct cfg_origin origin;
	struct cfg_attrs attrs;
};

struct cfg_multipath {
	char wwid[256];
	struct cfg_origin origin;
	struct cfg_attrs attrs;
};

/* An overrides/protocol entry: transport timeouts for the paths of one
 * protocol ("scsi:fcp", as path_protocol names it), above overrides. */
struct cfg_protocol {
	char type[16];
	struct cfg_origin origin;
	struct cfg_attrs attrs;
};

enum cfg_filter_kind {
	FILTER_DEVNODE, FILTER_WWID, FILTER_DEVICE, FILTER_PROTOCOL,
	FILTER_PROPERTY,	/* udev property names (config_udev_property) */
};

/* One blacklist or blacklist_exceptions rule. A regex starting with '!'
 * matches what the rest does not match ("\\!" for a leading '!' itself),
 * each of a device entry's two alike. */
struct cfg_filter {
	enum cfg_filter_kind kind;
	char text[256];		/* the regex; the vendor one for FILTER_DEVICE */
	char product[128];	/* FILTER_DEVICE only, "" matches anything */
	struct cfg_re re, re_product;
	struct cfg_origin origin;
};

struct cfg_filters {
	struct cfg_filter **v;
	size_t n;
};

/* Global (defaults-only) settings, for their origins. */
enum cfg_global {
	CG_VERBOSITY, CG_POLLING_INTERVAL, CG_MAX_POLLING_INTERVAL,
	CG_FIND_MULTIPATHS, CG_FIND_MULTIPATHS_TIMEOUT,
	CG_QUEUE_WITHOUT_DAEMON, CG_BINDINGS_FILE, CG_WWIDS_FILE,
	CG_CONFIG_DIR, CG_CHECKER_TIMEOUT, CG_COUNT
};

struct config {
	int verbosity;			/* 0-6, default 2 */
	int polling_interval;		/* seconds, default 5 */
	int max_polling_interval;	/* default 4 * polling_interval */
	enum find_multipaths find_multipaths;	/* mpboot default: on */
	int find_multipaths_timeout;	/* seconds; < 0: -N, or 1 s for
					 * hardware not in the table */
	int queue_without_daemon;	/* default no */
	char bindings_file[256];	/* "/etc/multipath/bindings" */
	char wwids_file[256];		/* "/etc/multipath/wwids" */
	char config_dir[256];		/* "/etc/multipath/conf.d" */
	int checker_timeout;		/* seconds; 0: the device's
					 * device/timeout */
	struct cfg_origin gfrom[CG_COUNT];

	struct cfg_attrs defaults, overrides;
	struct cfg_device **devices;	/* the hardware table, then the user's */
	size_t n_devices, n_hwtable;
	struct cfg_multipath **multipaths;
	size_t n_multipaths;
	struct cfg_protocol **protocols;	/* in overrides */
	size_t n_protocols;
	struct cfg_filters blacklist, exceptions;
	char **names;			/* file names the origins point to */
	size_t n_names;
	int ready;			/* config_init done */
};

struct boot_cmdline;

/* Built-in defaults and the hardware table. config_load and
 * config_parse_text call it on a zeroed struct themselves.
 * Returns 0 or -ENOMEM. */
int config_init(struct config *cfg);

/* Read <rootfd>/path (relative, "etc/multipath.conf") or path itself when
 * absolute (-c FILE, outside the root), then <root>/<config_dir>/ *.conf in
 * alphabetical order. A missing or unreadable file in the root is a
 * warning, as are bad lines; a line holding binary data (NUL or a control
 * byte) is an error naming file:line, and is left out while the rest of
 * the file still counts. cfg is initialized here (free a loaded one
 * first). Returns 0, -ENOMEM, or the -errno of an absolute path that
 * cannot be read as a regular file. */
int config_load(struct config *cfg, int rootfd, const char *path);

void config_free(struct config *cfg);

/* Parse multipath.conf text on top of what cfg holds; name is used in
 * messages and origins. Returns 0 or -ENOMEM. */
int config_parse_text(struct config *cfg, const char *name, const char *text);

/* Resolve the attributes of the map p belongs to (p: any path of the LUN). */
void config_resolve(const struct config *cfg, const struct path *p,
		    struct mp_attrs *out);

/* 1 when p is blacklisted (why says by which rule and where), 0 if not. */
int config_blacklisted(const struct config *cfg, const struct path *p,
		       char *why, size_t why_len);

/* The names of the udev properties p would carry on a Debian system, as
 * far as mpboot can tell (blacklist.c says which), sorted as libudev lists
 * them: call with *i = 0 until NULL. `property` rules match these. */
const char *config_udev_property(const struct path *p, size_t *i);

/* 1 when a multipaths entry exists for wwid, 0 if not. */
int config_has_multipath(const struct config *cfg, const char *wwid);

/* Device-mapper takes names of up to 127 characters without '/'; a map's
 * partition maps add a suffix ("p12", or "-part128" with --part-delim
 * -part), and a friendly name adds up to 7 letters to alias_prefix. */
#define CONFIG_NAME_MAX		127
#define CONFIG_PART_SUFFIX_MAX	8

/* Why name cannot be a map name with reserve more characters after it,
 * or NULL when it can. */
const char *config_name_refused(const char *name, size_t reserve);

/* Edit a kernel features string ("<count> <word>..."): drop every `word`
 * and, with add, append it once; the count is recomputed. A result too
 * long for size leaves features unchanged. */
void features_edit(char *features, size_t size, const char *word, int add);

/* Kernel command line settings win over the files: mpboot.find sets
 * find_multipaths, mpboot.find_timeout find_multipaths_timeout, mpboot.verbose
 * verbosity (origin "cmdline"). cl->wwids and cl->disabled are the
 * caller's to act on. */
void config_apply_cmdline(struct config *cfg, const struct boot_cmdline *cl);

/* The effective configuration in multipath.conf syntax (readable back),
 * with the origin of every value that is not a built-in default as a
 * trailing comment. Returns a malloc'd string, or NULL without memory. */
char *config_format(const struct config *cfg);
