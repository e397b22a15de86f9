#include "scan/vpd.h"

#include <errno.h>
#include <string.h>

/* Designator header: byte 0 protocol/code set, byte 1 PIV, association
 * (bits 5-4) and type (bits 3-0), byte 3 the length of what follows. */
enum {
	ASSOC_LUN	= 0x00,
	ASSOC_PORT	= 0x10,
	ASSOC_MASK	= 0x30,
};

enum {
	DESIG_T10	= 0x1,
	DESIG_EUI64	= 0x2,
	DESIG_NAA	= 0x3,
	DESIG_REL_PORT	= 0x4,
	DESIG_TPG	= 0x5,
	DESIG_NAME	= 0x8,
};

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* Rank of a LUN designator as a WWID source, higher is better, 0 unusable.
 * Lengths other than the standard ones mean a broken designator. */
static int vpd83_rank(const unsigned char *d)
{
	unsigned len = d[3];

	switch (d[1] & 0x0f) {
	case DESIG_NAA:
		switch (d[4] >> 4) {
		case 6: return len == 16 ? 8 : 0;
		case 5: return len == 8 ? 7 : 0;
		case 2: return len == 8 ? 6 : 0;
		case 3: return len == 8 ? 1 : 0;
		}
		return 0;
	case DESIG_EUI64:
		return len == 8 || len == 12 || len == 16 ? 4 : 0;
	case DESIG_NAME:
		/* An empty name after the prefix would make every such LUN
		 * the same WWID. */
		if (len < 5 || !d[8])
			return 0;
		return !memcmp(d + 4, "eui.", 4) || !memcmp(d + 4, "naa.", 4) ||
		       !memcmp(d + 4, "iqn.", 4) ? 3 : 0;
	case DESIG_T10:
		return len >= 8 ? 2 : 0;
	}
	return 0;	/* vendor specific, MD5, UUID, LU group, ... */
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* The formatters write at most size - 1 characters and terminate. */
static void format_hex(char digit, const unsigned char *id, size_t len,
		       char *out, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i;

	out[o++] = digit;
	for (i = 0; i < len && o + 2 < size; i++) {
		out[o++] = hex[id[i] >> 4];
		out[o++] = hex[id[i] & 0x0f];
	}
	out[o] = '\0';
}

/* "eui.X" -> "2x", "naa.X" -> "3x" (lowercased), "iqn.X" -> "8X": the
 * prefix is dropped in every case, as multipath-tools does. The field is
 * NUL padded. */
static void format_name(const unsigned char *id, size_t len, char *out,
			size_t size)
{
	char digit = !memcmp(id, "eui.", 4) ? '2' :
		     !memcmp(id, "naa.", 4) ? '3' : '8';
	size_t o = 0, i;

	out[o++] = digit;
	for (i = 4; i < len && id[i] && o + 1 < size; i++)
		out[o++] = digit == '8' ? (char)id[i] : ascii_lower(id[i]);
	out[o] = '\0';
}

/* "1" then the text (vendor field included) with every run of spaces that
 * is followed by more text folded to one '_'; trailing spaces dropped. */
static void format_t10(const unsigned char *id, size_t len, char *out,
		       size_t size)
{
	size_t o = 0, i;
	int space = 0;

	out[o++] = '1';
	for (i = 0; i < len && o + 1 < size; i++) {
		if (id[i] == ' ') {
			space = 1;
			continue;
		}
		if (space) {
			out[o++] = '_';
			space = 0;
			if (o + 1 >= size)
				break;
		}
		if (!id[i])
			break;
		out[o++] = id[i];
	}
	out[o] = '\0';
}

static void format_wwid(const unsigned char *d, char *out, size_t size)
{
	switch (d[1] & 0x0f) {
	case DESIG_NAA:
	case DESIG_EUI64:
		format_hex('0' + (d[1] & 0x0f), d + 4, d[3], out, size);
		break;
	case DESIG_NAME:
		format_name(d + 4, d[3], out, size);
		break;
	case DESIG_T10:
		format_t10(d + 4, d[3], out, size);
		break;
	}
}

/* Target port designators: a 4-byte field whose last two bytes hold the
 * number. */
static void vpd83_port(const unsigned char *d, struct vpd83_ids *out)
{
	if (d[3] != 4)
		return;
	if ((d[1] & 0x0f) == DESIG_TPG)
		out->tpg = (int)be16(d + 6);
	else if ((d[1] & 0x0f) == DESIG_REL_PORT)
		out->rel_port = (int)be16(d + 6);
}

int vpd83_parse(const unsigned char *buf, size_t len, struct vpd83_ids *out)
{
	const unsigned char *best = NULL;
	int best_rank = 0;
	size_t end, off;

	out->wwid[0] = '\0';
	out->tpg = -1;
	out->rel_port = -1;
	if (len < 4 || buf[1] != 0x83)
		return -EINVAL;
	end = 4 + (size_t)be16(buf + 2);
	if (end > len)
		return -EOVERFLOW;
	/* 1-3 stray bytes after the last designator are ignored. */
	for (off = 4; off + 4 <= end; off += 4 + (size_t)buf[off + 3]) {
		const unsigned char *d = buf + off;
		int rank;

		if (off + 4 + d[3] > end) {
			out->tpg = out->rel_port = -1;
			return -EBADMSG;
		}
		if ((d[1] & ASSOC_MASK) == ASSOC_PORT) {
			vpd83_port(d, out);
			continue;
		}
		if ((d[1] & ASSOC_MASK) != ASSOC_LUN || !d[3])
			continue;
		rank = vpd83_rank(d);
		if (rank > best_rank) {
			best = d;
			best_rank = rank;
		}
	}
	if (!best)
		return -ENODATA;
	format_wwid(best, out->wwid, sizeof(out->wwid));
	return 0;
}

int vpd80_parse(const unsigned char *buf, size_t len, char *serial,
		size_t size)
{
	const unsigned char *s;
	size_t n, i;

	if (size)
		serial[0] = '\0';
	if (len < 4 || buf[1] != 0x80)
		return -EINVAL;
	n = be16(buf + 2);
	if (4 + n > len)
		return -EOVERFLOW;
	s = buf + 4;
	for (i = 0; i < n && s[i]; i++)
		;
	n = i;
	while (n && s[n - 1] == ' ')
		n--;
	while (n && s[0] == ' ') {
		s++;
		n--;
	}
	if (!size)
		return 0;
	if (n > size - 1)
		n = size - 1;
	memcpy(serial, s, n);
	serial[n] = '\0';
	return (int)n;
}

const char *vpd_strerror(int err)
{
	switch (err) {
	case -EINVAL:
		return "not a VPD page of the expected code, or shorter than its header";
	case -EOVERFLOW:
		return "page length field points past the end of the data";
	case -EBADMSG:
		return "a designator runs past the end of the page";
	case -ENODATA:
		return "no LUN designator usable as WWID (NAA, EUI-64, SCSI name, T10)";
	}
	return "unexpected error";
}
