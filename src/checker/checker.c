/* The checkers' common life: names, opening a path, starting, completing
 * and abandoning a check; the SCSI device state read before any checker;
 * checker_timeout. */
#include "checker/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "scan/sysfs.h"
#include "util/fs.h"

static const char *const kind_names[] = {
	[CHK_TUR] = "tur",
	[CHK_READSECTOR0] = "readsector0",
	[CHK_DIRECTIO] = "directio",
	[CHK_RDAC] = "rdac",
	[CHK_HP_SW] = "hp_sw",
	[CHK_EMC_CLARIION] = "emc_clariion",
	[CHK_NONE] = "none",
};

const char *chk_kind_name(int kind)
{
	if (kind < 0 || (size_t)kind >= sizeof(kind_names) / sizeof(kind_names[0]))
		return "unsupported";
	return kind_names[kind];
}

int chk_kind_parse(const char *name)
{
	size_t k;

	for (k = 0; k < sizeof(kind_names) / sizeof(kind_names[0]); k++)
		if (!strcmp(name, kind_names[k]))
			return (int)k;
	return -ENOTSUP;
}

/* An attribute of the SCSI device (state, access_state), kept open while
 * descriptors are plentiful (under half the limit): a check's own
 * descriptor comes first, and without this one the attribute is read by
 * its path. */
static int open_attr(int sysfd, const char *dev, const char *name)
{
	char attr[SYSFS_PATH_MAX];
	struct rlimit r;
	int fd;

	if (snprintf(attr, sizeof(attr), "block/%s/device/%s", dev, name) >=
	    (int)sizeof(attr))
		return -1;
	fd = openat(sysfd, attr, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && (getrlimit(RLIMIT_NOFILE, &r) ||
			(rlim_t)fd >= r.rlim_cur / 2)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

int chk_open(struct chk *c, enum chk_kind kind, int sysfd, int devfd,
	     const char *dev, unsigned timeout_ms, struct chk_aio *aio)
{
	char attr[SYSFS_PATH_MAX];
	unsigned long long lbs = 512;
	int rc = 0;

	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->fd = c->state_fd = c->access_fd = -1;
	c->timeout_ms = timeout_ms;
	c->aio = aio;
	c->lu_inactive = &c->own_inactive;
	switch (kind) {
	case CHK_NONE:
		break;
	case CHK_TUR:
		rc = chk_sg_open(c, sysfd, devfd, dev);
		break;
	case CHK_READSECTOR0:
	case CHK_RDAC:
	case CHK_HP_SW:
	case CHK_EMC_CLARIION:
		/* READ: one logical block, what multipath-tools' 4096-byte
		 * read amounts to on a device node whose st_blksize is a
		 * page (readsector0, emc_clariion's active path) */
		if (snprintf(attr, sizeof(attr), "block/%s/queue", dev) <
		    (int)sizeof(attr))
			sysfs_read_ull(sysfd, attr, "logical_block_size", 4096,
				       &lbs);
		c->block = lbs < 512 ? 512 : (size_t)lbs;
		c->buf_len = kind == CHK_RDAC ? CHK_RDAC_PAGE_LEN :
			     kind == CHK_HP_SW ? CHK_HP_SW_PAGE_LEN :
			     kind == CHK_EMC_CLARIION ? CHK_EMC_PAGE_LEN :
			     c->block;
		c->buf = malloc(c->buf_len > c->block ? c->buf_len : c->block);
		if (!c->buf)
			return -ENOMEM;
		rc = chk_sg_open(c, sysfd, devfd, dev);
		break;
	case CHK_DIRECTIO:
		if (!aio)
			return -EINVAL;
		rc = chk_directio_open(c, devfd, dev);
		break;
	}
	if (rc) {
		chk_close(c);
		return rc;
	}
	c->state_fd = open_attr(sysfd, dev, "state");
	return 0;
}

int chk_close(struct chk *c)
{
	/* The kernel writes a directio read's data and event into c when it
	 * completes; an sg command's data reaches c only through read(). */
	if (c->busy && c->kind == CHK_DIRECTIO)
		return -EBUSY;
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	if (c->state_fd >= 0)
		close(c->state_fd);
	if (c->access_fd >= 0)
		close(c->access_fd);
	c->state_fd = c->access_fd = -1;
	free(c->buf);
	c->buf = NULL;
	c->busy = 0;
	return 0;
}

/* INQUIRY with EVPD for page, c->buf_len bytes. */
static int send_inquiry(struct chk *c, unsigned char page)
{
	memset(c->cdb, 0, 6);
	c->cdb[0] = 0x12;
	c->cdb[1] = 0x01;
	c->cdb[2] = page;
	c->cdb[3] = (unsigned char)(c->buf_len >> 8);
	c->cdb[4] = (unsigned char)c->buf_len;
	return chk_sg_send(c, 6, c->buf_len);
}

static int send_tur(struct chk *c)
{
	memset(c->cdb, 0, 6);
	return chk_sg_send(c, 6, 0);
}

/* READ(10) of one logical block at LBA 0 into c->buf. */
static int send_read0(struct chk *c)
{
	memset(c->cdb, 0, 10);
	c->cdb[0] = 0x28;
	c->cdb[8] = 1;
	return chk_sg_send(c, 10, c->block);
}

static int send(struct chk *c)
{
	c->tries++;
	switch (c->kind) {
	case CHK_HP_SW:
		return c->step ? send_tur(c) : send_inquiry(c, 0x80);
	case CHK_TUR:
		return send_tur(c);
	case CHK_RDAC:
		return send_inquiry(c, 0xc9);
	case CHK_EMC_CLARIION:
		if (!c->step)
			return send_inquiry(c, 0xc0);
		return send_read0(c);
	case CHK_READSECTOR0:
		return send_read0(c);
	case CHK_DIRECTIO:
		return chk_directio_send(c);
	case CHK_NONE:
		break;
	}
	return -EINVAL;
}

int chk_start(struct chk *c, long long now_ms, enum ps_state *state)
{
	int rc;

	if (c->kind == CHK_NONE) {
		*state = PS_UP;
		return 1;
	}
	if (c->busy)
		return -EBUSY;
	c->tries = 0;
	c->step = 0;
	c->abandoned = 0;
	c->deadline_ms = now_ms + c->timeout_ms;
	rc = send(c);
	if (rc)
		return rc;
	c->busy = 1;
	return 0;
}

int chk_fd(const struct chk *c)
{
	return c->kind == CHK_DIRECTIO ? c->aio->efd : c->fd;
}

/* What an sg completion means for c's checker: 0 final (*state), 1 send
 * the same command again, 2 send the next one, -ENOTSUP wild. */
static int judge(struct chk *c, const struct sgio_result *r,
		 enum ps_state *state)
{
	int rc;

	switch (c->kind) {
	case CHK_TUR:
		return chk_tur_reply(r, state) && c->tries < CHK_TUR_TRIES;
	case CHK_READSECTOR0:
		return chk_readsector0_reply(r, state) &&
		       c->tries < CHK_READSECTOR0_TRIES;
	case CHK_RDAC:
		rc = chk_rdac_reply(r, c->buf, state);
		return rc == 1 && c->tries >= CHK_RDAC_TRIES ? 0 : rc;
	case CHK_HP_SW:
		return chk_hp_sw_reply(c->step, r, state);
	case CHK_EMC_CLARIION:
		rc = chk_emc_reply(c, r, state);
		return rc == 1 && c->tries >= (c->step ? CHK_READSECTOR0_TRIES :
					      CHK_EMC_TRIES) ? 0 : rc;
	default:
		break;
	}
	*state = PS_DOWN;
	return 0;
}

int chk_complete(struct chk *c, enum ps_state *state)
{
	struct sgio_result r;
	int next = 0, rc;

	if (!c->busy)
		return 0;
	if (c->kind == CHK_DIRECTIO) {
		if (!c->aio_done)
			return 0;
		c->aio_done = 0;
		*state = chk_directio_reply(c->aio_res, c->buf_len);
	} else {
		rc = chk_sg_receive(c, &r);
		if (rc <= 0) {
			if (!rc)
				return 0;
			/* the device went away under the command */
			c->busy = 0;
			*state = PS_DOWN;
			return c->abandoned ? 2 : 1;
		}
		next = judge(c, &r, state);
	}
	c->busy = 0;
	if (c->abandoned)
		return 2;
	if (next < 0)
		return next;
	if (next) {
		if (next == 2) {
			c->step++;
			c->tries = 0;
		}
		if (send(c)) {
			*state = PS_DOWN;
			return 1;
		}
		c->busy = 1;
		return 0;
	}
	return 1;
}

void chk_abandon(struct chk *c)
{
	c->abandoned = 1;
}

/* Attribute name of the SCSI device dev: through fd when it is open,
 * else by its path. Returns 0 or -errno. */
static int read_attr(int sysfd, const char *dev, int fd, const char *name,
		     char *buf, size_t size)
{
	char dir[SYSFS_PATH_MAX];
	ssize_t n;

	if (fd >= 0) {
		n = fs_pread_attr(fd, buf, size);
		return n < 0 ? (int)n : 0;
	}
	if (snprintf(dir, sizeof(dir), "block/%s/device", dev) >=
	    (int)sizeof(dir))
		return -ENAMETOOLONG;
	return sysfs_read_str(sysfd, dir, name, buf, size);
}

enum ps_state chk_sdev_state(int sysfd, const char *dev,
			     const struct chk *c)
{
	char state[32];
	int rc = read_attr(sysfd, dev, c ? c->state_fd : -1, "state", state,
			   sizeof(state));

	if (rc == -ENOENT || rc == -ENXIO || rc == -ENODEV)
		return ps_sdev_state(NULL);
	return rc ? PS_DOWN : ps_sdev_state(state);
}

void chk_keep_access_state(struct chk *c, int sysfd, const char *dev)
{
	if (c->access_fd < 0)
		c->access_fd = open_attr(sysfd, dev, "access_state");
}

int chk_access_state(int sysfd, const char *dev, const struct chk *c,
		     char *buf, size_t size)
{
	return read_attr(sysfd, dev, c ? c->access_fd : -1, "access_state",
			 buf, size);
}

unsigned chk_timeout_s(int sysfd, const char *dev, int configured)
{
	char dir[SYSFS_PATH_MAX];
	unsigned long long t;

	if (configured > 0)
		return (unsigned)configured;
	if (snprintf(dir, sizeof(dir), "block/%s/device", dev) <
	    (int)sizeof(dir) &&
	    !sysfs_read_ull(sysfd, dir, "timeout", 86400, &t) && t > 0)
		return (unsigned)t;
	return CHK_DEFAULT_TIMEOUT_S;
}

const char *chk_state_name(enum ps_state s)
{
	static const char *const names[] = {
		[PS_PENDING] = "pending", [PS_UP] = "up", [PS_DOWN] = "down",
		[PS_GHOST] = "ghost", [PS_SHAKY] = "shaky",
		[PS_TIMEOUT] = "timeout", [PS_DELAYED] = "delayed",
		[PS_REMOVED] = "removed",
	};

	return (unsigned)s < sizeof(names) / sizeof(names[0]) && names[s] ?
	       names[s] : "?";
}
