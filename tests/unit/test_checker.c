/* Checkers: what each reply means (sense buffers as devices send them),
 * which replies are worth a retry, the SCSI device state read before a
 * checker, checker_timeout's sources, and the sg and AIO set-up against a
 * sysfs tree without devices. The I/O itself runs in QEMU scenario 14. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "t.h"
#include "checker/checker.h"
#include "util/fs.h"

/* Fixed-format sense: key, ASC, ASCQ. */
static void fixed(unsigned char *s, int key, int asc, int ascq)
{
	memset(s, 0, 18);
	s[0] = 0x70;
	s[2] = (unsigned char)key;
	s[7] = 10;
	s[12] = (unsigned char)asc;
	s[13] = (unsigned char)ascq;
}

/* A check condition with sense. */
static struct sgio_result cc(const unsigned char *sense, size_t len)
{
	struct sgio_result r = {
		.status = 0x02, .driver_status = 0x08, .sense_len = len,
	};

	memcpy(r.sense, sense, len);
	return r;
}

static void test_sense(void)
{
	unsigned char s[32];
	int key, asc, ascq;

	fixed(s, 0x2, 0x04, 0x0b);
	chk_sense(s, 18, &key, &asc, &ascq);
	T_INTEQ(key, 2); T_INTEQ(asc, 4); T_INTEQ(ascq, 0x0b);
	s[0] = 0xf1;		/* deferred error, valid bit: still fixed */
	chk_sense(s, 18, &key, &asc, &ascq);
	T_INTEQ(key, 2);
	/* fixed format needs 14 bytes */
	chk_sense(s, 13, &key, &asc, &ascq);
	T_INTEQ(key, 0); T_INTEQ(asc, 0);
	/* descriptor format: key, ASC, ASCQ in bytes 1-3 */
	memset(s, 0, sizeof(s));
	s[0] = 0x72; s[1] = 0x06; s[2] = 0x29; s[3] = 0x00;
	chk_sense(s, 8, &key, &asc, &ascq);
	T_INTEQ(key, 6); T_INTEQ(asc, 0x29); T_INTEQ(ascq, 0);
	chk_sense(s, 3, &key, &asc, &ascq);
	T_INTEQ(key, 0);
	s[0] = 0x7f;		/* vendor format: nothing */
	chk_sense(s, 32, &key, &asc, &ascq);
	T_INTEQ(key, 0);
	chk_sense(NULL, 0, &key, &asc, &ascq);
	T_INTEQ(key, 0);
}

static void test_tur(void)
{
	struct sgio_result r = { .ok = 1 };
	unsigned char s[32];
	enum ps_state st;

	/* good */
	T_INTEQ(chk_tur_reply(&r, &st), 0);
	T_INTEQ(st, PS_UP);
	/* reservation conflict: the path works */
	r.status = 0x18; r.ok = 0;
	T_INTEQ(chk_tur_reply(&r, &st), 0);
	T_INTEQ(st, PS_UP);
	/* standby port: ghost */
	fixed(s, 0x2, 0x04, 0x0b);
	r = cc(s, 18);
	T_INTEQ(chk_tur_reply(&r, &st), 0);
	T_INTEQ(st, PS_GHOST);
	/* ALUA transition: pending */
	fixed(s, 0x2, 0x04, 0x0a);
	r = cc(s, 18);
	T_INTEQ(chk_tur_reply(&r, &st), 0);
	T_INTEQ(st, PS_PENDING);
	/* other not ready: down */
	fixed(s, 0x2, 0x04, 0x02);
	r = cc(s, 18);
	T_INTEQ(chk_tur_reply(&r, &st), 0);
	T_INTEQ(st, PS_DOWN);
	/* LUN not supported (unmapped): down */
	fixed(s, 0x5, 0x25, 0x00);
	r = cc(s, 18);
	T_INTEQ(chk_tur_reply(&r, &st), 0);
	T_INTEQ(st, PS_DOWN);
	/* medium error: down, no retry */
	fixed(s, 0x3, 0x11, 0x00);
	r = cc(s, 18);
	T_INTEQ(chk_tur_reply(&r, &st), 0);
	T_INTEQ(st, PS_DOWN);
	/* unit attention (power on, reset): retry, down when no try left */
	fixed(s, 0x6, 0x29, 0x00);
	r = cc(s, 18);
	T_INTEQ(chk_tur_reply(&r, &st), 1);
	T_INTEQ(st, PS_DOWN);
	/* descriptor sense works the same */
	memset(s, 0, sizeof(s));
	s[0] = 0x72; s[1] = 0x2; s[2] = 0x04; s[3] = 0x0b;
	r = cc(s, 8);
	T_INTEQ(chk_tur_reply(&r, &st), 0);
	T_INTEQ(st, PS_GHOST);
	/* check condition without sense: down */
	r = cc(s, 0);
	T_INTEQ(chk_tur_reply(&r, &st), 0);
	T_INTEQ(st, PS_DOWN);
}

static void test_tur_host(void)
{
	static const struct { unsigned short host; int retry; } cases[] = {
		{ 0x01, 0 },	/* DID_NO_CONNECT */
		{ 0x04, 0 },	/* DID_BAD_TARGET */
		{ 0x05, 0 },	/* DID_ABORT */
		{ 0x0f, 0 },	/* DID_TRANSPORT_FAILFAST */
		{ 0x02, 1 },	/* DID_BUS_BUSY */
		{ 0x03, 1 },	/* DID_TIME_OUT */
		{ 0x07, 1 },	/* DID_ERROR */
		{ 0x0e, 1 },	/* DID_TRANSPORT_DISRUPTED */
	};
	unsigned char s[32];
	enum ps_state st;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sgio_result r = { .host_status = cases[i].host };

		T_INTEQ(chk_tur_reply(&r, &st), cases[i].retry);
		T_INTEQ(st, PS_DOWN);
	}
	/* a host error is retried before the sense is looked at */
	fixed(s, 0x2, 0x04, 0x0b);
	{
		struct sgio_result r = cc(s, 18);

		r.host_status = 0x07;
		T_INTEQ(chk_tur_reply(&r, &st), 1);
		r.host_status = 0x01;
		T_INTEQ(chk_tur_reply(&r, &st), 0);
		T_INTEQ(st, PS_GHOST);
	}
}

static void test_readsector0(void)
{
	struct sgio_result r = { .ok = 1 };
	unsigned char s[32];
	enum ps_state st;

	T_INTEQ(chk_readsector0_reply(&r, &st), 0);
	T_INTEQ(st, PS_UP);
	fixed(s, 0x3, 0x11, 0x00);	/* unrecovered read error */
	r = cc(s, 18);
	T_INTEQ(chk_readsector0_reply(&r, &st), 0);
	T_INTEQ(st, PS_DOWN);
	fixed(s, 0x6, 0x2a, 0x09);	/* capacity changed */
	r = cc(s, 18);
	T_INTEQ(chk_readsector0_reply(&r, &st), 1);
	T_INTEQ(st, PS_DOWN);
	/* unlike tur, a reservation conflict or a standby port is down */
	r = (struct sgio_result){ .status = 0x18 };
	T_INTEQ(chk_readsector0_reply(&r, &st), 0);
	T_INTEQ(st, PS_DOWN);
	r = (struct sgio_result){ .host_status = 0x01 };
	T_INTEQ(chk_readsector0_reply(&r, &st), 0);
	T_INTEQ(st, PS_DOWN);
}

static void test_inquiry(void)
{
	struct sgio_result r = { .ok = 1 };
	unsigned char s[32];
	enum ps_state st;

	T_INTEQ(chk_inquiry_reply(&r, &st), 0);
	T_INTEQ(st, PS_UP);
	fixed(s, 0x1, 0x17, 0x00);	/* recovered error: up */
	r = cc(s, 18);
	T_INTEQ(chk_inquiry_reply(&r, &st), 0);
	T_INTEQ(st, PS_UP);
	fixed(s, 0x5, 0x24, 0x00);	/* illegal request: no such page */
	r = cc(s, 18);
	T_INTEQ(chk_inquiry_reply(&r, &st), -ENOTSUP);
	fixed(s, 0x2, 0x04, 0x03);
	r = cc(s, 18);
	T_INTEQ(chk_inquiry_reply(&r, &st), 0);
	T_INTEQ(st, PS_DOWN);
	/* these checkers read the key by bit 1 of byte 0 (descriptor) */
	memset(s, 0, sizeof(s));
	s[0] = 0x72; s[1] = 0x05;
	r = cc(s, 8);
	T_INTEQ(chk_inquiry_reply(&r, &st), -ENOTSUP);
	/* a host error without sense: down */
	r = (struct sgio_result){ .host_status = 0x01 };
	T_INTEQ(chk_inquiry_reply(&r, &st), 0);
	T_INTEQ(st, PS_DOWN);
}

/* A page 0xc9 reply. */
static struct sgio_result vac(unsigned char *p, unsigned char pq_pdt,
			      unsigned char avtcvp, unsigned char cur,
			      unsigned char alt)
{
	struct sgio_result r = { .ok = 1, .len = CHK_RDAC_PAGE_LEN };

	memset(p, 0, CHK_RDAC_PAGE_LEN);
	p[0] = pq_pdt;
	p[1] = 0xc9;
	p[3] = 0x2c;
	memcpy(p + 4, "vac1", 4);
	p[8] = avtcvp;
	p[10] = cur;
	p[12] = alt;
	return r;
}

static void test_rdac(void)
{
	unsigned char p[CHK_RDAC_PAGE_LEN], s[32];
	struct sgio_result r;
	enum ps_state st;

	r = vac(p, 0, 0x01, 0, 0);		/* owner */
	T_INTEQ(chk_rdac_reply(&r, p, &st), 0);
	T_INTEQ(st, PS_UP);
	r = vac(p, 0, 0x20, 0, 0);		/* I/O shipping */
	T_INTEQ(chk_rdac_reply(&r, p, &st), 0);
	T_INTEQ(st, PS_UP);
	r = vac(p, 0, 0x00, 0, 0);		/* the other controller's */
	T_INTEQ(chk_rdac_reply(&r, p, &st), 0);
	T_INTEQ(st, PS_GHOST);
	r = vac(p, 0x20, 0x01, 0, 0);		/* LUN not connected */
	T_INTEQ(chk_rdac_reply(&r, p, &st), 0);
	T_INTEQ(st, PS_DOWN);
	r = vac(p, 0x7f, 0x01, 0, 0);		/* no device type 0 */
	T_INTEQ(chk_rdac_reply(&r, p, &st), 0);
	T_INTEQ(st, PS_DOWN);
	r = vac(p, 0, 0x11, 0x3, 0);		/* TPG data: unavailable */
	T_INTEQ(chk_rdac_reply(&r, p, &st), 0);
	T_INTEQ(st, PS_DOWN);
	r = vac(p, 0, 0x01, 0x3, 0);		/* the same without TPG data */
	T_INTEQ(chk_rdac_reply(&r, p, &st), 0);
	T_INTEQ(st, PS_UP);
	r = vac(p, 0, 0x11, 0xf, 0x0);		/* transitioning alone */
	T_INTEQ(chk_rdac_reply(&r, p, &st), 0);
	T_INTEQ(st, PS_DOWN);
	r = vac(p, 0, 0x11, 0xf, 0xf);		/* both: mode select */
	T_INTEQ(chk_rdac_reply(&r, p, &st), 0);
	T_INTEQ(st, PS_UP);
	/* a short page reads as zeros: byte 8 missing, not the owner */
	r = vac(p, 0, 0x01, 0, 0);
	r.len = 8;
	T_INTEQ(chk_rdac_reply(&r, p, &st), 0);
	T_INTEQ(st, PS_GHOST);
	/* transient transport errors are retried, others are not */
	r = (struct sgio_result){ .host_status = 0x0e };
	T_INTEQ(chk_rdac_reply(&r, p, &st), 1);
	T_INTEQ(st, PS_DOWN);
	r = (struct sgio_result){ .host_status = 0x01 };
	T_INTEQ(chk_rdac_reply(&r, p, &st), 0);
	T_INTEQ(st, PS_DOWN);
	fixed(s, 0x5, 0x24, 0x00);
	r = cc(s, 18);
	T_INTEQ(chk_rdac_reply(&r, p, &st), -ENOTSUP);
}

static void test_hp_sw(void)
{
	struct sgio_result r = { .ok = 1 };
	unsigned char s[32];
	enum ps_state st;

	T_INTEQ(chk_hp_sw_reply(0, &r, &st), 2);	/* on to the TUR */
	T_INTEQ(chk_hp_sw_reply(1, &r, &st), 0);
	T_INTEQ(st, PS_UP);
	fixed(s, 0x2, 0x04, 0x02);		/* standby: not ready */
	r = cc(s, 18);
	T_INTEQ(chk_hp_sw_reply(1, &r, &st), 0);
	T_INTEQ(st, PS_GHOST);
	T_INTEQ(chk_hp_sw_reply(0, &r, &st), 0);	/* INQUIRY failed */
	T_INTEQ(st, PS_DOWN);
	fixed(s, 0x5, 0x24, 0x00);
	r = cc(s, 18);
	T_INTEQ(chk_hp_sw_reply(0, &r, &st), -ENOTSUP);
}

/* A page 0xc0 reply in c->buf: LUN state, operation byte. */
static struct sgio_result upr(struct chk *c, unsigned char state,
			      unsigned char op, unsigned char wwn0)
{
	struct sgio_result r = { .ok = 1, .len = CHK_EMC_PAGE_LEN };
	unsigned char *b = c->buf;

	memset(b, 0, CHK_EMC_PAGE_LEN);
	b[1] = 0xc0;
	b[4] = state;
	b[10] = wwn0;
	b[27] = 0x03;		/* initiator type */
	b[28] = 0x04;		/* PNR failover */
	b[30] = 0x04;		/* arraycommpath */
	b[48] = op;
	return r;
}

static void test_emc_clariion(void)
{
	unsigned char page[CHK_EMC_PAGE_LEN], s[32];
	struct chk c, d;
	struct sgio_result r;
	enum ps_state st;
	int shared = 0;

	memset(&c, 0, sizeof(c));
	c.buf = page;
	c.lu_inactive = &shared;
	r = upr(&c, 1, 0, 0xaa);	/* passive path: up, not ghost */
	T_INTEQ(chk_emc_reply(&c, &r, &st), 0);
	T_INTEQ(st, PS_UP);
	r = upr(&c, 1, 0, 0xbb);	/* the WWN changed: down */
	T_INTEQ(chk_emc_reply(&c, &r, &st), 0);
	T_INTEQ(st, PS_DOWN);
	r = upr(&c, 1, 1, 0xaa);	/* not in normal operation */
	T_INTEQ(chk_emc_reply(&c, &r, &st), 0);
	T_INTEQ(st, PS_SHAKY);
	r = upr(&c, 0, 0, 0xaa);	/* unbound */
	T_INTEQ(chk_emc_reply(&c, &r, &st), 0);
	T_INTEQ(st, PS_DOWN);
	r = upr(&c, 1, 0, 0xaa);
	page[28] = 0x01;		/* not PNR or ALUA failover */
	T_INTEQ(chk_emc_reply(&c, &r, &st), 0);
	T_INTEQ(st, PS_DOWN);
	r = upr(&c, 1, 0, 0xaa);
	page[1] = 0xc1;			/* another page */
	T_INTEQ(chk_emc_reply(&c, &r, &st), 0);
	T_INTEQ(st, PS_DOWN);
	/* the active path reads block 0; an inactive snapshot fails it and
	 * the LUN's passive paths until a good read */
	r = upr(&c, 2, 0, 0xaa);
	T_INTEQ(chk_emc_reply(&c, &r, &st), 2);
	c.step = 1;
	fixed(s, 0x5, 0x25, 0x01);
	r = cc(s, 18);
	T_INTEQ(chk_emc_reply(&c, &r, &st), 0);
	T_INTEQ(st, PS_DOWN);
	T_INTEQ(shared, 1);
	memset(&d, 0, sizeof(d));
	d.buf = page;
	d.lu_inactive = &shared;
	r = upr(&d, 1, 0, 0xaa);
	T_INTEQ(chk_emc_reply(&d, &r, &st), 0);
	T_INTEQ(st, PS_DOWN);
	r = (struct sgio_result){ .ok = 1 };
	T_INTEQ(chk_emc_reply(&c, &r, &st), 0);
	T_INTEQ(st, PS_UP);
	T_INTEQ(shared, 0);
	fixed(s, 0x6, 0x29, 0x00);	/* unit attention on the read: again */
	r = cc(s, 18);
	T_INTEQ(chk_emc_reply(&c, &r, &st), 1);
	/* the inquiry: transient errors again, illegal request wild, a
	 * recovered error down */
	c.step = 0;
	r = (struct sgio_result){ .host_status = 0x07 };
	T_INTEQ(chk_emc_reply(&c, &r, &st), 1);
	fixed(s, 0x5, 0x24, 0x00);
	r = cc(s, 18);
	T_INTEQ(chk_emc_reply(&c, &r, &st), -ENOTSUP);
	fixed(s, 0x1, 0x00, 0x00);
	r = cc(s, 18);
	T_INTEQ(chk_emc_reply(&c, &r, &st), 0);
	T_INTEQ(st, PS_DOWN);
}

static void test_directio(void)
{
	T_INTEQ(chk_directio_reply(4096, 4096), PS_UP);
	T_INTEQ(chk_directio_reply(512, 512), PS_UP);
	T_INTEQ(chk_directio_reply(2048, 4096), PS_DOWN);
	T_INTEQ(chk_directio_reply(0, 4096), PS_DOWN);
	T_INTEQ(chk_directio_reply(-EIO, 4096), PS_DOWN);
}

static void test_kind(void)
{
	T_INTEQ(chk_kind_parse("tur"), CHK_TUR);
	T_INTEQ(chk_kind_parse("readsector0"), CHK_READSECTOR0);
	T_INTEQ(chk_kind_parse("directio"), CHK_DIRECTIO);
	T_INTEQ(chk_kind_parse("none"), CHK_NONE);
	T_INTEQ(chk_kind_parse("rdac"), CHK_RDAC);
	T_INTEQ(chk_kind_parse("hp_sw"), CHK_HP_SW);
	T_INTEQ(chk_kind_parse("emc_clariion"), CHK_EMC_CLARIION);
	T_INTEQ(chk_kind_parse("cciss_tur"), -ENOTSUP);
	T_INTEQ(chk_kind_parse("TUR"), -ENOTSUP);
	T_STREQ(chk_state_name(PS_UP), "up");
	T_STREQ(chk_state_name(PS_TIMEOUT), "timeout");
	T_STREQ(chk_state_name(PS_GHOST), "ghost");
	T_STREQ(chk_state_name((enum ps_state)99), "?");
}

/* A sysfs tree in a temporary directory. */
static char root[64];

static void put(const char *rel, const char *text)
{
	char path[256], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (slash = path + strlen(root) + 1; (slash = strchr(slash, '/'));
	     slash++) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	if (!text) {
		mkdir(path, 0755);
		return;
	}
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_sdev_and_timeout(void)
{
	int fd, devfd;
	struct chk c;
	struct chk_aio aio;
	enum ps_state st;

	snprintf(root, sizeof(root), "/tmp/mpboot-chk-XXXXXX");
	T_CHECK(mkdtemp(root) != NULL);
	put("block/sda/device/state", "running\n");
	put("block/sda/device/timeout", "45\n");
	put("block/sdb/device/state", "offline\n");
	put("block/sdb/device/timeout", "junk\n");
	put("block/sdc/device/state", "blocked\n");
	put("block/sdd/device/state", "quiesce\n");
	put("block/sde/device/state", "transport-offline\n");
	put("block/sdf/device/scsi_generic/sg5", NULL);
	put("block/sdf/device/state", "running\n");
	put("block/sdg/device", NULL);
	fd = fs_open_root(root);
	T_CHECK(fd >= 0);

	T_INTEQ(chk_sdev_state(fd, "sda", NULL), PS_UP);
	T_INTEQ(chk_sdev_state(fd, "sdb", NULL), PS_DOWN);
	T_INTEQ(chk_sdev_state(fd, "sdc", NULL), PS_PENDING);
	T_INTEQ(chk_sdev_state(fd, "sdd", NULL), PS_PENDING);
	T_INTEQ(chk_sdev_state(fd, "sde", NULL), PS_DOWN);
	T_INTEQ(chk_sdev_state(fd, "sdg", NULL), PS_REMOVED);
	T_INTEQ(chk_sdev_state(fd, "sdz", NULL), PS_REMOVED);

	T_INTEQ(chk_timeout_s(fd, "sda", 0), 45);
	T_INTEQ(chk_timeout_s(fd, "sda", 7), 7);
	T_INTEQ(chk_timeout_s(fd, "sdb", 0), CHK_DEFAULT_TIMEOUT_S);
	T_INTEQ(chk_timeout_s(fd, "sdc", 0), CHK_DEFAULT_TIMEOUT_S);

	/* No sg node in sysfs (sg not loaded): -ENODEV; an sg name with no
	 * node under the device root: the open's error. */
	devfd = fs_open_root(root);
	T_INTEQ(chk_open(&c, CHK_TUR, fd, devfd, "sda", 1000, NULL), -ENODEV);
	T_INTEQ(c.fd, -1);
	T_INTEQ(chk_open(&c, CHK_READSECTOR0, fd, devfd, "sdf", 1000, NULL),
		-ENOENT);
	T_CHECK(c.buf == NULL);
	T_INTEQ(chk_open(&c, CHK_DIRECTIO, fd, devfd, "sda", 1000, NULL),
		-EINVAL);
	/* none: always up, nothing opened */
	T_INTEQ(chk_open(&c, CHK_NONE, fd, devfd, "sda", 1000, NULL), 0);
	T_INTEQ(chk_start(&c, 0, &st), 1);
	T_INTEQ(st, PS_UP);
	/* an open checker keeps the state attribute open and reads it
	 * anew each time: the device going offline is seen */
	T_CHECK(c.state_fd >= 0);
	T_INTEQ(chk_sdev_state(fd, "sda", &c), PS_UP);
	put("block/sda/device/state", "offline\n");
	T_INTEQ(chk_sdev_state(fd, "sda", &c), PS_DOWN);
	put("block/sda/device/state", "running\n");
	T_INTEQ(chk_sdev_state(fd, "sda", &c), PS_UP);
	T_INTEQ(chk_close(&c), 0);
	T_INTEQ(c.state_fd, -1);
	/* directio on a regular file stands in for a block device: the
	 * whole AIO round trip, one shared eventfd */
	if (chk_aio_open(&aio, 2) == 0) {
		char data[8192];
		int n = 0, rc, ffd;

		memset(data, 'x', sizeof(data));
		ffd = openat(devfd, "disk", O_CREAT | O_WRONLY, 0600);
		T_CHECK(write(ffd, data, sizeof(data)) == sizeof(data));
		close(ffd);
		rc = chk_open(&c, CHK_DIRECTIO, fd, devfd, "disk", 1000, &aio);
		if (rc == -EINVAL) {
			/* tmpfs refuses O_DIRECT */
			printf("  (directio round trip skipped: no O_DIRECT here)\n");
		} else {
			T_INTEQ(rc, 0);
			T_INTEQ(chk_start(&c, 100, &st), 0);
			T_INTEQ(c.deadline_ms, 1100);
			T_INTEQ(chk_fd(&c), aio.efd);
			T_INTEQ(chk_start(&c, 100, &st), -EBUSY);
			T_INTEQ(chk_close(&c), -EBUSY);
			while (n < 100 && chk_complete(&c, &st) == 0) {
				chk_aio_reap(&aio);
				n++;
				usleep(10000);
			}
			T_INTEQ(st, PS_UP);
			T_INTEQ(c.busy, 0);
			T_INTEQ(aio.used, 0);
			/* abandoned: the late completion is drained, not
			 * reported */
			T_INTEQ(chk_start(&c, 200, &st), 0);
			chk_abandon(&c);
			n = 0;
			while (n < 100 && (rc = chk_complete(&c, &st)) == 0) {
				chk_aio_reap(&aio);
				n++;
				usleep(10000);
			}
			T_INTEQ(rc, 2);
			T_INTEQ(chk_close(&c), 0);
		}
		chk_aio_close(&aio);
	}
	close(devfd);
	close(fd);
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
		T_INTEQ(system(cmd), 0);
	}
}

int main(void)
{
	T_RUN(test_sense);
	T_RUN(test_tur);
	T_RUN(test_tur_host);
	T_RUN(test_readsector0);
	T_RUN(test_inquiry);
	T_RUN(test_rdac);
	T_RUN(test_hp_sw);
	T_RUN(test_emc_clariion);
	T_RUN(test_directio);
	T_RUN(test_kind);
	T_RUN(test_sdev_and_timeout);
	return t_done();
}
