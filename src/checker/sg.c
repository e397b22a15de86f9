/* The sg driver's asynchronous interface (sg v3): the command goes out
 * with write() on the path's /dev/sgN opened O_NONBLOCK, its completion is
 * read() once poll() says the fd is readable. The kernel keeps the header's
 * sense and data pointers from write() to read(): they point into the
 * struct chk, which outlives the command. */
#include "checker/internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <scsi/sg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "scan/sysfs.h"

void chk_sense(const unsigned char *s, size_t len, int *key, int *asc,
	       int *ascq)
{
	*key = *asc = *ascq = 0;
	if (!s || len <= 3)
		return;
	if (s[0] == 0x72 || s[0] == 0x73) {
		*key = s[1] & 0x0f;
		*asc = s[2];
		*ascq = s[3];
	} else if (len > 13 && ((s[0] & 0x7f) == 0x70 ||
				(s[0] & 0x7f) == 0x71)) {
		*key = s[2] & 0x0f;
		*asc = s[12];
		*ascq = s[13];
	}
}

int chk_inquiry_reply(const struct sgio_result *r, enum ps_state *state)
{
	unsigned char status = r->status & 0x7e;
	int key;

	*state = PS_UP;
	if (!status && !r->host_status && !r->driver_status)
		return 0;
	*state = PS_DOWN;
	/* check condition, command terminated, or sense from the driver */
	if ((status == 0x02 || status == 0x22 ||
	     (r->driver_status & 0x0f) == 0x08) && r->sense_len > 2) {
		key = r->sense[0] & 0x02 ? r->sense[1] & 0x0f :
		      r->sense[2] & 0x0f;
		if (key == 0x01)	/* recovered error */
			*state = PS_UP;
		else if (key == 0x05)	/* illegal request */
			return -ENOTSUP;
	}
	return 0;
}

/* The one entry of <sysfs>/block/<dev>/device/scsi_generic: "sgN". */
static int sg_name(int sysfd, const char *dev, char *name, size_t size)
{
	char path[SYSFS_PATH_MAX];
	struct dirent *de;
	DIR *d;
	int fd, rc = -ENODEV;

	if (snprintf(path, sizeof(path), "block/%s/device/scsi_generic",
		     dev) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	fd = openat(sysfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ENODEV : -errno;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -errno;
	}
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, "sg", 2)) {
			rc = snprintf(name, size, "%s", de->d_name) <
			     (int)size ? 0 : -ENAMETOOLONG;
			break;
		}
	closedir(d);
	return rc;
}

int chk_sg_open(struct chk *c, int sysfd, int devfd, const char *dev)
{
	char name[64];
	int rc = sg_name(sysfd, dev, name, sizeof(name)), v, reserve = 4096;

	if (rc)
		return rc;
	/* Read-write: write() carries the command; TEST UNIT READY and
	 * READ need no CAP_SYS_RAWIO. */
	c->fd = openat(devfd, name, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (c->fd < 0)
		return -errno;
	if (ioctl(c->fd, SG_GET_VERSION_NUM, &v) < 0 || v < 30000) {
		close(c->fd);
		c->fd = -1;
		return -ENOTTY;
	}
	/* Each open sg fd holds a kernel reserve buffer, 32 KiB by default;
	 * one block is all a check reads. */
	if (ioctl(c->fd, SG_SET_RESERVED_SIZE, &reserve) < 0) {
		rc = -errno;
		close(c->fd);
		c->fd = -1;
		return rc;
	}
	return 0;
}

int chk_sg_send(struct chk *c, size_t cdb_len, size_t data_len)
{
	struct sg_io_hdr h;

	memset(&h, 0, sizeof(h));
	memset(c->sense, 0, sizeof(c->sense));
	h.interface_id = 'S';
	h.dxfer_direction = data_len ? SG_DXFER_FROM_DEV : SG_DXFER_NONE;
	h.cmd_len = (unsigned char)cdb_len;
	h.cmdp = c->cdb;
	h.dxferp = data_len ? c->buf : NULL;
	h.dxfer_len = (unsigned)data_len;
	h.mx_sb_len = sizeof(c->sense);
	h.sbp = c->sense;
	h.timeout = c->timeout_ms;
	if (write(c->fd, &h, sizeof(h)) < 0)
		return -errno;
	return 0;
}

int chk_sg_receive(struct chk *c, struct sgio_result *r)
{
	struct sg_io_hdr h;

	memset(&h, 0, sizeof(h));
	h.interface_id = 'S';
	if (read(c->fd, &h, sizeof(h)) < 0)
		return errno == EAGAIN ? 0 : -errno;
	memset(r, 0, sizeof(*r));
	sgio_result_from_hdr(&h, r);
	memcpy(r->sense, c->sense, r->sense_len);
	return 1;
}
