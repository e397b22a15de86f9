#include "scan/vpd.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

/* Designator header: byte 0 protocol (bits 7-4) and code set (bits 3-0),
 * byte 1 PIV, association (bits 5-4) and type (bits 3-0), byte 3 the
 * length of what follows. */
enum {
	CODESET_BINARY	= 1,
	CODESET_ASCII	= 2,
};

enum {
	ASSOC_LUN	= 0x00,
	ASSOC_PORT	= 0x10,
	ASSOC_MASK	= 0x30,
};

enum {
	DESIG_VENDOR	= 0x0,
	DESIG_T10	= 0x1,
	DESIG_EUI64	= 0x2,
	DESIG_NAA	= 0x3,
	DESIG_REL_PORT	= 0x4,
	DESIG_TPG	= 0x5,
};

#define NAA_ANY		0xff
#define VENDOR_LEN	8
#define MODEL_LEN	16
/* scsi_id builds its serial in 256 bytes, NUL included, and refuses a
 * designator or page 0x80 serial that would not fit. */
#define SCSI_ID_SERIAL_SIZE	256

/* scsi_id's id_search_list (systemd src/udev/scsi_id/scsi_serial.c): the
 * first entry that any designator matches, in page order, wins. Its
 * leading target port group entry never gives a serial and is left out;
 * SCSI name strings (UTF-8) are not in the list. */
static const struct {
	unsigned char type, naa, codeset;
} id_search[] = {
	{ DESIG_NAA, 6, CODESET_BINARY },
	{ DESIG_NAA, 6, CODESET_ASCII },
	{ DESIG_NAA, 5, CODESET_BINARY },
	{ DESIG_NAA, 5, CODESET_ASCII },
	{ DESIG_NAA, NAA_ANY, CODESET_BINARY },
	{ DESIG_NAA, NAA_ANY, CODESET_ASCII },
	{ DESIG_EUI64, NAA_ANY, CODESET_BINARY },
	{ DESIG_EUI64, NAA_ANY, CODESET_ASCII },
	{ DESIG_T10, NAA_ANY, CODESET_BINARY },
	{ DESIG_T10, NAA_ANY, CODESET_ASCII },
	{ DESIG_VENDOR, NAA_ANY, CODESET_BINARY },
	{ DESIG_VENDOR, NAA_ANY, CODESET_ASCII },
};

static const char hex_digit[] = "0123456789abcdef";

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* isspace() in the C locale, and the set udev strips in front. */
static int is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int is_leading_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Characters udev keeps as they are in a device name or ID_SERIAL. */
static int is_plain(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || (c && strchr("#+-.:=@_", c));
}

/* Length of the valid UTF-8 sequence of two or more bytes at s (NUL
 * terminated), else 0: what udev lets through unchanged. Overlong forms,
 * surrogates, non-characters and code points past U+10FFFF are invalid. */
static size_t utf8_multibyte_len(const unsigned char *s)
{
	size_t len, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 0;
	else if ((s[0] & 0xe0) == 0xc0)
		len = 2, cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3, cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;	/* 5 and 6 byte forms are all past U+10FFFF */
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < (len == 2 ? 0x80u : len == 3 ? 0x800u : 0x10000u) ||
	    cp >= 0x110000 || (cp & 0xfffff800) == 0xd800 ||
	    (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe)
		return 0;
	return len;
}

/* Turn scsi_id's raw serial (n bytes, cut at a NUL) into the WWID, as
 * ID_SERIAL is made and multipath-tools reads it: scsi_id's
 * udev_replace_whitespace (at most 255 bytes read; leading and trailing
 * whitespace dropped, each inner run one '_'), then udev_replace_chars
 * (every byte but [0-9A-Za-z#+-.:=@_], "\x" and valid multi-byte UTF-8
 * becomes '_'), then multipath-tools' cut at VPD_WWID_SIZE - 1 bytes. */
static void udev_serial(const unsigned char *raw, size_t n, char *wwid)
{
	unsigned char s[SCSI_ID_SERIAL_SIZE];
	size_t i = 0, j = 0;
	int space = 0;

	if (n > SCSI_ID_SERIAL_SIZE - 1)
		n = SCSI_ID_SERIAL_SIZE - 1;
	while (i < n && is_leading_space(raw[i]))
		i++;
	for (; i < n && raw[i]; i++) {
		if (is_space(raw[i])) {
			space = 1;
			continue;
		}
		if (space)
			s[j++] = '_';
		space = 0;
		s[j++] = raw[i];
	}
	s[j] = '\0';
	for (i = 0; s[i]; ) {
		size_t u;

		if (is_plain(s[i]))
			i++;
		else if (s[i] == '\\' && s[i + 1] == 'x')
			i += 2;
		else if ((u = utf8_multibyte_len(s + i)))
			i += u;
		else
			s[i++] = '_';
	}
	if (j > VPD_WWID_SIZE - 1)
		j = VPD_WWID_SIZE - 1;
	memcpy(wwid, s, j);
	wwid[j] = '\0';
}

/* Nothing but whitespace before the end or a NUL. */
static int is_blank(const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && s[i]; i++)
		if (!is_space(s[i]))
			return 0;
	return 1;
}

/* The INQUIRY field as scsi_id has it: the sysfs text, space padded. */
static size_t put_field(unsigned char *dst, const char *text, size_t width)
{
	size_t n = text ? strnlen(text, width) : 0;

	memcpy(dst, text ? text : "", n);
	memset(dst + n, ' ', width - n);
	return width;
}

static size_t put_vendor_model(unsigned char *dst,
			       const struct vpd_inquiry *inq)
{
	size_t o = put_field(dst, inq ? inq->vendor : NULL, VENDOR_LEN);

	return o + put_field(dst + o, inq ? inq->model : NULL, MODEL_LEN);
}

/* Does designator d (its identifier within the page: d[3] bytes follow)
 * match search entry e, as scsi_id's check_fill_0x83_id decides? naa_byte
 * is the byte after the header, which scsi_id reads even when the
 * identifier is empty (0 past the received data). */
static int id_matches(const unsigned char *d, unsigned naa_byte, size_t e)
{
	size_t need = d[3];

	if ((d[1] & ASSOC_MASK) != ASSOC_LUN ||
	    (d[1] & 0x0f) != id_search[e].type ||
	    (id_search[e].naa != NAA_ANY && id_search[e].naa != naa_byte >> 4) ||
	    (d[0] & 0x0f) != id_search[e].codeset)
		return 0;
	if (id_search[e].codeset == CODESET_BINARY)
		need *= 2;
	need += 2;	/* type digit and NUL */
	if (id_search[e].type == DESIG_VENDOR)
		need += VENDOR_LEN + MODEL_LEN;
	return need <= SCSI_ID_SERIAL_SIZE;
}

/* scsi_id's serial from designator d: type digit, vendor and model for a
 * vendor-specific one, then the identifier, hex for binary. */
static int wwid_from_designator(const unsigned char *d,
				const struct vpd_inquiry *inq, char *wwid)
{
	unsigned char raw[SCSI_ID_SERIAL_SIZE];
	size_t o = 0, i, n = d[3];

	if ((d[0] & 0x0f) == CODESET_ASCII ? is_blank(d + 4, n) : !n)
		return -ENOMSG;
	raw[o++] = (unsigned char)hex_digit[d[1] & 0x0f];
	if ((d[1] & 0x0f) == DESIG_VENDOR)
		o += put_vendor_model(raw + o, inq);
	for (i = 0; i < n; i++) {
		if ((d[0] & 0x0f) == CODESET_ASCII) {
			raw[o++] = d[4 + i];
		} else {
			raw[o++] = (unsigned char)hex_digit[d[4 + i] >> 4];
			raw[o++] = (unsigned char)hex_digit[d[4 + i] & 0x0f];
		}
	}
	udev_serial(raw, o, wwid);
	return 0;
}

/* SCSI-2 format page (no designator headers): '3' and the bytes after the
 * header in hex, as many as buf[3] says, at most 126. */
static int wwid_from_scsi2_page(const unsigned char *buf, char *wwid)
{
	unsigned char raw[SCSI_ID_SERIAL_SIZE];
	size_t o = 0, i;

	raw[o++] = '3';
	for (i = 0; i < buf[3] && o < SCSI_ID_SERIAL_SIZE - 3; i++) {
		raw[o++] = (unsigned char)hex_digit[buf[4 + i] >> 4];
		raw[o++] = (unsigned char)hex_digit[buf[4 + i] & 0x0f];
	}
	if (o == 1)
		return -ENOMSG;
	udev_serial(raw, o, wwid);
	return 0;
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

/* Check every designator lies within the page and note the port ones.
 * 1-3 stray bytes after the last designator are ignored. */
static int vpd83_walk(const unsigned char *buf, size_t end,
		      struct vpd83_ids *out)
{
	size_t off;

	for (off = 4; off + 4 <= end; off += 4 + (size_t)buf[off + 3]) {
		if (off + 4 + buf[off + 3] > end)
			return -EBADMSG;
		if ((buf[off + 1] & ASSOC_MASK) == ASSOC_PORT)
			vpd83_port(buf + off, out);
	}
	return 0;
}

int vpd83_parse(const unsigned char *buf, size_t len,
		const struct vpd_inquiry *inq, struct vpd83_ids *out)
{
	size_t end, off, e;
	int err;

	out->wwid[0] = '\0';
	out->tpg = -1;
	out->rel_port = -1;
	if (len < 4 || buf[1] != 0x83)
		return -EINVAL;
	end = 4 + (size_t)be16(buf + 2);
	if (end > len)
		return -EOVERFLOW;
	/* The reserved byte of an SPC designator header. */
	if (end > 6 && buf[6])
		return wwid_from_scsi2_page(buf, out->wwid);
	err = vpd83_walk(buf, end, out);
	if (err) {
		out->tpg = out->rel_port = -1;
		return err;
	}
	for (e = 0; e < sizeof(id_search) / sizeof(id_search[0]); e++)
		for (off = 4; off + 4 <= end; off += 4 + (size_t)buf[off + 3])
			if (id_matches(buf + off,
				       off + 4 < len ? buf[off + 4] : 0, e))
				return wwid_from_designator(buf + off, inq,
							    out->wwid);
	return -ENODATA;
}

/* Page header checks shared by the page 0x80 readers. */
static int vpd80_check(const unsigned char *buf, size_t len)
{
	if (len < 4 || buf[1] != 0x80)
		return -EINVAL;
	if (4 + (size_t)be16(buf + 2) > len)
		return -EOVERFLOW;
	return 0;
}

int vpd80_wwid(const unsigned char *buf, size_t len,
	       const struct vpd_inquiry *inq, char *wwid)
{
	unsigned char raw[SCSI_ID_SERIAL_SIZE];
	size_t o = 0;
	int err = vpd80_check(buf, len);

	wwid[0] = '\0';
	if (err)
		return err;
	/* scsi_id reads only the low byte of the page length. */
	if (1 + VENDOR_LEN + MODEL_LEN + (size_t)buf[3] > SCSI_ID_SERIAL_SIZE)
		return -E2BIG;
	if (is_blank(buf + 4, buf[3]))
		return -ENOMSG;
	raw[o++] = 'S';
	o += put_vendor_model(raw + o, inq);
	memcpy(raw + o, buf + 4, buf[3]);
	udev_serial(raw, o + buf[3], wwid);
	return 0;
}

int vpd80_parse(const unsigned char *buf, size_t len, char *serial,
		size_t size)
{
	const unsigned char *s;
	size_t n, i;
	int err = vpd80_check(buf, len);

	if (size)
		serial[0] = '\0';
	if (err)
		return err;
	n = be16(buf + 2);
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
		return "no LUN designator udev's scsi_id uses (NAA, EUI-64, T10, vendor specific)";
	case -ENOMSG:
		return "the identifier udev's scsi_id would use is empty (every such LUN would get the same WWID)";
	case -E2BIG:
		return "serial number longer than udev's scsi_id takes";
	}
	return "unexpected error";
}
