#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "t.h"
#include "config/cmdline.h"
#include "config/config.h"
#include "log.h"
#include "util/fs.h"

static void test_disable_forms(void)
{
	static const struct {
		const char *text;
		int disabled;
	} cases[] = {
		{ "root=/dev/mapper/vg-root ro quiet", 0 },
		{ "mpboot=off", 1 },
		{ "mpboot=0", 1 },
		{ "mpboot=on", 0 },
		{ "rd.multipath=0", 1 },
		{ "rd.multipath=default", 0 },
		{ "multipath=off", 1 },
		{ "nompath", 1 },
		{ "nompath=1", 0 },
		{ "xnompath", 0 },
		{ "ro mpboot=off\n", 1 },
		{ "", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct boot_cmdline cl;

		T_INTEQ(cmdline_parse(cases[i].text, &cl), 0);
		if (cl.disabled != cases[i].disabled)
			printf("  case '%s'\n", cases[i].text);
		T_INTEQ(cl.disabled, cases[i].disabled);
		cmdline_free(&cl);
	}
}

static void test_values(void)
{
	struct boot_cmdline cl;

	T_INTEQ(cmdline_parse("BOOT_IMAGE=/vmlinuz mpboot.find=strict "
			      "mpboot.find_timeout=45 mpboot.verbose=3", &cl), 0);
	T_INTEQ(cl.disabled, 0);
	T_INTEQ(cl.find_multipaths, FIND_STRICT);
	T_INTEQ(cl.find_timeout, 45);
	T_INTEQ(cl.timeout, -1);
	T_INTEQ(cl.verbosity, 3);
	T_INTEQ(cl.n_wwids, 0);
	cmdline_free(&cl);

	/* unset stays -1; the last good value wins; bad ones are ignored */
	T_INTEQ(cmdline_parse("mpboot.find=on mpboot.find=sometimes "
			      "mpboot.find_timeout=-1 mpboot.find_timeout=abc "
			      "mpboot.verbose=7 mpboot.bogus=1 mpboot.find",
			      &cl), 0);
	T_INTEQ(cl.find_multipaths, FIND_ON);
	T_INTEQ(cl.find_timeout, -1);
	T_INTEQ(cl.verbosity, -1);
	cmdline_free(&cl);

	T_INTEQ(cmdline_parse("mpboot.find=greedy mpboot.find=smart", &cl), 0);
	T_INTEQ(cl.find_multipaths, FIND_SMART);
	cmdline_free(&cl);
}

/* mpboot.handover=: auto unless said, the last good value wins, a bad
 * one is a warning naming it */
static void test_handover(void)
{
	struct boot_cmdline cl;
	const char *err;

	T_INTEQ(cmdline_parse("root=/dev/mapper/mpatha-part1", &cl), 0);
	T_INTEQ(cl.handover, HANDOVER_AUTO);
	cmdline_free(&cl);
	T_INTEQ(cmdline_parse("mpboot.handover=never", &cl), 0);
	T_INTEQ(cl.handover, HANDOVER_NEVER);
	cmdline_free(&cl);
	T_INTEQ(cmdline_parse("mpboot.handover=always", &cl), 0);
	T_INTEQ(cl.handover, HANDOVER_ALWAYS);
	cmdline_free(&cl);
	T_INTEQ(cmdline_parse("mpboot.handover=never mpboot.handover=auto", &cl),
		0);
	T_INTEQ(cl.handover, HANDOVER_AUTO);
	cmdline_free(&cl);
	log_verbosity = 2;
	t_stderr_begin();
	T_INTEQ(cmdline_parse("mpboot.handover=always mpboot.handover=later",
			      &cl), 0);
	err = t_stderr_end();
	log_verbosity = 0;
	T_INTEQ(cl.handover, HANDOVER_ALWAYS);
	T_CHECK(strstr(err, "mpboot.handover=later") != NULL);
	cmdline_free(&cl);
}

static void test_wwids(void)
{
	struct boot_cmdline cl;

	T_INTEQ(cmdline_parse("mpboot.wwid=36001,36002 quiet "
			      "mpboot.wwid=36003 mpboot.wwid=,36004,", &cl), 0);
	T_INTEQ(cl.n_wwids, 4);
	if (cl.n_wwids == 4) {
		T_STREQ(cl.wwids[0], "36001");
		T_STREQ(cl.wwids[1], "36002");
		T_STREQ(cl.wwids[2], "36003");
		T_STREQ(cl.wwids[3], "36004");
	}
	cmdline_free(&cl);
	T_INTEQ(cl.n_wwids, 0);
}

static void test_quotes(void)
{
	struct boot_cmdline cl;

	/* a quoted value with blanks stays one parameter; a whole word may
	 * be quoted; quotes inside a key are part of it, as in the kernel */
	T_INTEQ(cmdline_parse("foo=\"a b mpboot=off\" \"mpboot.verbose=5\" "
			      "mpboot.\"find\"=greedy", &cl), 0);
	T_INTEQ(cl.disabled, 0);
	T_INTEQ(cl.verbosity, 5);
	T_INTEQ(cl.find_multipaths, -1);
	cmdline_free(&cl);

	T_INTEQ(cmdline_parse("rootflags=\"data=journal,errors=remount-ro\" "
			      "root=\"LABEL=my root\"\t\"=x\" = "
			      "init=/sbin/my\"init", &cl), 0);
	T_STREQ(cl.rootflags, "data=journal,errors=remount-ro");
	T_INTEQ(cl.root.kind, ROOT_LABEL);
	T_STREQ(cl.root.value, "my root");
	T_STREQ(cl.root.text, "LABEL=my root");
	T_STREQ(cl.init, "/sbin/my\"init");
	cmdline_free(&cl);
}

static void test_root_forms(void)
{
	static const struct {
		const char *text;
		enum root_kind kind;
		const char *value;
	} cases[] = {
		{ "UUID=0a1b-22", ROOT_UUID, "0a1b-22" },
		{ "LABEL=root", ROOT_LABEL, "root" },
		{ "PARTUUID=6c7b-01", ROOT_PARTUUID, "6c7b-01" },
		{ "PARTLABEL=sys", ROOT_PARTLABEL, "sys" },
		{ "/dev/disk/by-uuid/0a1b", ROOT_UUID, "0a1b" },
		{ "/dev/disk/by-label/root", ROOT_LABEL, "root" },
		{ "/dev/disk/by-partuuid/6c7b-01", ROOT_PARTUUID, "6c7b-01" },
		{ "/dev/disk/by-partlabel/sys", ROOT_PARTLABEL, "sys" },
		{ "/dev/disk/by-id/dm-uuid-part1-mpath-3600a", ROOT_BYID,
		  "dm-uuid-part1-mpath-3600a" },
		{ "/dev/mapper/mpatha-part1", ROOT_MAPPER, "mpatha-part1" },
		{ "/dev/mapper/vg-root", ROOT_MAPPER, "vg-root" },
		{ "/dev/vg/root", ROOT_MAPPER, "vg-root" },
		{ "/dev/my-vg/lv-1", ROOT_MAPPER, "my--vg-lv--1" },
		{ "/dev/vg/", ROOT_NONE, NULL },
		{ "/dev/vg/-lv", ROOT_NONE, NULL },
		{ "/dev/-vg/lv", ROOT_NONE, NULL },
		{ "/dev/vg/..", ROOT_NONE, NULL },
		{ "/dev/./lv", ROOT_NONE, NULL },
		{ "/dev/vg/l v", ROOT_NONE, NULL },
		{ "/dev/vg/lv:1", ROOT_NONE, NULL },
		{ "/dev/Vg_0.+/..lv", ROOT_MAPPER, "Vg_0.+-..lv" },
		{ "/dev/vg/root/x", ROOT_NONE, NULL },
		{ "/dev/disk/x", ROOT_NONE, NULL },
		{ "/dev/dm-3", ROOT_KNAME, "dm-3" },
		{ "/dev/sda1", ROOT_KNAME, "sda1" },
		{ "UUID=", ROOT_NONE, NULL },
		{ "/dev/", ROOT_NONE, NULL },
		{ "/dev/disk/by-path/pci-0", ROOT_NONE, NULL },
		{ "08:01", ROOT_NONE, NULL },
		{ "sda1", ROOT_NONE, NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct boot_root r;
		int rc = cmdline_parse_root(cases[i].text, &r);

		if (r.kind != cases[i].kind)
			printf("  case '%s'\n", cases[i].text);
		T_INTEQ(r.kind, cases[i].kind);
		T_INTEQ(rc, cases[i].value ? 0 : -EINVAL);
		if (cases[i].value) {
			T_STREQ(r.value, cases[i].value);
			T_STREQ(r.text, cases[i].text);
		}
		cmdline_root_free(&r);
	}
}

static void test_lvm_params(void)
{
	struct boot_cmdline cl;

	T_INTEQ(cmdline_parse("rd.lvm.vg=vg0,vg1 rd.lvm.lv=vg0/root "
			      "rd.lvm.vg=vg2", &cl), 0);
	T_INTEQ(cl.n_lvm_vgs, 3);
	T_STREQ(cl.lvm_vgs[2], "vg2");
	T_INTEQ(cl.n_lvm_lvs, 1);
	T_STREQ(cl.lvm_lvs[0], "vg0/root");
	T_INTEQ(cl.no_lvm, 0);
	cmdline_free(&cl);
	T_INTEQ(cmdline_parse("rd.lvm=0", &cl), 0);
	T_INTEQ(cl.no_lvm, 1);
	cmdline_free(&cl);
}

static void test_boot_params(void)
{
	struct boot_cmdline cl;

	T_INTEQ(cmdline_parse("BOOT_IMAGE=/vmlinuz root=UUID=1234 ro "
			      "rootfstype=ext4 quiet", &cl), 0);
	T_INTEQ(cl.root.kind, ROOT_UUID);
	T_STREQ(cl.root.value, "1234");
	T_STREQ(cl.rootfstype, "ext4");
	T_CHECK(cl.rootflags == NULL && cl.init == NULL);
	T_INTEQ(cl.readonly, 1);
	T_INTEQ(cmdline_root_timeout(&cl), CMDLINE_ROOT_TIMEOUT);
	T_INTEQ(cl.n_modules, 0);
	cmdline_free(&cl);

	/* the last one wins; a bad root= keeps the one before */
	T_INTEQ(cmdline_parse("root=/dev/sda1 ro rw root=LABEL=x root=8:1 "
			      "init=/bin/sh init=/lib/systemd/systemd "
			      "rootdelay=5 rd.timeout=7", &cl), 0);
	T_INTEQ(cl.root.kind, ROOT_LABEL);
	T_INTEQ(cl.readonly, 0);
	T_STREQ(cl.init, "/lib/systemd/systemd");
	T_INTEQ(cmdline_root_timeout(&cl), 7);
	cmdline_free(&cl);

	T_INTEQ(cmdline_parse("rootdelay=5 mpboot.timeout=x", &cl), 0);
	T_INTEQ(cmdline_root_timeout(&cl), 5);
	cmdline_free(&cl);
	T_INTEQ(cmdline_parse("rd.timeout=9 mpboot.timeout=0 rootdelay=2",
			      &cl), 0);
	T_INTEQ(cmdline_root_timeout(&cl), 0);
	cmdline_free(&cl);

	T_INTEQ(cmdline_parse("mpboot.modules=scsi_dh_alua,,dm_multipath "
			      "rd.driver.pre=virtio_scsi root=", &cl), 0);
	T_INTEQ(cl.n_modules, 3);
	if (cl.n_modules == 3) {
		T_STREQ(cl.modules[0], "scsi_dh_alua");
		T_STREQ(cl.modules[1], "dm_multipath");
		T_STREQ(cl.modules[2], "virtio_scsi");
	}
	T_INTEQ(cl.root.kind, ROOT_NONE);
	cmdline_free(&cl);
}

static void test_part_delim(void)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "ro", NULL },
		{ "mpboot.part_delim=-part", "-part" },
		{ "mpboot.part_delim=default", "default" },
		{ "mpboot.part_delim=", "" },
		{ "mpboot.part_delim=\"\"", "" },
		/* refused values leave what came before */
		{ "mpboot.part_delim=p mpboot.part_delim=a/b", "p" },
		{ "mpboot.part_delim=$x", NULL },
		{ "mpboot.part_delim", NULL },
		{ "mpboot.part_delim=a mpboot.part_delim=b", "b" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct boot_cmdline cl;

		T_INTEQ(cmdline_parse(cases[i].text, &cl), 0);
		if (cases[i].want)
			T_STREQ(cl.part_delim, cases[i].want);
		else
			T_CHECK(cl.part_delim == NULL);
		cmdline_free(&cl);
	}
}

/* /proc/cmdline over 64 KiB was not read at all: mpboot=off at its end
 * was missed. */
static void test_load_long_cmdline(void)
{
	char dir[] = "/tmp/mpboot-cl-XXXXXX", cmd[64];
	size_t len = 100000;
	char *text = malloc(len + 32);
	struct boot_cmdline cl;
	int dfd, fd;

	T_CHECK(mkdtemp(dir) != NULL);
	dfd = fs_open_root(dir);
	T_INTEQ(mkdirat(dfd, "proc", 0755), 0);
	memset(text, 'x', len);
	text[0] = 'a';
	text[1] = '=';
	strcpy(text + len, " mpboot.wwid=3600z mpboot=off\n");
	fd = openat(dfd, "proc/cmdline", O_WRONLY | O_CREAT, 0644);
	T_CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	T_INTEQ(cmdline_load(dfd, &cl), 0);
	T_INTEQ(cl.disabled, 1);
	T_INTEQ(cl.n_wwids, 1);
	cmdline_free(&cl);
	free(text);
	close(dfd);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	T_INTEQ(system(cmd), 0);
}

int main(void)
{
	log_verbosity = 0;
	T_RUN(test_disable_forms);
	T_RUN(test_values);
	T_RUN(test_handover);
	T_RUN(test_wwids);
	T_RUN(test_quotes);
	T_RUN(test_root_forms);
	T_RUN(test_lvm_params);
	T_RUN(test_boot_params);
	T_RUN(test_part_delim);
	T_RUN(test_load_long_cmdline);
	return t_done();
}
