/* SCSI VPD pages 0x83 (device identification) and 0x80 (unit serial
 * number): pure parsers, page bytes in, identifiers out. The WWID rules are
 * multipath-tools' (DESIGN.md, "Compatibility contract"). */
#pragma once

#include <stddef.h>

#define VPD_PAGE_MAX	4096	/* bytes of a page mpboot reads */
#define VPD_ID_SIZE	256	/* == sizeof(struct path.wwid/.serial) */

struct vpd83_ids {
	char wwid[VPD_ID_SIZE];	/* "" when no usable designator */
	int tpg;		/* target port group (type 5), -1 when none */
	int rel_port;		/* relative target port (type 4), -1 when none */
};

/* Parse page 0x83 (buf holds the page from its 4-byte header on). Only
 * LUN-associated designators make the WWID; tpg and rel_port come from
 * target-port-associated ones. Returns 0 with out->wwid set, -ENODATA when
 * the page is sound but names no usable designator (tpg/rel_port may still
 * be set), -EINVAL when it is not a page 0x83 or shorter than its header,
 * -EOVERFLOW when the page length says more than len bytes (a cut page),
 * -EBADMSG when a designator runs past the end of the page. On any error
 * out->wwid is "". A WWID longer than VPD_ID_SIZE - 1 is cut, as
 * multipath-tools does. */
int vpd83_parse(const unsigned char *buf, size_t len, struct vpd83_ids *out);

/* Parse page 0x80 into serial (size bytes, always terminated): the product
 * serial number with leading and trailing spaces removed, cut at a NUL or
 * at size - 1. Returns its length, or -EINVAL (not page 0x80, or shorter
 * than its header) or -EOVERFLOW (page length past len); serial is "" then. */
int vpd80_parse(const unsigned char *buf, size_t len, char *serial,
		size_t size);

/* Text for a vpd83_parse / vpd80_parse error, for "no WWID: ..." messages. */
const char *vpd_strerror(int err);
