#include "scan/sgio.h"

#include <errno.h>
#include <scsi/sg.h>
#include <string.h>
#include <sys/ioctl.h>

#include "log.h"

int sgio_exec(int fd, const unsigned char *cdb, size_t cdb_len, void *buf,
	      size_t len, unsigned timeout_ms, struct sgio_result *res)
{
	struct sg_io_hdr io;

	memset(res, 0, sizeof(*res));
	if (cdb_len == 0 || cdb_len > 16 || len > 0xffffffffu)
		return -EINVAL;
	memset(&io, 0, sizeof(io));
	io.interface_id = 'S';
	io.dxfer_direction = len ? SG_DXFER_FROM_DEV : SG_DXFER_NONE;
	io.cmd_len = (unsigned char)cdb_len;
	io.cmdp = (unsigned char *)cdb;
	io.dxferp = buf;
	io.dxfer_len = (unsigned)len;
	io.mx_sb_len = sizeof(res->sense);
	io.sbp = res->sense;
	io.timeout = timeout_ms;
	if (ioctl(fd, SG_IO, &io) < 0)
		return -errno;
	sgio_result_from_hdr(&io, res);
	return 0;
}

void sgio_result_from_hdr(const struct sg_io_hdr *h, struct sgio_result *res)
{
	size_t len = h->dxfer_len;

	res->ok = (h->info & SG_INFO_OK_MASK) == SG_INFO_OK;
	res->status = h->status;
	res->host_status = h->host_status;
	res->driver_status = h->driver_status;
	res->sense_len = h->sb_len_wr < sizeof(res->sense) ? h->sb_len_wr :
			 sizeof(res->sense);
	res->len = h->resid < 0 || (size_t)h->resid > len ? len :
		   len - (size_t)h->resid;
}

int sgio_cmd(int fd, const unsigned char *cdb, size_t cdb_len, void *buf,
	     size_t len, unsigned timeout_ms)
{
	struct sgio_result r;
	int rc = sgio_exec(fd, cdb, cdb_len, buf, len, timeout_ms, &r);

	if (rc)
		return rc;
	if (!r.ok) {
		/* Fixed (0x70/0x71) or descriptor (0x72/0x73) sense format. */
		unsigned key = (r.sense[0] & 0x7e) == 0x72 ? r.sense[1] & 0x0f :
			       r.sense[2] & 0x0f;

		log_dbg("SG_IO opcode 0x%02x: status 0x%x host 0x%x driver 0x%x sense key 0x%x",
			cdb[0], r.status, r.host_status, r.driver_status,
			r.sense_len ? key : 0);
		return -EIO;
	}
	return (int)r.len;
}

static int inquiry_vpd(int fd, unsigned char page, unsigned char *buf,
		       size_t len)
{
	unsigned char cdb[6] = { 0x12, 0x01, page, 0, 0, 0 };

	cdb[3] = (unsigned char)(len >> 8);
	cdb[4] = (unsigned char)len;
	return sgio_cmd(fd, cdb, sizeof(cdb), buf, len, SGIO_TIMEOUT_MS);
}

int sgio_inquiry_vpd(int fd, unsigned char page, unsigned char *buf,
		     size_t len)
{
	size_t first = len < SGIO_VPD_FIRST ? len : SGIO_VPD_FIRST, whole;
	int n;

	if (len > 0xffff)
		len = 0xffff;
	n = inquiry_vpd(fd, page, buf, first);
	if (n < 4 || (size_t)n < first)
		return n;
	/* The page length says how much to ask for the whole page. */
	whole = 4 + ((size_t)buf[2] << 8 | buf[3]);
	if (whole <= (size_t)n || first == len)
		return n;
	return inquiry_vpd(fd, page, buf, whole < len ? whole : len);
}
