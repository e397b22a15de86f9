/* The hand-over decisions: what multipathd's find_multipaths is, which
 * WWIDs it refuses, when a map is taken, when mpboot may exit. */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "config/cmdline.h"
#include "config/config.h"
#include "config/wwids.h"
#include "daemon/handover.h"
#include "log.h"

#define W1 "360014050000000000000000000000001"
#define W2 "360014050000000000000000000000002"

static void parse(struct config *cfg, const char *text)
{
	memset(cfg, 0, sizeof(*cfg));
	T_INTEQ(config_parse_text(cfg, "/etc/multipath.conf", text), 0);
}

/* multipathd's default is strict, whatever mpboot's own is; what the
 * real root's files set wins; mpboot.find= is mpboot's alone. */
static void test_multipathd_find(void)
{
	struct boot_cmdline cl;
	struct config cfg;

	parse(&cfg, "");
	T_INTEQ(cfg.find_multipaths, FIND_ON);	/* mpboot's default */
	T_INTEQ(ho_multipathd_find(&cfg), FIND_STRICT);
	config_free(&cfg);
	parse(&cfg, "defaults {\n\tfind_multipaths yes\n}\n");
	T_INTEQ(ho_multipathd_find(&cfg), FIND_ON);
	config_free(&cfg);
	parse(&cfg, "defaults {\n\tfind_multipaths greedy\n}\n");
	T_INTEQ(ho_multipathd_find(&cfg), FIND_GREEDY);
	config_free(&cfg);
	parse(&cfg, "defaults {\n\tfind_multipaths strict\n}\n");
	T_INTEQ(ho_multipathd_find(&cfg), FIND_STRICT);
	config_free(&cfg);
	parse(&cfg, "");
	T_INTEQ(cmdline_parse("mpboot.find=greedy", &cl), 0);
	config_apply_cmdline(&cfg, &cl);
	T_INTEQ(cfg.find_multipaths, FIND_GREEDY);
	T_INTEQ(ho_multipathd_find(&cfg), FIND_STRICT);
	cmdline_free(&cl);
	config_free(&cfg);
}

/* Only strict refuses, and only a WWID the wwids file lacks (with on or
 * smart a running map or two paths keep a LUN). */
static void test_refused(void)
{
	struct wwids w = { 0 };

	T_INTEQ(wwids_parse(&w, "wwids", "/" W1 "/\n"), 0);
	T_INTEQ(ho_refused(FIND_STRICT, &w, W1), 0);
	T_INTEQ(ho_refused(FIND_STRICT, &w, W2), 1);
	T_INTEQ(ho_refused(FIND_ON, &w, W2), 0);
	T_INTEQ(ho_refused(FIND_SMART, &w, W2), 0);
	T_INTEQ(ho_refused(FIND_GREEDY, &w, W2), 0);
	T_INTEQ(ho_refused(FIND_OFF, &w, W2), 0);
	wwids_free(&w);
}

static const char *const root_paths[] = { "sdb", "sdc" };
static const struct ho_map root_map = {
	"mpatha", W1, root_paths, 2
};

static const struct mpd_map both_maps[] = {
	{ W2, "mpathb" }, { W1, "mpatha" },
};

static struct ho_view view(const struct mpd_path *paths, size_t n)
{
	struct ho_view v = {
		MPD_DAEMON_READY, both_maps, 2, paths, n
	};
	return v;
}

static void test_taken(void)
{
	static const struct mpd_path p[] = {
		{ "sdb", W1, MPD_DM_ACTIVE, MPD_CHK_READY },
		{ "sdc", W1, MPD_DM_FAILED, MPD_CHK_FAULTY },
		{ "sdd", W2, MPD_DM_ACTIVE, MPD_CHK_READY },
	};
	struct ho_view v = view(p, 3);

	/* a failed path is checked all the same: multipathd found it down */
	T_INTEQ(ho_map_state(&root_map, &v), HO_TAKEN);
	/* listed in another order, or by another name: WWIDs decide */
	v.maps = both_maps + 1;
	v.n_maps = 1;
	T_INTEQ(ho_map_state(&root_map, &v), HO_TAKEN);
}

static void test_not_taken(void)
{
	static const struct mpd_path orphan[] = {
		{ "sdb", W1, MPD_DM_ACTIVE, MPD_CHK_READY },
		{ "sdc", W1, MPD_DM_UNDEF, MPD_CHK_UNDEF },	/* orphan */
	};
	static const struct mpd_path unchecked[] = {
		{ "sdb", W1, MPD_DM_ACTIVE, MPD_CHK_READY },
		{ "sdc", W1, MPD_DM_ACTIVE, MPD_CHK_UNDEF },
	};
	static const struct mpd_path undef_dm[] = {
		{ "sdb", W1, MPD_DM_ACTIVE, MPD_CHK_READY },
		{ "sdc", W1, MPD_DM_UNDEF, MPD_CHK_READY },
	};
	static const struct mpd_path missing[] = {
		{ "sdb", W1, MPD_DM_ACTIVE, MPD_CHK_READY },
	};
	static const struct mpd_path other_wwid[] = {
		{ "sdb", W1, MPD_DM_ACTIVE, MPD_CHK_READY },
		{ "sdc", W2, MPD_DM_ACTIVE, MPD_CHK_READY },
	};
	static const struct mpd_path good[] = {
		{ "sdb", W1, MPD_DM_ACTIVE, MPD_CHK_PENDING },
		{ "sdc", W1, MPD_DM_ACTIVE, MPD_CHK_READY },
	};
	struct ho_view v;

	v = view(orphan, 2);
	T_INTEQ(ho_map_state(&root_map, &v), HO_UNCHECKED);
	v = view(unchecked, 2);
	T_INTEQ(ho_map_state(&root_map, &v), HO_UNCHECKED);
	v = view(undef_dm, 2);
	T_INTEQ(ho_map_state(&root_map, &v), HO_UNCHECKED);
	v = view(missing, 1);
	T_INTEQ(ho_map_state(&root_map, &v), HO_UNCHECKED);
	v = view(other_wwid, 2);
	T_INTEQ(ho_map_state(&root_map, &v), HO_UNCHECKED);
	/* the same paths, multipathd still configuring */
	v = view(good, 2);
	T_INTEQ(ho_map_state(&root_map, &v), HO_TAKEN);
	v.daemon = MPD_DAEMON_OTHER;
	T_INTEQ(ho_map_state(&root_map, &v), HO_UNCHECKED);
	/* the map not listed at all */
	v = view(good, 2);
	v.maps = both_maps;
	v.n_maps = 1;
	T_INTEQ(ho_map_state(&root_map, &v), HO_UNLISTED);
	v.n_maps = 0;
	T_INTEQ(ho_map_state(&root_map, &v), HO_UNLISTED);
}

static void test_may_exit(void)
{
	static const enum ho_state all[] = { HO_TAKEN, HO_TAKEN };
	static const enum ho_state one[] = { HO_TAKEN, HO_UNCHECKED };
	static const enum ho_state gone[] = { HO_UNLISTED, HO_TAKEN };
	struct ho_view v = view(NULL, 0);

	T_INTEQ(ho_may_exit(HANDOVER_AUTO, &v, all, 2), 1);
	T_INTEQ(ho_may_exit(HANDOVER_AUTO, &v, one, 2), 0);
	T_INTEQ(ho_may_exit(HANDOVER_AUTO, &v, gone, 2), 0);
	T_INTEQ(ho_may_exit(HANDOVER_AUTO, &v, NULL, 0), 1);
	T_INTEQ(ho_may_exit(HANDOVER_NEVER, &v, all, 2), 0);
	T_INTEQ(ho_may_exit(HANDOVER_ALWAYS, &v, one, 2), 1);
	T_INTEQ(ho_may_exit(HANDOVER_ALWAYS, &v, gone, 2), 1);
	/* nothing before multipathd is configured, whatever the mode */
	v.daemon = MPD_DAEMON_OTHER;
	T_INTEQ(ho_may_exit(HANDOVER_AUTO, &v, all, 2), 0);
	T_INTEQ(ho_may_exit(HANDOVER_AUTO, &v, NULL, 0), 0);
	T_INTEQ(ho_may_exit(HANDOVER_ALWAYS, &v, all, 2), 0);
}

/* The replies as they come, through the parsers, into the decision. */
static void test_from_replies(void)
{
	char daemon[] = "pid 301 idle\n",
	     maps[] = W1 " mpatha\n",
	     paths[] = "sda  undef undef\n"
		       "sdb " W1 " active ready\n"
		       "sdc " W1 " active i/o pending\n";
	struct mpd_map *m = NULL;
	struct mpd_path *p = NULL;
	struct ho_view v = { 0 };
	enum ho_state st;
	int pid;

	T_INTEQ(mpd_parse_daemon(daemon, &pid, &v.daemon), 0);
	T_INTEQ(mpd_parse_maps(maps, &m, &v.n_maps), 0);
	T_INTEQ(mpd_parse_paths(paths, &p, &v.n_paths), 0);
	v.maps = m;
	v.paths = p;
	st = ho_map_state(&root_map, &v);
	T_INTEQ(st, HO_TAKEN);
	T_INTEQ(ho_may_exit(HANDOVER_AUTO, &v, &st, 1), 1);
	free(m);
	free(p);
}

int main(void)
{
	log_verbosity = 0;
	T_RUN(test_multipathd_find);
	T_RUN(test_refused);
	T_RUN(test_taken);
	T_RUN(test_not_taken);
	T_RUN(test_may_exit);
	T_RUN(test_from_replies);
	return t_done();
}
