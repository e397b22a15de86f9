/* multipath.conf with multipath-tools' meaning: parsing, precedence and
 * matching. Pure logic apart from config_load, which reads the files. */
#pragma once

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

#define FAILBACK_UNDEF		0
#define FAILBACK_MANUAL		-1
#define FAILBACK_IMMEDIATE	-2
#define FAILBACK_FOLLOWOVER	-3

/* Everything a map's table and name depend on, resolved for one LUN through
 * multipaths > overrides > devices > defaults > hardware table > built-in. */
struct mp_attrs {
	enum pgpolicy pgpolicy;
	char selector[64];	/* "service-time 0" */
	char checker[16];	/* "tur", "directio", "readsector0", "none" */
	char prio[16];		/* "const", "alua", "sysfs", "weightedpath" */
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
};
