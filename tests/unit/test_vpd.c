/* VPD page 0x83/0x80 parsing: the WWID as udev's scsi_id makes ID_SERIAL
 * (search order of designator types, NAA subtypes and code sets, vendor
 * and model prefixes, page 0x80 fallback, whitespace and character
 * replacement, length limits, multipath-tools' cut at 127), target port
 * designators, and broken pages (which must give an error or no WWID,
 * never a read out of bounds: the host build runs under ASan, and pages are
 * copied into exact-size heap buffers so a one-byte overread is caught). */
#include <errno.h>
#include <stdlib.h>

#include "t.h"
#include "scan/vpd.h"

struct page {
	unsigned char b[70000];
	size_t len;
};

static void page_init(struct page *p, unsigned char code)
{
	memset(p->b, 0, 4);
	p->b[1] = code;
	p->len = 4;
}

static void page_fix_len(struct page *p)
{
	p->b[2] = (unsigned char)((p->len - 4) >> 8);
	p->b[3] = (unsigned char)(p->len - 4);
}

#define CS_BIN	1
#define CS_ASCII 2
#define CS_UTF8	3
#define A_LUN	0x00
#define A_PORT	0x10
#define A_TDEV	0x20
#define A_RSVD	0x30

static void add(struct page *p, int codeset, int assoc, int type,
		const void *id, size_t n)
{
	unsigned char *d = p->b + p->len;

	d[0] = (unsigned char)codeset;
	d[1] = (unsigned char)(assoc | type);
	d[2] = 0;
	d[3] = (unsigned char)n;
	memcpy(d + 4, id, n);
	p->len += 4 + n;
	page_fix_len(p);
}

static void add_hex(struct page *p, int assoc, int type, const char *hex)
{
	unsigned char id[255];
	size_t n = strlen(hex) / 2, i;

	for (i = 0; i < n; i++) {
		unsigned v;

		sscanf(hex + 2 * i, "%2x", &v);
		id[i] = (unsigned char)v;
	}
	add(p, CS_BIN, assoc, type, id, n);
}

static void add_str(struct page *p, int assoc, int type, const char *s,
		    size_t n)
{
	add(p, type == 8 ? CS_UTF8 : CS_ASCII, assoc, type, s, n);
}

static const struct vpd_inquiry qemu = { "QEMU", "QEMU HARDDISK" };

/* Parse a copy that ends exactly at len. */
static int parse83(const unsigned char *b, size_t len, struct vpd83_ids *ids)
{
	unsigned char *copy = malloc(len ? len : 1);
	int rc;

	memcpy(copy, b, len);
	rc = vpd83_parse(copy, len, &qemu, ids);
	free(copy);
	return rc;
}

static const char *wwid_of(struct page *p)
{
	static struct vpd83_ids ids;
	int rc = parse83(p->b, p->len, &ids);

	if (rc == -ENODATA)
		return "(none)";
	if (rc == -ENOMSG)
		return "(empty)";
	if (rc)
		return "(error)";
	return ids.wwid;
}

#define NAA6	"6001405a1b2c3d4e5f60718293a4b5c6"
#define NAA5	"5000c50015ea71ac"
#define NAA2	"2000001b32a1b2c3"
#define NAA3	"3000000000abcdef"
#define EUI8	"0011223344556677"

static void test_naa_subtypes_and_lengths(void)
{
	struct page p;

	page_init(&p, 0x83); add_hex(&p, A_LUN, 3, NAA6);
	T_STREQ(wwid_of(&p), "3" NAA6);
	page_init(&p, 0x83); add_hex(&p, A_LUN, 3, NAA5);
	T_STREQ(wwid_of(&p), "3" NAA5);
	page_init(&p, 0x83); add_hex(&p, A_LUN, 3, NAA2);
	T_STREQ(wwid_of(&p), "3" NAA2);
	page_init(&p, 0x83); add_hex(&p, A_LUN, 3, NAA3);
	T_STREQ(wwid_of(&p), "3" NAA3);
	/* Binary ids print lowercase hex. */
	page_init(&p, 0x83); add_hex(&p, A_LUN, 3, "5ABCDEF012345678");
	T_STREQ(wwid_of(&p), "35abcdef012345678");
	/* scsi_id checks neither the length nor the subtype. */
	page_init(&p, 0x83); add_hex(&p, A_LUN, 3, NAA5 "0000000000000000");
	T_STREQ(wwid_of(&p), "3" NAA5 "0000000000000000");
	page_init(&p, 0x83); add_hex(&p, A_LUN, 3, "1000001b32a1b2c3ff");
	T_STREQ(wwid_of(&p), "31000001b32a1b2c3ff");
	/* An ASCII NAA is taken as text; its subtype is the high nibble of
	 * the first character ('P' is 0x50: IEEE registered). */
	page_init(&p, 0x83); add(&p, CS_ASCII, A_LUN, 3, "PABC", 4);
	T_STREQ(wwid_of(&p), "3PABC");
	/* Lengths of other types are not checked either. */
	page_init(&p, 0x83); add_hex(&p, A_LUN, 2, "00112233445566778899");
	T_STREQ(wwid_of(&p), "200112233445566778899");
	page_init(&p, 0x83); add(&p, CS_ASCII, A_LUN, 1, "ACMEDIS", 7);
	T_STREQ(wwid_of(&p), "1ACMEDIS");
}

static void test_t10_vendor_id(void)
{
	struct page p;

	page_init(&p, 0x83);
	add_str(&p, A_LUN, 1, "ATA     ST3500418AS                 5VM1ABCD", 44);
	T_STREQ(wwid_of(&p), "1ATA_ST3500418AS_5VM1ABCD");
	/* Spaces after the type digit fold to '_', trailing ones go. */
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 1, "  ACME    Vol 7   ", 18);
	T_STREQ(wwid_of(&p), "1_ACME_Vol_7");
	/* Text stops at a NUL. */
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 1, "ACME    X\0garbage", 17);
	T_STREQ(wwid_of(&p), "1ACME_X");
	/* LIO's, as captured from a guest. */
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 1, "LIO-ORG block0          a1b2c3d4-e5f6", 37);
	T_STREQ(wwid_of(&p), "1LIO-ORG_block0_a1b2c3d4-e5f6");
}

/* Issue 11: no raw byte that udev would replace reaches the WWID. */
static void test_udev_character_replacement(void)
{
	static const struct {
		const char *id, *wwid;
	} cases[] = {
		{ "ACME    a/b", "1ACME_a_b" },
		{ "ACME    a\nb\n", "1ACME_a_b" },
		{ "ACME    a\r\t\v\fb", "1ACME_a_b" },
		{ "ACME    a\001\002b", "1ACME_a__b" },
		{ "ACME    a\177b\033", "1ACME_a_b_" },
		{ "ACME    \"'$`*?![]{}()<>|&;,%~^", "1ACME_" "______________________" },
		{ "ACME    #+-.:=@_", "1ACME_#+-.:=@_" },
		{ "ACME    a\\b", "1ACME_a_b" },
		{ "ACME    a\\x2fb", "1ACME_a\\x2fb" },	/* udev keeps "\x" */
		{ "ACME    \303\251t\303\251", "1ACME_\303\251t\303\251" },
		{ "ACME    \342\202\254", "1ACME_\342\202\254" },
		{ "ACME    \360\237\222\276", "1ACME_\360\237\222\276" },
		{ "ACME    \303(", "1ACME___" },		/* bad continuation */
		{ "ACME    \300\200", "1ACME___" },		/* overlong NUL */
		{ "ACME    \340\200\257", "1ACME____" },	/* overlong '/' */
		{ "ACME    \355\240\200", "1ACME____" },	/* surrogate */
		{ "ACME    \357\277\276", "1ACME____" },	/* U+FFFE */
		{ "ACME    \357\267\220", "1ACME____" },	/* U+FDD0 */
		{ "ACME    \364\220\200\200", "1ACME_____" },	/* > U+10FFFF */
		{ "ACME    \370\210\200\200\200", "1ACME______" },	/* 5 bytes */
		{ "ACME    \251", "1ACME__" },		/* lone continuation */
		{ "ACME    \303", "1ACME__" },		/* cut sequence */
	};
	struct page p;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		page_init(&p, 0x83);
		add(&p, CS_ASCII, A_LUN, 1, cases[i].id, strlen(cases[i].id));
		T_STREQ(wwid_of(&p), cases[i].wwid);
	}
}

static void test_vendor_specific(void)
{
	static const struct vpd_inquiry full = { "ABCDEFGH", "0123456789ABCDEF" };
	static const struct vpd_inquiry none = { NULL, NULL };
	struct page p;
	struct vpd83_ids ids;

	/* QEMU scsi-hd with serial= and no wwn=: device_id is the serial. */
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 0, "lun1", 4);
	T_STREQ(wwid_of(&p), "0QEMU_QEMU_HARDDISK_lun1");
	page_init(&p, 0x83);
	add_hex(&p, A_LUN, 0, "0102abcd");
	T_STREQ(wwid_of(&p), "0QEMU_QEMU_HARDDISK_0102abcd");
	/* Fields without padding run together. */
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 0, "x y", 3);
	T_INTEQ(parse83(p.b, p.len, &ids), 0);
	T_INTEQ(vpd83_parse(p.b, p.len, &full, &ids), 0);
	T_STREQ(ids.wwid, "0ABCDEFGH0123456789ABCDEFx_y");
	T_INTEQ(vpd83_parse(p.b, p.len, &none, &ids), 0);
	T_STREQ(ids.wwid, "0_x_y");
	/* A vendor with a '/' is replaced like the rest. */
	{
		static const struct vpd_inquiry slash = { "A/B", "M\tN" };

		T_INTEQ(vpd83_parse(p.b, p.len, &slash, &ids), 0);
		T_STREQ(ids.wwid, "0A_B_M_N_x_y");
	}
	/* Empty or blank: every such LUN would share one WWID. */
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 0, "   ", 3);
	T_STREQ(wwid_of(&p), "(empty)");
}

static void test_ignored_designator_types(void)
{
	struct page p;
	unsigned char md5[16] = { 1, 2, 3 }, uuid[18] = { 0x10, 0 };

	page_init(&p, 0x83);
	add_str(&p, A_LUN, 8, "naa.600A0B80001234560000ABCD", 28);
	add_str(&p, A_LUN, 8, "iqn.2003-01.org.x:y\0", 20);
	add(&p, CS_BIN, A_LUN, 7, md5, sizeof(md5));
	add(&p, CS_BIN, A_LUN, 0xa, uuid, sizeof(uuid));
	add_hex(&p, A_LUN, 6, "00000001");		/* LU group */
	add_hex(&p, A_LUN, 4, "00000001");		/* LU relative port */
	/* UTF-8 code set: no type matches it. */
	add(&p, CS_UTF8, A_LUN, 3, "5ABC", 4);
	add(&p, CS_UTF8, A_LUN, 0, "lun1", 4);
	add(&p, 0, A_LUN, 3, "\x50\0\0\0\0\0\0\1", 8);
	T_STREQ(wwid_of(&p), "(none)");
}

static void test_port_and_device_associations_ignored(void)
{
	struct page p;

	page_init(&p, 0x83);
	add_hex(&p, A_PORT, 3, NAA6);
	add_hex(&p, A_TDEV, 3, NAA6);
	add_hex(&p, A_RSVD, 3, NAA6);
	add_str(&p, A_TDEV, 1, "ACME    PORT", 12);
	add_str(&p, A_PORT, 0, "port", 4);
	T_STREQ(wwid_of(&p), "(none)");
	add_hex(&p, A_LUN, 3, NAA3);
	T_STREQ(wwid_of(&p), "3" NAA3);
}

static void test_target_port_group_and_relative_port(void)
{
	struct page p;
	struct vpd83_ids ids;

	page_init(&p, 0x83);
	add_hex(&p, A_LUN, 3, NAA6);
	add_hex(&p, A_PORT, 4, "00000002");
	add_hex(&p, A_PORT, 5, "00000101");
	T_INTEQ(parse83(p.b, p.len, &ids), 0);
	T_INTEQ(ids.rel_port, 2);
	T_INTEQ(ids.tpg, 0x101);
	/* LUN-associated or wrong-length ones are not the port's. */
	page_init(&p, 0x83);
	add_hex(&p, A_LUN, 4, "00000002");
	add_hex(&p, A_PORT, 5, "000001");
	T_INTEQ(parse83(p.b, p.len, &ids), -ENODATA);
	T_INTEQ(ids.rel_port, -1);
	T_INTEQ(ids.tpg, -1);
	/* Known even without a WWID. */
	page_init(&p, 0x83);
	add_hex(&p, A_PORT, 5, "00000007");
	T_INTEQ(parse83(p.b, p.len, &ids), -ENODATA);
	T_INTEQ(ids.tpg, 7);
	T_STREQ(ids.wwid, "");
}

/* scsi_id's search order, worst to best; any two in a page, in either
 * order, give the better one. */
static void add_ranked(struct page *p, int i)
{
	switch (i) {
	case 0: add_str(p, A_LUN, 0, "vend", 4); break;
	case 1: add_hex(p, A_LUN, 0, "beef"); break;
	case 2: add_str(p, A_LUN, 1, "ACME    DISK0001", 16); break;
	case 3: add(p, CS_BIN, A_LUN, 1, "\x01\x02", 2); break;
	case 4: add(p, CS_ASCII, A_LUN, 2, "EUI", 3); break;
	case 5: add_hex(p, A_LUN, 2, EUI8); break;
	/* ASCII NAA subtypes: '2' is 0x32, 'P' 0x50, 'a' 0x61. */
	case 6: add(p, CS_ASCII, A_LUN, 3, "2NAA", 4); break;
	case 7: add_hex(p, A_LUN, 3, NAA2); break;
	case 8: add(p, CS_ASCII, A_LUN, 3, "PNAA", 4); break;
	case 9: add_hex(p, A_LUN, 3, NAA5); break;
	case 10: add(p, CS_ASCII, A_LUN, 3, "aNAA", 4); break;
	case 11: add_hex(p, A_LUN, 3, NAA6); break;
	}
}

static void test_search_order(void)
{
	static const char *const expect[] = {
		"0QEMU_QEMU_HARDDISK_vend", "0QEMU_QEMU_HARDDISK_beef",
		"1ACME_DISK0001", "10102", "2EUI", "2" EUI8,
		"32NAA", "3" NAA2, "3PNAA", "3" NAA5, "3aNAA", "3" NAA6,
	};
	struct page p;
	int i, j;

	for (i = 0; i < 12; i++)
		for (j = 0; j < 12; j++) {
			page_init(&p, 0x83);
			add_ranked(&p, i);
			add_str(&p, A_LUN, 8, "naa.6001405a1b2c3d4e", 20);
			add_hex(&p, A_PORT, 3, NAA6);
			add_ranked(&p, j);
			T_STREQ(wwid_of(&p), expect[i > j ? i : j]);
		}
	/* Equals: the first in page order. */
	page_init(&p, 0x83);
	add_hex(&p, A_LUN, 3, "5111111111111111");
	add_hex(&p, A_LUN, 3, NAA5);
	T_STREQ(wwid_of(&p), "35111111111111111");
	page_init(&p, 0x83);
	add_hex(&p, A_LUN, 3, NAA3);
	add_hex(&p, A_LUN, 3, NAA2);
	T_STREQ(wwid_of(&p), "3" NAA3);
}

/* What does not fit in scsi_id's 256-byte serial is passed over; what
 * fits is cut at 127 characters as multipath-tools does. */
static void test_lengths(void)
{
	char id[255], want[128];
	struct page p;
	int i;

	memset(id, 'a', sizeof(id));
	/* Binary: 2 hex digits a byte, 127 bytes fit, 128 do not. */
	page_init(&p, 0x83);
	add(&p, CS_BIN, A_LUN, 3, id, 127);
	want[0] = '3';
	for (i = 1; i < 127; i++)
		want[i] = i % 2 ? '6' : '1';
	want[127] = '\0';
	T_STREQ(wwid_of(&p), want);
	page_init(&p, 0x83);
	add(&p, CS_BIN, A_LUN, 3, id, 128);
	T_STREQ(wwid_of(&p), "(none)");
	add_str(&p, A_LUN, 1, "ACME    X", 9);
	T_STREQ(wwid_of(&p), "1ACME_X");
	/* ASCII: 254 fit, 255 do not. */
	memset(want, 'a', 127);
	want[0] = '1';
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 1, id, 254);
	T_STREQ(wwid_of(&p), want);
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 1, id, 255);
	T_STREQ(wwid_of(&p), "(none)");
	/* Vendor specific: vendor and model take 24 more. */
	page_init(&p, 0x83);
	add(&p, CS_BIN, A_LUN, 0, id, 115);
	T_CHECK(!strncmp(wwid_of(&p), "0QEMU_QEMU_HARDDISK_6161", 24));
	T_INTEQ(strlen(wwid_of(&p)), 127);
	page_init(&p, 0x83);
	add(&p, CS_BIN, A_LUN, 0, id, 116);
	T_STREQ(wwid_of(&p), "(none)");
	page_init(&p, 0x83);
	add(&p, CS_ASCII, A_LUN, 0, id, 230);
	T_INTEQ(strlen(wwid_of(&p)), 127);
	page_init(&p, 0x83);
	add(&p, CS_ASCII, A_LUN, 0, id, 231);
	T_STREQ(wwid_of(&p), "(none)");
	/* A 200-character designator: 127. */
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 1, id, 200);
	T_INTEQ(strlen(wwid_of(&p)), VPD_WWID_SIZE - 1);
}

static void test_empty_identifiers(void)
{
	struct page p;

	/* The empty NAA ranks with "any subtype", below the NAA 5. */
	page_init(&p, 0x83);
	add_hex(&p, A_LUN, 3, "");
	add_hex(&p, A_LUN, 3, NAA5);
	T_STREQ(wwid_of(&p), "3" NAA5);
	page_init(&p, 0x83);
	add_hex(&p, A_LUN, 3, "");
	add_hex(&p, A_LUN, 3, NAA3);
	T_STREQ(wwid_of(&p), "(empty)");
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 1, "        ", 8);	/* IBM 3542, unconfigured */
	T_STREQ(wwid_of(&p), "(empty)");
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 1, "\0ACME", 5);
	T_STREQ(wwid_of(&p), "(empty)");
	/* scsi_id reads an empty NAA's subtype from the next byte: the
	 * next header's protocol nibble here (6: SAS) makes it an IEEE
	 * registered extended one, ahead of the real NAA 5. */
	page_init(&p, 0x83);
	add_hex(&p, A_LUN, 3, NAA5);
	add_hex(&p, A_LUN, 3, "");
	add(&p, CS_BIN, A_LUN, 0, "", 0);
	p.b[p.len - 4] = 0x61;
	T_STREQ(wwid_of(&p), "(empty)");
	p.b[p.len - 4] = 0x21;
	T_STREQ(wwid_of(&p), "3" NAA5);
}

static void test_scsi2_format_page(void)
{
	/* EMC Symmetrix model 4-6: the WWN right after the header, no
	 * designator headers; byte 6 (a reserved byte in SPC) is non-zero. */
	static const unsigned char pg[] = {
		0x00, 0x83, 0x00, 0x10,
		0x60, 0x06, 0x04, 0x80, 0x00, 0x01, 0x87, 0x42,
		0x01, 0x23, 0x53, 0x30, 0x30, 0x33, 0x45, 0x46,
	};
	struct vpd83_ids ids;

	T_INTEQ(parse83(pg, sizeof(pg), &ids), 0);
	T_STREQ(ids.wwid, "360060480000187420123533030334546");
	T_INTEQ(ids.tpg, -1);
}

static void test_qemu_page(void)
{
	/* QEMU scsi-hd,serial=lun1,wwn=0x5000c50015ea71ac */
	static const unsigned char pg[] = {
		0x00, 0x83, 0x00, 0x14,
		0x02, 0x00, 0x00, 0x04, 'l', 'u', 'n', '1',
		0x01, 0x03, 0x00, 0x08,
		0x50, 0x00, 0xc5, 0x00, 0x15, 0xea, 0x71, 0xac,
	};
	struct vpd83_ids ids;

	T_INTEQ(parse83(pg, sizeof(pg), &ids), 0);
	T_STREQ(ids.wwid, "35000c50015ea71ac");
}

static void test_bad_pages(void)
{
	struct page p;
	struct vpd83_ids ids;
	size_t cut;

	T_INTEQ(parse83((const unsigned char *)"", 0, &ids), -EINVAL);
	T_INTEQ(parse83((const unsigned char *)"\0\x83\0", 3, &ids), -EINVAL);
	page_init(&p, 0x80);
	add_hex(&p, A_LUN, 3, NAA5);
	T_INTEQ(parse83(p.b, p.len, &ids), -EINVAL);
	/* Zero designators. */
	page_init(&p, 0x83);
	T_INTEQ(parse83(p.b, p.len, &ids), -ENODATA);
	/* Cut at every length: page length now points past the data. */
	page_init(&p, 0x83);
	add_hex(&p, A_LUN, 3, NAA6);
	add_hex(&p, A_PORT, 5, "00000001");
	for (cut = 4; cut < p.len; cut++) {
		T_INTEQ(parse83(p.b, cut, &ids), -EOVERFLOW);
		T_STREQ(ids.wwid, "");
	}
	/* Designator length past the page end. */
	page_init(&p, 0x83);
	add_hex(&p, A_LUN, 3, NAA5);
	p.b[7] = 9;
	T_INTEQ(parse83(p.b, p.len, &ids), -EBADMSG);
	T_STREQ(ids.wwid, "");
	/* A good designator before a bad one does not save the page. */
	page_init(&p, 0x83);
	add_hex(&p, A_LUN, 3, NAA6);
	add_hex(&p, A_PORT, 5, "00000001");
	add_hex(&p, A_LUN, 3, NAA5);
	p.b[p.len - 9] = 200;
	T_INTEQ(parse83(p.b, p.len, &ids), -EBADMSG);
	T_STREQ(ids.wwid, "");
	T_INTEQ(ids.tpg, -1);
	/* 1-3 stray zero bytes after the designators are ignored. */
	page_init(&p, 0x83);
	add_hex(&p, A_LUN, 3, NAA5);
	p.len += 3;
	page_fix_len(&p);
	T_STREQ(wwid_of(&p), "3" NAA5);
}

/* Issue 11: pages past 4 KiB are valid and parsed whole. */
static void test_long_pages(void)
{
	struct page p;
	struct vpd83_ids ids;
	char id[254];
	int i;

	/* 5000 bytes of port and vendor-specific designators, the NAA and
	 * the target port group last. */
	page_init(&p, 0x83);
	for (i = 0; p.len < 5000; i++)
		add_str(&p, i % 2 ? A_PORT : A_LUN, 0, "filler-filler", 13);
	add_hex(&p, A_LUN, 3, NAA6);
	add_hex(&p, A_PORT, 5, "00000003");
	T_CHECK(p.len > 4096);
	T_INTEQ(parse83(p.b, p.len, &ids), 0);
	T_STREQ(ids.wwid, "3" NAA6);
	T_INTEQ(ids.tpg, 3);
	/* The longest page: 65535 bytes after the header. */
	page_init(&p, 0x83);
	while (p.len < 4 + 0xffff) {
		size_t rest = 4 + 0xffff - p.len - 4;
		size_t n = rest > sizeof(id) ? sizeof(id) : rest;

		if (rest - n && rest - n < 4)	/* leave room for a header */
			n -= 4;
		memset(id, 'A' + (int)(p.len % 26), sizeof(id));
		add_str(&p, A_LUN, 1, id, n);
	}
	T_INTEQ(p.len, 4 + 0xffff);
	T_INTEQ(parse83(p.b, p.len, &ids), 0);
	T_INTEQ(strlen(ids.wwid), VPD_WWID_SIZE - 1);
	T_CHECK(ids.wwid[0] == '1' && ids.wwid[1] == 'E');
	/* All zero bytes: code set 0 matches nothing. */
	memset(p.b + 4, 0, 0xffff);
	T_INTEQ(parse83(p.b, p.len, &ids), -ENODATA);
}

static void test_serial_page_wwid(void)
{
	static const struct vpd_inquiry acme = { "ACME", "RAID 5" };
	struct page p;
	char w[VPD_WWID_SIZE];

	page_init(&p, 0x80);
	memcpy(p.b + 4, "lun1", 4);
	p.len = 8;
	page_fix_len(&p);
	T_INTEQ(vpd80_wwid(p.b, p.len, &qemu, w), 0);
	T_STREQ(w, "SQEMU_QEMU_HARDDISK_lun1");
	T_INTEQ(vpd80_wwid(p.b, p.len, &acme, w), 0);
	T_STREQ(w, "SACME_RAID_5_lun1");
	memcpy(p.b + 4, " a/\n", 4);
	T_INTEQ(vpd80_wwid(p.b, p.len, &acme, w), 0);
	T_STREQ(w, "SACME_RAID_5_a_");
	/* Blank or empty. */
	memcpy(p.b + 4, "  \0x", 4);
	T_INTEQ(vpd80_wwid(p.b, p.len, &acme, w), -ENOMSG);
	T_STREQ(w, "");
	/* 231 bytes fit in scsi_id's serial, 232 do not. */
	page_init(&p, 0x80);
	memset(p.b + 4, 'z', 232);
	p.len = 4 + 231;
	page_fix_len(&p);
	T_INTEQ(vpd80_wwid(p.b, p.len, &qemu, w), 0);
	T_INTEQ(strlen(w), VPD_WWID_SIZE - 1);
	p.len = 4 + 232;
	page_fix_len(&p);
	T_INTEQ(vpd80_wwid(p.b, p.len, &qemu, w), -E2BIG);
	/* Only the low byte of the page length counts. */
	page_init(&p, 0x80);
	memset(p.b + 4, 'y', 260);
	p.len = 4 + 260;
	page_fix_len(&p);
	T_INTEQ(vpd80_wwid(p.b, p.len, &qemu, w), 0);
	T_STREQ(w, "SQEMU_QEMU_HARDDISK_yyyy");
	T_INTEQ(vpd80_wwid(p.b, p.len - 1, &qemu, w), -EOVERFLOW);
	p.b[1] = 0x83;
	T_INTEQ(vpd80_wwid(p.b, p.len, &qemu, w), -EINVAL);
}

/* Only what udev lets through: plain characters, "\x", UTF-8 bytes. */
static int wwid_is_clean(const char *w)
{
	for (; *w; w++)
		if (!strchr("#+-.:=@_\\", *w) && !(*w >= '0' && *w <= '9') &&
		    !(*w >= 'a' && *w <= 'z') && !(*w >= 'A' && *w <= 'Z') &&
		    !((unsigned char)*w & 0x80))
			return 0;
	return 1;
}

static void test_garbage_never_crashes(void)
{
	unsigned char buf[600];
	struct vpd83_ids ids;
	char serial[VPD_ID_SIZE], wwid[VPD_WWID_SIZE];
	unsigned seed = 12345;
	int i;

	for (i = 0; i < 20000; i++) {
		size_t len = (size_t)(seed % sizeof(buf)), k;
		int rc;

		for (k = 0; k < len; k++) {
			seed = seed * 1103515245 + 12345;
			buf[k] = (unsigned char)(seed >> 16);
		}
		if (len >= 4 && i % 2) {	/* mostly consistent headers */
			buf[1] = 0x83;
			buf[2] = (unsigned char)((len - 4) >> 8);
			buf[3] = (unsigned char)(len - 4);
		}
		rc = parse83(buf, len, &ids);
		T_CHECK(rc == 0 ? ids.wwid[0] != '\0' : ids.wwid[0] == '\0');
		T_CHECK(wwid_is_clean(ids.wwid));
		if (len >= 2)
			buf[1] = 0x80;
		rc = vpd80_parse(buf, len, serial, sizeof(serial));
		T_CHECK(rc < 0 ? serial[0] == '\0' : strlen(serial) == (size_t)rc);
		rc = vpd80_wwid(buf, len, &qemu, wwid);
		T_CHECK(rc ? wwid[0] == '\0' : wwid[0] == 'S');
		seed = seed * 1103515245 + 12345;
	}
}

static void test_serial_page(void)
{
	struct page p;
	char s[8];

	page_init(&p, 0x80);
	memcpy(p.b + 4, "  SN42  ", 8);
	p.len = 12;
	page_fix_len(&p);
	T_INTEQ(vpd80_parse(p.b, p.len, s, sizeof(s)), 4);
	T_STREQ(s, "SN42");
	/* Cut to the buffer, stopped at a NUL. */
	memcpy(p.b + 4, "ABCDEFGHIJ", 10);
	p.len = 14;
	page_fix_len(&p);
	T_INTEQ(vpd80_parse(p.b, p.len, s, sizeof(s)), 7);
	T_STREQ(s, "ABCDEFG");
	p.b[6] = '\0';
	T_INTEQ(vpd80_parse(p.b, p.len, s, sizeof(s)), 2);
	T_STREQ(s, "AB");
	T_INTEQ(vpd80_parse(p.b, p.len - 1, s, sizeof(s)), -EOVERFLOW);
	T_STREQ(s, "");
	p.b[1] = 0x83;
	T_INTEQ(vpd80_parse(p.b, p.len, s, sizeof(s)), -EINVAL);
	T_INTEQ(vpd80_parse(p.b, 3, s, sizeof(s)), -EINVAL);
	/* Empty serial. */
	page_init(&p, 0x80);
	T_INTEQ(vpd80_parse(p.b, p.len, s, sizeof(s)), 0);
	T_STREQ(s, "");
}

int main(void)
{
	T_RUN(test_naa_subtypes_and_lengths);
	T_RUN(test_t10_vendor_id);
	T_RUN(test_udev_character_replacement);
	T_RUN(test_vendor_specific);
	T_RUN(test_ignored_designator_types);
	T_RUN(test_port_and_device_associations_ignored);
	T_RUN(test_target_port_group_and_relative_port);
	T_RUN(test_search_order);
	T_RUN(test_lengths);
	T_RUN(test_empty_identifiers);
	T_RUN(test_scsi2_format_page);
	T_RUN(test_qemu_page);
	T_RUN(test_bad_pages);
	T_RUN(test_long_pages);
	T_RUN(test_garbage_never_crashes);
	T_RUN(test_serial_page);
	T_RUN(test_serial_page_wwid);
	return t_done();
}
