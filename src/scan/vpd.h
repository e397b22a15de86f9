/* SCSI VPD pages 0x83 (device identification) and 0x80 (unit serial
 * number): pure parsers, page bytes in, identifiers out. The WWID is udev's
 * ID_SERIAL as systemd's `scsi_id --export --whitelisted` computes it (what
 * multipathd takes with uid_attribute ID_SERIAL), cut as multipath-tools
 * cuts it (DESIGN.md, "Compatibility contract"). */
#pragma once

#include <stddef.h>

/* A page is at most 4 + 0xffff bytes (16-bit page length). */
#define VPD_PAGE_MAX	(4 + 0xffff)
#define VPD_WWID_SIZE	128	/* multipath-tools' WWID_SIZE: 127 chars */
#define VPD_ID_SIZE	256	/* == sizeof(struct path.serial) */

/* The standard INQUIRY identification as sysfs shows it (trailing spaces
 * cut; the kernel turns NULs and control bytes into spaces). scsi_id puts
 * vendor (8 bytes) and model (16 bytes) before vendor-specific designators
 * and page 0x80 serials, which are unique only per product. */
struct vpd_inquiry {
	const char *vendor;
	const char *model;
};

struct vpd83_ids {
	char wwid[VPD_WWID_SIZE];	/* "" when no usable designator */
	int tpg;		/* target port group (type 5), -1 when none */
	int rel_port;		/* relative target port (type 4), -1 when none */
};

/* Parse page 0x83 (buf holds the page from its 4-byte header on, len
 * bytes, any length up to VPD_PAGE_MAX). The WWID is the designator scsi_id
 * chooses: LUN-associated NAA (IEEE registered extended, then registered,
 * then any), EUI-64, T10 vendor id, vendor specific (prefixed with vendor
 * and model), binary before ASCII at each step, the first in page order
 * among equals; a page whose first designator has a non-zero reserved byte
 * is taken as SCSI-2 format (EMC Symmetrix) like scsi_id does. tpg and
 * rel_port come from target-port-associated designators.
 * Returns 0 with out->wwid set; -ENODATA when the page is sound but scsi_id
 * would find no designator in it (tpg/rel_port may still be set; udev then
 * falls back to page 0x80); -EINVAL when it is not a page 0x83 or shorter
 * than its header (udev falls back too); -EOVERFLOW when the page length
 * says more than len bytes (a cut page); -EBADMSG when a designator runs
 * past the end of the page; -ENOMSG when the designator scsi_id takes is
 * empty or blank (udev would give every such LUN the same ID_SERIAL). On
 * any error out->wwid is "". */
int vpd83_parse(const unsigned char *buf, size_t len,
		const struct vpd_inquiry *inq, struct vpd83_ids *out);

/* The WWID scsi_id makes from page 0x80 when page 0x83 gives none: 'S',
 * vendor, model and the serial number. wwid has VPD_WWID_SIZE bytes.
 * Returns 0, -EINVAL / -EOVERFLOW as vpd80_parse, -E2BIG when the serial is
 * longer than scsi_id takes (no ID_SERIAL then), -ENOMSG when it is empty
 * or blank; wwid is "" on error. */
int vpd80_wwid(const unsigned char *buf, size_t len,
	       const struct vpd_inquiry *inq, char *wwid);

/* Parse page 0x80 into serial (size bytes, always terminated): the product
 * serial number with leading and trailing spaces removed, cut at a NUL or
 * at size - 1. Returns its length, or -EINVAL (not page 0x80, or shorter
 * than its header) or -EOVERFLOW (page length past len); serial is "" then. */
int vpd80_parse(const unsigned char *buf, size_t len, char *serial,
		size_t size);

/* Text for a vpd83_parse / vpd80_wwid / vpd80_parse error, for "no WWID:
 * ..." messages. */
const char *vpd_strerror(int err);
