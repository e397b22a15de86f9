/* Transport timeouts: the keywords (parsing, precedence, printing), the
 * pure decision of what goes to sysfs (multipath-tools 0.9.4's rules), and
 * the writes themselves on copies of the hand-made sysfs trees. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "t.h"
#include "config/config.h"
#include "log.h"
#include "scan/scan.h"
#include "scan/sysfs.h"
#include "scan/transport.h"
#include "util/fs.h"

#define FIXTURES "tests/unit/fixtures/sysfs"

static void parse(struct config *cfg, const char *text)
{
	memset(cfg, 0, sizeof(*cfg));
	T_INTEQ(config_parse_text(cfg, "/etc/multipath.conf", text), 0);
}

static struct path vendor_path(const char *vendor, const char *model)
{
	struct path p;

	memset(&p, 0, sizeof(p));
	strcpy(p.dev, "sdb");
	strcpy(p.vendor, vendor);
	strcpy(p.model, model);
	strcpy(p.wwid, "3600a0b8");
	return p;
}

static void test_keywords(void)
{
	struct path p = vendor_path("ACME", "BOX");
	struct config cfg;
	struct mp_attrs a;
	char *text;

	/* built-in: fast_io_fail_tmo 5, the others unset */
	parse(&cfg, "");
	config_resolve(&cfg, &p, &a);
	T_INTEQ(a.fast_io_fail, 5);
	T_INTEQ(a.dev_loss, 0);
	T_INTEQ(a.eh_deadline, TMO_UNSET);
	text = config_format(&cfg);
	/* the defaults section only: hardware table entries set some */
	if (text && strstr(text, "\n}\n"))
		strstr(text, "\n}\n")[1] = '\0';
	T_CHECK(text && strstr(text, "\tfast_io_fail_tmo 5\n"));
	T_CHECK(text && !strstr(text, "dev_loss_tmo"));
	T_CHECK(text && !strstr(text, "eh_deadline"));
	free(text);
	config_free(&cfg);

	/* off, 0 and infinity; overrides > devices > defaults */
	parse(&cfg, "defaults {\n fast_io_fail_tmo off\n dev_loss_tmo 30\n"
		    " eh_deadline 0\n}\n"
		    "devices {\n device {\n  vendor ACME\n  product BOX\n"
		    "  dev_loss_tmo infinity\n  eh_deadline off\n }\n}\n"
		    "overrides {\n eh_deadline 20\n}\n");
	config_resolve(&cfg, &p, &a);
	T_INTEQ(a.fast_io_fail, TMO_OFF);
	T_INTEQ(a.dev_loss, DEV_LOSS_INFINITY);
	T_INTEQ(a.eh_deadline, 20);
	text = config_format(&cfg);
	T_CHECK(text && strstr(text, "\tfast_io_fail_tmo off\t# /etc/multipath.conf:2\n"));
	T_CHECK(text && strstr(text, "\tdev_loss_tmo 30\t# /etc/multipath.conf:3\n"));
	T_CHECK(text && strstr(text, "\teh_deadline 0\t# /etc/multipath.conf:4\n"));
	T_CHECK(text && strstr(text, "\t\tdev_loss_tmo infinity\t# /etc/multipath.conf:10\n"));
	T_CHECK(text && strstr(text, "\t\teh_deadline off\t# /etc/multipath.conf:11\n"));
	free(text);
	config_free(&cfg);

	/* "0" is zero for fast_io_fail_tmo; bad values keep the lower layer;
	 * a multipaths entry cannot set them */
	parse(&cfg, "defaults {\n fast_io_fail_tmo 0\n dev_loss_tmo 0\n"
		    " eh_deadline -3\n}\n"
		    "overrides {\n dev_loss_tmo 12s\n fast_io_fail_tmo never\n}\n"
		    "multipaths {\n multipath {\n  wwid 3600a0b8\n"
		    "  dev_loss_tmo 99\n }\n}\n");
	config_resolve(&cfg, &p, &a);
	T_INTEQ(a.fast_io_fail, TMO_ZERO);
	T_INTEQ(a.dev_loss, 0);
	T_INTEQ(a.eh_deadline, TMO_UNSET);
	config_free(&cfg);
	parse(&cfg, "defaults {\n dev_loss_tmo 4294967295\n}\n");
	config_resolve(&cfg, &p, &a);
	T_INTEQ(a.dev_loss, DEV_LOSS_INFINITY);
	config_free(&cfg);
	parse(&cfg, "defaults {\n dev_loss_tmo 4294967296\n}\n");
	config_resolve(&cfg, &p, &a);
	T_INTEQ(a.dev_loss, 0);
	config_free(&cfg);
}

/* overrides/protocol: above overrides for paths of that protocol only,
 * later entries winning attribute by attribute; bad entries dropped. */
static void test_protocol_section(void)
{
	struct path fc = vendor_path("ACME", "BOX"), sas = fc;
	struct config cfg;
	struct mp_attrs a;

	fc.transport = TRANSPORT_FC;
	sas.transport = TRANSPORT_SAS;
	parse(&cfg, "overrides {\n fast_io_fail_tmo 7\n dev_loss_tmo 90\n"
		    " protocol {\n  type scsi:fcp\n  dev_loss_tmo 60\n"
		    "  fast_io_fail_tmo 3\n }\n"
		    " protocol {\n  eh_deadline 4\n }\n"
		    " protocol {\n  type scsi:fcp\n  fast_io_fail_tmo off\n"
		    "  no_path_retry queue\n }\n}\n");
	T_INTEQ(cfg.n_protocols, 2);
	config_resolve(&cfg, &fc, &a);
	T_INTEQ(a.fast_io_fail, TMO_OFF);
	T_INTEQ(a.dev_loss, 60);
	T_INTEQ(a.eh_deadline, TMO_UNSET);
	T_INTEQ(a.no_path_retry, NO_PATH_RETRY_UNDEF);
	config_resolve(&cfg, &sas, &a);
	T_INTEQ(a.fast_io_fail, 7);
	T_INTEQ(a.dev_loss, 90);
	config_free(&cfg);
	/* only inside overrides, only known types */
	parse(&cfg, "defaults {\n protocol {\n  type scsi:fcp\n }\n}\n"
		    "overrides {\n protocol {\n  type scsi:fc\n"
		    "  dev_loss_tmo 60\n }\n}\n");
	T_INTEQ(cfg.n_protocols, 0);
	config_free(&cfg);
}

/* The plan as text: "host:eh_deadline=off port:dev_loss_tmo=6! ...", '!'
 * marking a write that must succeed for the next ones on its device. */
static const char *plan_text(const struct tmo_settings *s,
			     enum path_transport t, long long cur,
			     unsigned *notes)
{
	static char buf[256];
	struct tmo_dirs d = { .transport = t, .host = "H", .port = "P" };
	struct tmo_plan plan;
	size_t i, len = 0;

	if (t == TRANSPORT_OTHER)
		d.port[0] = '\0';
	tmo_plan(s, &d, cur, &plan);
	buf[0] = '\0';
	for (i = 0; i < plan.n; i++)
		len += snprintf(buf + len, sizeof(buf) - len, "%s%s:%s=%s%s",
				i ? " " : "",
				plan.w[i].dir == d.host ? "host" : "port",
				plan.w[i].attr, plan.w[i].value,
				plan.w[i].required ? "!" : "");
	*notes = plan.notes;
	return buf;
}

static void test_plan(void)
{
	struct tmo_settings s = { .fast_io_fail = 5, .checkint = 5 };
	unsigned n;

	/* defaults: only fast_io_fail_tmo, on FC and iSCSI */
	T_STREQ(plan_text(&s, TRANSPORT_FC, 60, &n),
		"port:fast_io_fail_tmo=5");
	T_STREQ(plan_text(&s, TRANSPORT_ISCSI, -1, &n), "port:recovery_tmo=5");
	T_STREQ(plan_text(&s, TRANSPORT_SAS, -1, &n), "");
	T_STREQ(plan_text(&s, TRANSPORT_OTHER, -1, &n), "");
	T_INTEQ(n, TMO_UNSUPPORTED);

	/* FC: dev_loss_tmo first raised above fast_io_fail_tmo */
	T_STREQ(plan_text(&s, TRANSPORT_FC, 5, &n),
		"port:dev_loss_tmo=6! port:fast_io_fail_tmo=5");
	s.dev_loss = 30;
	T_STREQ(plan_text(&s, TRANSPORT_FC, 3, &n),
		"port:dev_loss_tmo=6! port:fast_io_fail_tmo=5 "
		"port:dev_loss_tmo=30");
	/* an unreadable dev_loss_tmo leaves the remote port alone */
	T_STREQ(plan_text(&s, TRANSPORT_FC, -1, &n), "");
	T_INTEQ(n, TMO_UNREADABLE);

	/* fast_io_fail_tmo not below dev_loss_tmo: off */
	s.fast_io_fail = 30;
	T_STREQ(plan_text(&s, TRANSPORT_FC, 60, &n),
		"port:fast_io_fail_tmo=off port:dev_loss_tmo=30");
	T_INTEQ(n, TMO_FIO_OFF);

	/* no_path_retry raises dev_loss_tmo: N checks, or forever */
	s.fast_io_fail = 5;
	s.no_path_retry = 12;
	T_STREQ(plan_text(&s, TRANSPORT_FC, 60, &n),
		"port:fast_io_fail_tmo=5 port:dev_loss_tmo=60");
	T_INTEQ(n, TMO_RAISED);
	s.no_path_retry = NO_PATH_RETRY_QUEUE;
	T_STREQ(plan_text(&s, TRANSPORT_FC, 60, &n),
		"port:fast_io_fail_tmo=5 port:dev_loss_tmo=4294967295");
	T_STREQ(plan_text(&s, TRANSPORT_SAS, -1, &n),
		"port:I_T_nexus_loss_timeout=4294967295");
	/* ... but not when dev_loss_tmo is unset */
	s.dev_loss = 0;
	T_STREQ(plan_text(&s, TRANSPORT_FC, 60, &n),
		"port:fast_io_fail_tmo=5");
	T_INTEQ(n, 0);

	/* without fast_io_fail_tmo the FC limit is 600, unless queueing */
	s.fast_io_fail = TMO_OFF;
	s.dev_loss = 900;
	s.no_path_retry = NO_PATH_RETRY_FAIL;
	T_STREQ(plan_text(&s, TRANSPORT_FC, 60, &n),
		"port:fast_io_fail_tmo=off port:dev_loss_tmo=600");
	T_INTEQ(n, TMO_LIMITED);
	s.no_path_retry = NO_PATH_RETRY_QUEUE;
	s.dev_loss = DEV_LOSS_INFINITY;
	T_STREQ(plan_text(&s, TRANSPORT_FC, 60, &n),
		"port:fast_io_fail_tmo=off port:dev_loss_tmo=4294967295");
	s.fast_io_fail = TMO_ZERO;
	s.no_path_retry = 0;
	s.dev_loss = 900;
	T_STREQ(plan_text(&s, TRANSPORT_FC, 60, &n),
		"port:fast_io_fail_tmo=0 port:dev_loss_tmo=600");

	/* iSCSI: no dev_loss_tmo, no off or 0 */
	T_STREQ(plan_text(&s, TRANSPORT_ISCSI, -1, &n), "");
	T_INTEQ(n, TMO_ISCSI_DEV_LOSS | TMO_ISCSI_FIO);
	s.fast_io_fail = 15;
	T_STREQ(plan_text(&s, TRANSPORT_ISCSI, -1, &n),
		"port:recovery_tmo=15");

	/* eh_deadline goes to the host whatever the transport */
	s.fast_io_fail = TMO_UNSET;
	s.dev_loss = 0;
	s.eh_deadline = TMO_ZERO;
	T_STREQ(plan_text(&s, TRANSPORT_OTHER, -1, &n), "host:eh_deadline=0");
	T_INTEQ(n, 0);
	s.eh_deadline = TMO_OFF;
	T_STREQ(plan_text(&s, TRANSPORT_FC, -1, &n), "host:eh_deadline=off");
	s.eh_deadline = 300;
	s.fast_io_fail = 5;
	T_STREQ(plan_text(&s, TRANSPORT_OTHER, -1, &n), "host:eh_deadline=300");
	T_INTEQ(n, TMO_UNSUPPORTED);
}

static void test_find_dirs(void)
{
	struct tmo_dirs d;

	T_INTEQ(transport_find_dirs("devices/pci0/0000:05:00.0/host5/"
				    "rport-5:0-0/target5:0:0/5:0:0:3", &d), 0);
	T_INTEQ(d.transport, TRANSPORT_FC);
	T_STREQ(d.host, "devices/pci0/0000:05:00.0/host5/scsi_host/host5");
	T_STREQ(d.port, "devices/pci0/0000:05:00.0/host5/rport-5:0-0/"
			"fc_remote_ports/rport-5:0-0");
	T_INTEQ(transport_find_dirs("devices/platform/host3/session1/"
				    "target3:0:0/3:0:0:0", &d), 0);
	T_INTEQ(d.transport, TRANSPORT_ISCSI);
	T_STREQ(d.port, "devices/platform/host3/session1/iscsi_session/session1");
	T_INTEQ(transport_find_dirs("devices/p/host0/port-0:0/end_device-0:0:1/"
				    "target0:0:1/0:0:1:0", &d), 0);
	T_INTEQ(d.transport, TRANSPORT_SAS);
	T_STREQ(d.host, "devices/p/host0/scsi_host/host0");
	T_STREQ(d.port, "devices/p/host0/port-0:0/end_device-0:0:1/"
			"sas_end_device/end_device-0:0:1");
	T_INTEQ(transport_find_dirs("devices/v/virtio1/host2/target2:0:0/2:0:0:1",
				    &d), 0);
	T_INTEQ(d.transport, TRANSPORT_OTHER);
	T_STREQ(d.host, "devices/v/virtio1/host2/scsi_host/host2");
	T_STREQ(d.port, "");
	/* "hostname" is no SCSI host */
	T_INTEQ(transport_find_dirs("devices/hostname/x", &d), 0);
	T_STREQ(d.host, "");
}

/* A writable copy of fixture name under a fresh temporary directory. */
static int copy_fixture(const char *name, char *dir, size_t size)
{
	char cmd[1024];

	snprintf(dir, size, "/tmp/mpboot-tmo-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(cmd, sizeof(cmd), "cp -a " FIXTURES "/%s/sys %s/", name, dir);
	if (system(cmd))
		return -1;
	strncat(dir, "/sys", size - strlen(dir) - 1);
	return 0;
}

static void remove_copy(const char *sys)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "rm -rf '%.*s'", (int)(strlen(sys) - 4), sys);
	if (system(cmd))
		printf("  cannot remove %s\n", sys);
}

/* dir/attr of a fixture file path, read back. */
static const char *read_back(int sysfd, const char *file)
{
	static char v[64];
	char dir[512];
	const char *slash = strrchr(file, '/');

	snprintf(dir, sizeof(dir), "%.*s", (int)(slash - file), file);
	if (sysfs_read_str(sysfd, dir, slash + 1, v, sizeof(v)))
		strcpy(v, "?");
	return v;
}

/* Scan a copy of fixture name, resolve conf for each path, write its
 * timeouts, then return "attr-file=value ..." for the files given. */
static const char *apply_fixture(const char *name, const char *conf,
				 const char *const *files, int *failed)
{
	static char out[1024];
	char sys[256];
	struct path_list l = { 0 };
	struct config cfg;
	struct mp_attrs a;
	size_t i, len = 0;
	int sysfd;

	out[0] = '\0';
	*failed = -1;
	if (copy_fixture(name, sys, sizeof(sys)) ||
	    (sysfd = fs_open_root(sys)) < 0)
		return "cannot copy the fixture";
	parse(&cfg, conf);
	if (scan_paths(sysfd, -1, &l) == 0) {
		*failed = 0;
		for (i = 0; i < l.n; i++) {
			struct tmo_settings s;

			config_resolve(&cfg, &l.v[i], &a);
			s.fast_io_fail = a.fast_io_fail;
			s.dev_loss = a.dev_loss;
			s.eh_deadline = a.eh_deadline;
			s.no_path_retry = a.no_path_retry;
			s.checkint = cfg.polling_interval;
			*failed += transport_set_tmo(sysfd, &l.v[i], &s, 0);
		}
	}
	for (i = 0; files[i]; i++)
		len += snprintf(out + len, sizeof(out) - len, "%s%s=%s",
				i ? " " : "", strrchr(files[i], '/') + 1,
				read_back(sysfd, files[i]));
	path_list_free(&l);
	config_free(&cfg);
	close(sysfd);
	remove_copy(sys);
	return out;
}

#define FC5 "devices/pci0000:00/0000:00:05.0/0000:05:00.0/host5"
#define FC6 "devices/pci0000:00/0000:00:05.0/0000:06:00.0/host6"

static void test_fixture_fc(void)
{
	static const char *const files[] = {
		FC5 "/rport-5:0-0/fc_remote_ports/rport-5:0-0/fast_io_fail_tmo",
		FC5 "/rport-5:0-0/fc_remote_ports/rport-5:0-0/dev_loss_tmo",
		FC6 "/rport-6:0-1/fc_remote_ports/rport-6:0-1/fast_io_fail_tmo",
		FC6 "/rport-6:0-1/fc_remote_ports/rport-6:0-1/dev_loss_tmo",
		FC5 "/scsi_host/host5/eh_deadline", NULL,
	};
	int failed;

	/* built-in: fast_io_fail_tmo 5; rport-5 had dev_loss_tmo 3, so it
	 * was raised to 6 first */
	T_STREQ(apply_fixture("hand-fc", "", files, &failed),
		"fast_io_fail_tmo=5 dev_loss_tmo=6 fast_io_fail_tmo=5 "
		"dev_loss_tmo=60 eh_deadline=off");
	T_INTEQ(failed, 0);
	/* a devices entry for the array, no_path_retry raising dev_loss */
	T_STREQ(apply_fixture("hand-fc",
		"defaults {\n polling_interval 10\n}\n"
		"devices {\n device {\n  vendor IBM\n  product 2145\n"
		"  fast_io_fail_tmo 10\n  dev_loss_tmo 120\n"
		"  no_path_retry 30\n  eh_deadline 45\n }\n}\n", files, &failed),
		"fast_io_fail_tmo=10 dev_loss_tmo=300 fast_io_fail_tmo=10 "
		"dev_loss_tmo=300 eh_deadline=45");
	T_INTEQ(failed, 0);
}

static void test_fixture_iscsi_sas_virtio(void)
{
	static const char *const iscsi[] = {
		"devices/platform/host3/session1/iscsi_session/session1/recovery_tmo",
		"devices/platform/host4/session2/iscsi_session/session2/recovery_tmo",
		NULL,
	};
	static const char *const sas[] = {
		"devices/pci0000:00/0000:00:06.0/0000:07:00.0/host0/port-0:0/"
		"expander-0:0/port-0:0:1/end_device-0:0:1/sas_end_device/"
		"end_device-0:0:1/I_T_nexus_loss_timeout",
		"devices/pci0000:00/0000:00:06.0/0000:07:00.0/host0/scsi_host/"
		"host0/eh_deadline", NULL,
	};
	static const char *const virtio[] = {
		"devices/pci0000:00/0000:00:03.0/virtio1/host2/scsi_host/host2/"
		"eh_deadline", NULL,
	};
	int failed;

	T_STREQ(apply_fixture("hand-iscsi", "", iscsi, &failed),
		"recovery_tmo=5 recovery_tmo=5");
	T_INTEQ(failed, 0);
	T_STREQ(apply_fixture("hand-iscsi",
		"overrides {\n fast_io_fail_tmo off\n}\n", iscsi, &failed),
		"recovery_tmo=120 recovery_tmo=120");
	T_STREQ(apply_fixture("hand-sas", "", sas, &failed),
		"I_T_nexus_loss_timeout=2000 eh_deadline=off");
	T_STREQ(apply_fixture("hand-sas",
		"defaults {\n dev_loss_tmo 30\n eh_deadline 0\n}\n", sas,
		&failed), "I_T_nexus_loss_timeout=30 eh_deadline=0");
	T_INTEQ(failed, 0);
	T_STREQ(apply_fixture("hand-virtio",
		"defaults {\n eh_deadline 10\n}\n", virtio, &failed),
		"eh_deadline=10");
	T_INTEQ(failed, 0);
}

/* A write that fails is counted (and logged), the others still happen;
 * after a failed temporary raise nothing more goes to that port. */
static void test_failed_writes(void)
{
	static const char *const files[] = {
		FC5 "/rport-5:0-0/fc_remote_ports/rport-5:0-0/fast_io_fail_tmo",
		FC5 "/rport-5:0-0/fc_remote_ports/rport-5:0-0/dev_loss_tmo",
		FC6 "/rport-6:0-1/fc_remote_ports/rport-6:0-1/fast_io_fail_tmo",
		FC6 "/rport-6:0-1/fc_remote_ports/rport-6:0-1/dev_loss_tmo",
	};
	char sys[256], rel[512], target[600];
	struct path_list l = { 0 };
	struct tmo_settings s = { .fast_io_fail = 5, .dev_loss = 30,
				  .checkint = 5 };
	int sysfd, failed = 0;
	size_t i;

	T_INTEQ(copy_fixture("hand-fc", sys, sizeof(sys)), 0);
	sysfd = fs_open_root(sys);
	T_CHECK(sysfd >= 0);
	if (sysfd < 0)
		return;
	/* rport-5's dev_loss_tmo (3) reads but refuses writes (a symlink:
	 * opened without following); rport-6's fast_io_fail_tmo is a
	 * directory */
	snprintf(rel, sizeof(rel), "%s/%s", sys, files[1]);
	snprintf(target, sizeof(target), "%s.real", rel);
	T_INTEQ(rename(rel, target), 0);
	T_INTEQ(symlink("dev_loss_tmo.real", rel), 0);
	snprintf(rel, sizeof(rel), "%s/%s", sys, files[2]);
	T_INTEQ(unlink(rel), 0);
	T_INTEQ(mkdir(rel, 0755), 0);
	T_INTEQ(scan_paths(sysfd, -1, &l), 0);
	T_INTEQ(l.n, 2);
	for (i = 0; i < l.n; i++)
		failed += transport_set_tmo(sysfd, &l.v[i], &s, 0);
	/* sde: the temporary raise failed, nothing else written there;
	 * sdf: fast_io_fail_tmo failed, dev_loss_tmo still written */
	T_INTEQ(failed, 2);
	T_STREQ(read_back(sysfd, files[0]), "off");
	T_STREQ(read_back(sysfd, files[1]), "3");
	T_STREQ(read_back(sysfd, files[3]), "30");
	path_list_free(&l);
	close(sysfd);
	remove_copy(sys);
}

/* The kernel prints an infinite dev_loss_tmo as -1: read as strtoul does,
 * it is above fast_io_fail_tmo, so no temporary raise. */
static void test_infinite_dev_loss_read(void)
{
	static const char *const files[] = {
		FC6 "/rport-6:0-1/fc_remote_ports/rport-6:0-1/fast_io_fail_tmo",
		FC6 "/rport-6:0-1/fc_remote_ports/rport-6:0-1/dev_loss_tmo",
	};
	char sys[256], rel[512];
	struct path_list l = { 0 };
	struct tmo_settings s = { .fast_io_fail = 5, .checkint = 5 };
	int sysfd, failed = 0;
	FILE *f;
	size_t i;

	T_INTEQ(copy_fixture("hand-fc", sys, sizeof(sys)), 0);
	sysfd = fs_open_root(sys);
	T_CHECK(sysfd >= 0);
	if (sysfd < 0)
		return;
	snprintf(rel, sizeof(rel), "%s/%s", sys, files[1]);
	f = fopen(rel, "w");
	T_CHECK(f && fputs("-1\n", f) >= 0 && fclose(f) == 0);
	T_INTEQ(scan_paths(sysfd, -1, &l), 0);
	for (i = 0; i < l.n; i++)
		failed += transport_set_tmo(sysfd, &l.v[i], &s, 0);
	T_INTEQ(failed, 0);
	T_STREQ(read_back(sysfd, files[0]), "5");
	T_STREQ(read_back(sysfd, files[1]), "-1");
	path_list_free(&l);
	close(sysfd);
	remove_copy(sys);
}

int main(void)
{
	log_verbosity = 0;
	T_RUN(test_keywords);
	T_RUN(test_protocol_section);
	T_RUN(test_plan);
	T_RUN(test_find_dirs);
	T_RUN(test_fixture_fc);
	T_RUN(test_fixture_iscsi_sas_virtio);
	T_RUN(test_failed_writes);
	T_RUN(test_infinite_dev_loss_read);
	return t_done();
}
