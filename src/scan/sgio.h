/* SCSI commands through the SG_IO ioctl on a block device node: the way to
 * ask the device itself when sysfs does not have the answer (no cached VPD
 * page), and for the prioritizers' commands. */
#pragma once

#include <stddef.h>

#define SGIO_TIMEOUT_MS	30000	/* multipath-tools' default for inquiries */

/* What came back from one command. */
struct sgio_result {
	int ok;			/* no error from the device, host or driver */
	size_t len;		/* bytes received */
	unsigned char status;	/* SCSI status byte */
	unsigned short host_status, driver_status;
	unsigned char sense[32];
	size_t sense_len;
};

struct sg_io_hdr;

/* The outcome of a completed sg v3 command h (its sense buffer already in
 * res->sense), into res: what SG_IO answers and what a read() on an sg
 * node returns for a write() submitted earlier. */
void sgio_result_from_hdr(const struct sg_io_hdr *h, struct sgio_result *res);

/* Send cdb (cdb_len <= 16 bytes), read up to len bytes into buf (none:
 * no data phase) and say in res how it went. Returns 0 when the command
 * reached the device, or -errno from the ioctl (-ENOTTY: not a SCSI
 * device). */
int sgio_exec(int fd, const unsigned char *cdb, size_t cdb_len, void *buf,
	      size_t len, unsigned timeout_ms, struct sgio_result *res);

/* Send cdb (cdb_len <= 16 bytes) and read up to len bytes into buf.
 * Returns the number of bytes the device sent (len minus residue), -EIO
 * when the command failed (check condition, host or driver error; the
 * sense key is logged at debug level), or -errno from the ioctl (-ENOTTY:
 * not a SCSI device). */
int sgio_cmd(int fd, const unsigned char *cdb, size_t cdb_len, void *buf,
	     size_t len, unsigned timeout_ms);

/* Allocation length of the first INQUIRY for a VPD page: the kernel's
 * own first try, which every device answers. */
#define SGIO_VPD_FIRST	255

/* INQUIRY with EVPD for page into buf (len bytes, at most 65535 are used):
 * first SGIO_VPD_FIRST bytes, then, when the page length says the page is
 * longer, again with the allocation length of the whole page. Returns the
 * bytes received as sgio_cmd does; a page longer than len arrives cut,
 * which the VPD parsers report as -EOVERFLOW. */
int sgio_inquiry_vpd(int fd, unsigned char page, unsigned char *buf,
		     size_t len);
