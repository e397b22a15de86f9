/* The multipath.conf keywords mpboot understands: where each may appear,
 * which field it sets, and how its value is read and written back. */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/bindings.h"
#include "config/internal.h"
#include "util/str.h"

#define KS_ALL		(KS_DEFAULTS | KS_OVERRIDES | KS_DEVICE | KS_MULTIPATH)
#define KS_NOT_MP	(KS_DEFAULTS | KS_OVERRIDES | KS_DEVICE)

#define ATTR(n, t, s, a, f) \
	{ n, t, s, 0, a, offsetof(struct mp_attrs, f), \
	  sizeof(((struct mp_attrs *)0)->f), 0, 0 }
#define ATTR_NAME(n, s, a, f, reserve) \
	{ n, KT_NAME, s, 0, a, offsetof(struct mp_attrs, f), \
	  sizeof(((struct mp_attrs *)0)->f), 0, reserve }
#define ATTR_INT(n, s, a, f, lo, hi) \
	{ n, KT_INT, s, 0, a, offsetof(struct mp_attrs, f), sizeof(int), lo, hi }
#define GLOB(n, t, g, f) \
	{ n, t, KS_DEFAULTS, 1, g, offsetof(struct config, f), \
	  sizeof(((struct config *)0)->f), 0, 0 }
#define GLOB_INT(n, g, f, lo, hi) \
	{ n, KT_INT, KS_DEFAULTS, 1, g, offsetof(struct config, f), \
	  sizeof(int), lo, hi }

/* Attributes in enum cfg_attr order, then globals in enum cfg_global
 * order: kw_attr and kw_global index this table. */
static const struct keyword keywords[] = {
	ATTR("path_grouping_policy", KT_PGPOLICY, KS_ALL, CA_PGPOLICY, pgpolicy),
	ATTR("path_selector", KT_STR, KS_ALL, CA_SELECTOR, selector),
	ATTR("path_checker", KT_STR, KS_NOT_MP, CA_CHECKER, checker),
	ATTR("prio", KT_STR, KS_ALL, CA_PRIO, prio),
	ATTR("prio_args", KT_STR, KS_ALL, CA_PRIO_ARGS, prio_args),
	ATTR("hardware_handler", KT_STR, KS_DEFAULTS | KS_DEVICE,
	     CA_HWHANDLER, hwhandler),
	ATTR("features", KT_STR, KS_ALL, CA_FEATURES, features),
	ATTR("no_path_retry", KT_NO_PATH_RETRY, KS_ALL, CA_NO_PATH_RETRY,
	     no_path_retry),
	ATTR("failback", KT_FAILBACK, KS_ALL, CA_FAILBACK, failback),
	ATTR_INT("rr_min_io_rq", KS_ALL, CA_RR_MIN_IO_RQ, rr_min_io_rq,
		 1, INT_MAX),
	ATTR("rr_weight", KT_RR_WEIGHT, KS_ALL, CA_RR_WEIGHT,
	     rr_weight_priorities),
	ATTR("detect_prio", KT_BOOL, KS_NOT_MP, CA_DETECT_PRIO, detect_prio),
	ATTR("detect_checker", KT_BOOL, KS_NOT_MP, CA_DETECT_CHECKER,
	     detect_checker),
	ATTR("skip_kpartx", KT_BOOL, KS_ALL, CA_SKIP_KPARTX, skip_kpartx),
	ATTR("user_friendly_names", KT_BOOL, KS_ALL, CA_USER_FRIENDLY_NAMES,
	     user_friendly_names),
	ATTR_NAME("alias_prefix", KS_NOT_MP, CA_ALIAS_PREFIX, alias_prefix,
		  CONFIG_PART_SUFFIX_MAX + BINDINGS_ID_LETTERS),
	ATTR_NAME("alias", KS_MULTIPATH, CA_ALIAS, alias,
		  CONFIG_PART_SUFFIX_MAX),
	ATTR("fast_io_fail_tmo", KT_TMO, KS_NOT_MP | KS_PROTOCOL,
	     CA_FAST_IO_FAIL, fast_io_fail),
	ATTR("dev_loss_tmo", KT_DEV_LOSS, KS_NOT_MP | KS_PROTOCOL, CA_DEV_LOSS,
	     dev_loss),
	ATTR("eh_deadline", KT_TMO, KS_NOT_MP | KS_PROTOCOL, CA_EH_DEADLINE,
	     eh_deadline),
	ATTR("san_path_err_threshold", KT_NO_OR_NUM, KS_ALL,
	     CA_SAN_PATH_ERR_THRESHOLD, san_path_err_threshold),
	ATTR("san_path_err_forget_rate", KT_NO_OR_NUM, KS_ALL,
	     CA_SAN_PATH_ERR_FORGET_RATE, san_path_err_forget_rate),
	ATTR("san_path_err_recovery_time", KT_NO_OR_NUM, KS_ALL,
	     CA_SAN_PATH_ERR_RECOVERY_TIME, san_path_err_recovery_time),
	ATTR("delay_watch_checks", KT_NO_OR_NUM, KS_ALL,
	     CA_DELAY_WATCH_CHECKS, delay_watch_checks),
	ATTR("delay_wait_checks", KT_NO_OR_NUM, KS_ALL,
	     CA_DELAY_WAIT_CHECKS, delay_wait_checks),

	GLOB_INT("verbosity", CG_VERBOSITY, verbosity, 0, 6),
	/* capped at a day, so 4 * polling_interval cannot overflow */
	GLOB_INT("polling_interval", CG_POLLING_INTERVAL, polling_interval,
		 1, 86400),
	GLOB_INT("max_polling_interval", CG_MAX_POLLING_INTERVAL,
		 max_polling_interval, 1, 4 * 86400),
	GLOB("find_multipaths", KT_FIND, CG_FIND_MULTIPATHS, find_multipaths),
	GLOB_INT("find_multipaths_timeout", CG_FIND_MULTIPATHS_TIMEOUT,
		 find_multipaths_timeout, INT_MIN + 1, INT_MAX),
	GLOB("queue_without_daemon", KT_BOOL, CG_QUEUE_WITHOUT_DAEMON,
	     queue_without_daemon),
	GLOB("bindings_file", KT_STR, CG_BINDINGS_FILE, bindings_file),
	GLOB("wwids_file", KT_STR, CG_WWIDS_FILE, wwids_file),
	GLOB("config_dir", KT_STR, CG_CONFIG_DIR, config_dir),
	/* capped at a day: the SCSI timeout is milliseconds in 32 bits */
	GLOB_INT("checker_timeout", CG_CHECKER_TIMEOUT, checker_timeout,
		 0, 86400),
};

#define N_KEYWORDS (sizeof(keywords) / sizeof(keywords[0]))

/* multipath-tools keywords that matter to multipathd, udev or sysfs
 * tuning, not to assembling maps: accepted so real configs load quietly. */
static const char *const ignored[] = {
	"deferred_remove", "disable_changed_wwids", "enable_foreign",
	"flush_on_last_del", "force_sync", "getuid_callout", "ghost_delay",
	"log_checker_err", "marginal_path_double_failed_time",
	"marginal_path_err_rate_threshold",
	"marginal_path_err_recheck_gap_time",
	"marginal_path_err_sample_time", "marginal_pathgroups", "max_fds",
	"max_sectors_kb", "missing_uev_wait_timeout", "multipath_dir",
	"prkeys_file", "recheck_wwid",
	"reservation_key", "retain_attached_hw_handler", "retrigger_delay",
	"retrigger_tries", "rr_min_io", "skip_partitions", "strict_timing", "uid_attribute", "uid_attrs",
	"uxsock_timeout", "vpd_vendor", "allow_usb_devices",
	"all_tg_pt", "auto_resize", "detect_pgpolicy",
	"detect_pgpolicy_use_tpg", "reassign_maps", "find_multipaths_tmo",
	"user_friendly_names_prefix", "mode", "uid", "gid",
};

const struct keyword *kw_find(const char *name)
{
	size_t i;

	if (!strcmp(name, "checker"))	/* the old spelling */
		name = "path_checker";
	for (i = 0; i < N_KEYWORDS; i++)
		if (!strcmp(keywords[i].name, name))
			return &keywords[i];
	return NULL;
}

const struct keyword *kw_attr(enum cfg_attr a)
{
	return &keywords[a];
}

const struct keyword *kw_global(enum cfg_global g)
{
	return &keywords[CA_COUNT + g];
}

int kw_protocol_known(const char *name)
{
	static const char *const known[] = {
		"undef", "ccw", "cciss", "scsi:fcp", "scsi:spi", "scsi:ssa",
		"scsi:sbp", "scsi:srp", "scsi:iscsi", "scsi:sas", "scsi:adt",
		"scsi:ata", "scsi:usb", "scsi:unspec", "nvme:pcie",
		"nvme:rdma", "nvme:fc", "nvme:tcp", "nvme:loop",
		"nvme:apple-nvme", "nvme:unspec",
	};
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(known[i], name))
			return 1;
	return 0;
}

int kw_ignored(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
		if (!strcmp(ignored[i], name))
			return 1;
	return 0;
}

struct name_value {
	const char *name;
	int value;
};

static const struct name_value pgpolicies[] = {
	{ "failover", PGP_FAILOVER }, { "multibus", PGP_MULTIBUS },
	{ "group_by_serial", PGP_GROUP_BY_SERIAL },
	{ "group_by_prio", PGP_GROUP_BY_PRIO },
	{ "group_by_node_name", PGP_GROUP_BY_NODE_NAME },
	{ "group_by_tpg", PGP_GROUP_BY_TPG }, { NULL, 0 },
};

/* The first name of a value is the one printed. */
static const struct name_value finds[] = {
	{ "off", FIND_OFF }, { "no", FIND_OFF }, { "on", FIND_ON },
	{ "yes", FIND_ON }, { "strict", FIND_STRICT },
	{ "greedy", FIND_GREEDY }, { "smart", FIND_SMART }, { NULL, 0 },
};

static const struct name_value failbacks[] = {
	{ "manual", FAILBACK_MANUAL }, { "immediate", FAILBACK_IMMEDIATE },
	{ "followover", FAILBACK_FOLLOWOVER }, { NULL, 0 },
};

static const struct name_value no_path_retries[] = {
	{ "fail", NO_PATH_RETRY_FAIL }, { "queue", NO_PATH_RETRY_QUEUE },
	{ NULL, 0 },
};

static const struct name_value tmos[] = {
	{ "off", TMO_OFF }, { "0", TMO_ZERO }, { NULL, 0 },
};

static const struct name_value rr_weights[] = {
	{ "uniform", 0 }, { "priorities", 1 }, { NULL, 0 },
};

static const struct name_value bools[] = {
	{ "yes", 1 }, { "no", 0 }, { "1", 1 }, { "0", 0 }, { NULL, 0 },
};

static int lookup(const struct name_value *t, const char *s, int *out)
{
	for (; t->name; t++)
		if (!strcmp(t->name, s)) {
			*out = t->value;
			return 0;
		}
	return -EINVAL;
}

static const char *name_of(const struct name_value *t, int value)
{
	for (; t->name; t++)
		if (t->value == value)
			return t->name;
	return NULL;
}

int cfg_parse_find(const char *s, enum find_multipaths *out)
{
	int v;

	if (lookup(finds, s, &v))
		return -EINVAL;
	*out = v;
	return 0;
}

const char *config_name_refused(const char *name, size_t reserve)
{
	if (!name[0])
		return "a map name cannot be empty";
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return "'.' and '..' cannot be map names";
	if (strchr(name, '/'))
		return "device-mapper refuses '/' in a map name";
	if (strlen(name) + reserve > CONFIG_NAME_MAX)
		return reserve == CONFIG_PART_SUFFIX_MAX ?
		       "too long: device-mapper takes 127 characters and "
		       "partition maps add up to 8 (\"-part128\")" :
		       "too long: device-mapper takes 127 characters, a "
		       "friendly name adds up to 7 letters and partition maps "
		       "up to 8 more";
	return NULL;
}

static int parse_dev_loss(const char *s, unsigned *out)
{
	unsigned long long v;
	char *end;

	if (!strcmp(s, "infinity")) {
		*out = DEV_LOSS_INFINITY;
		return 0;
	}
	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v == 0 || v > UINT_MAX)
		return -EINVAL;
	*out = (unsigned)v;
	return 0;
}

int kw_parse(const struct keyword *kw, const char *value, void *base,
	     const char **why)
{
	void *field = (char *)base + kw->off;
	int v = 0;

	switch (kw->type) {
	case KT_BOOL:
		*why = "expected yes or no";
		if (lookup(bools, value, &v))
			return -EINVAL;
		break;
	case KT_INT:
		*why = kw->min > 0 ? "expected a positive number" :
		       kw->max < INT_MAX ? "expected a number in range" :
		       "expected a number";
		if (str_to_int(value, kw->min, kw->max, &v))
			return -EINVAL;
		break;
	case KT_STR:
		*why = "value too long";
		if (strlen(value) >= kw->size)
			return -EINVAL;
		str_copy(field, value, kw->size);
		return 0;
	case KT_NAME:
		*why = config_name_refused(value, (size_t)kw->max);
		if (!*why && strlen(value) >= kw->size)
			*why = "value too long";
		if (*why)
			return -EINVAL;
		str_copy(field, value, kw->size);
		return 0;
	case KT_PGPOLICY:
		*why = "expected failover, multibus, group_by_serial, "
		       "group_by_prio, group_by_node_name or group_by_tpg";
		if (lookup(pgpolicies, value, &v))
			return -EINVAL;
		break;
	case KT_FAILBACK:
		*why = "expected manual, immediate, followover or seconds > 0";
		if (lookup(failbacks, value, &v) &&
		    str_to_int(value, 1, INT_MAX, &v))
			return -EINVAL;
		break;
	case KT_NO_PATH_RETRY:
		*why = "expected fail, queue or a number of checks";
		/* multipath-tools reads "0" as fail */
		if (lookup(no_path_retries, value, &v) &&
		    str_to_int(value, 0, INT_MAX, &v))
			return -EINVAL;
		if (v == 0)
			v = NO_PATH_RETRY_FAIL;
		break;
	case KT_RR_WEIGHT:
		*why = "expected uniform or priorities";
		if (lookup(rr_weights, value, &v))
			return -EINVAL;
		break;
	case KT_FIND:
		*why = "expected off, on, strict, greedy or smart";
		if (lookup(finds, value, &v))
			return -EINVAL;
		break;
	case KT_TMO:
		*why = "expected off, 0 or seconds";
		if (lookup(tmos, value, &v) &&
		    str_to_int(value, 1, INT_MAX, &v))
			return -EINVAL;
		break;
	case KT_DEV_LOSS:
		/* multipath-tools reads "0" as not set */
		*why = "expected infinity or seconds > 0";
		return parse_dev_loss(value, field);
	case KT_NO_OR_NUM:
		*why = "expected no or a number > 0";
		if (strcmp(value, "no") && strcmp(value, "off") &&
		    str_to_int(value, 1, INT_MAX, &v))
			return -EINVAL;
		break;
	}
	*(int *)field = v;
	return 0;
}

/* A string as a config value: in quotes, with quotes doubled. */
static void quote(const char *s, char *buf, size_t len)
{
	size_t o = 0;

	if (len < 3) {
		if (len)
			buf[0] = '\0';
		return;
	}
	buf[o++] = '"';
	for (; *s && o + 3 < len; s++) {
		if (*s == '"')
			buf[o++] = '"';
		buf[o++] = *s;
	}
	buf[o++] = '"';
	buf[o] = '\0';
}

void kw_format(const struct keyword *kw, const void *base, char *buf,
	       size_t len)
{
	const void *field = (const char *)base + kw->off;
	int v = kw->type == KT_STR || kw->type == KT_NAME ? 0 :
		*(const int *)field;
	const char *name = NULL;

	switch (kw->type) {
	case KT_STR:
	case KT_NAME:
		quote(field, buf, len);
		return;
	case KT_DEV_LOSS:
		if (*(const unsigned *)field == DEV_LOSS_INFINITY)
			snprintf(buf, len, "infinity");
		else
			snprintf(buf, len, "%u", *(const unsigned *)field);
		return;
	case KT_TMO:
		name = name_of(tmos, v);
		break;
	case KT_BOOL:
		name = v ? "yes" : "no";
		break;
	case KT_INT:
		break;
	case KT_NO_OR_NUM:
		name = v ? NULL : "no";
		break;
	case KT_PGPOLICY:
		name = name_of(pgpolicies, v);
		break;
	case KT_FAILBACK:
		name = name_of(failbacks, v);
		break;
	case KT_NO_PATH_RETRY:
		name = v == NO_PATH_RETRY_UNDEF ? "fail" :
		       name_of(no_path_retries, v);
		break;
	case KT_RR_WEIGHT:
		name = name_of(rr_weights, v);
		break;
	case KT_FIND:
		name = name_of(finds, v);
		break;
	}
	if (name)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "%d", v);
}

void cfg_attr_copy(struct cfg_attrs *dst, const struct cfg_attrs *src,
		   enum cfg_attr a)
{
	const struct keyword *kw = kw_attr(a);

	memcpy((char *)&dst->v + kw->off, (const char *)&src->v + kw->off,
	       kw->size);
	dst->from[a] = src->from[a];
}

void cfg_builtin_attrs(struct mp_attrs *a)
{
	memset(a, 0, sizeof(*a));
	a->pgpolicy = PGP_FAILOVER;
	str_copy(a->selector, "service-time 0", sizeof(a->selector));
	str_copy(a->checker, "tur", sizeof(a->checker));
	str_copy(a->prio, "const", sizeof(a->prio));
	str_copy(a->hwhandler, "0", sizeof(a->hwhandler));
	str_copy(a->features, "0", sizeof(a->features));
	a->no_path_retry = NO_PATH_RETRY_UNDEF;
	a->failback = FAILBACK_MANUAL;
	a->rr_min_io_rq = 1;
	a->detect_prio = 1;
	a->detect_checker = 1;
	str_copy(a->alias_prefix, "mpath", sizeof(a->alias_prefix));
	a->fast_io_fail = 5;
}
