#include "scan/sgio.h"

#include <errno.h>
#include <scsi/sg.h>
#include <string.h>
#include <sys/ioctl.h>

#include "log.h"

int sgio_cmd(int fd, const unsigned char *cdb, size_t cdb_len, void *buf,
	     size_t len, unsigned timeout_ms)
{
	unsigned char sense[32];
	struct sg_io_hdr io;

	if (cdb_len == 0 || cdb_len > 16 || len > 0xffffffffu)
		return -EINVAL;
	memset(&io, 0, sizeof(io));
	memset(sense, 0, sizeof(sense));
	io.interface_id = 'S';
	io.dxfer_direction = len ? SG_DXFER_FROM_DEV : SG_DXFER_NONE;
	io.cmd_len = (unsigned char)cdb_len;
	io.cmdp = (unsigned char *)cdb;
	io.dxferp = buf;
	io.dxfer_len = (unsigned)len;
	io.mx_sb_len = sizeof(sense);
	io.sbp = sense;
	io.timeout = timeout_ms;
	if (ioctl(fd, SG_IO, &io) < 0)
		return -errno;
	if ((io.info & SG_INFO_OK_MASK) != SG_INFO_OK) {
		/* Fixed (0x70/0x71) or descriptor (0x72/0x73) sense format. */
		unsigned key = (sense[0] & 0x7e) == 0x72 ? sense[1] & 0x0f :
			       sense[2] & 0x0f;

		log_dbg("SG_IO opcode 0x%02x: status 0x%x host 0x%x driver 0x%x sense key 0x%x",
			cdb[0], io.status, io.host_status, io.driver_status,
			io.sb_len_wr ? key : 0);
		return -EIO;
	}
	if (io.resid < 0 || (size_t)io.resid > len)
		return (int)len;
	return (int)(len - (size_t)io.resid);
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
