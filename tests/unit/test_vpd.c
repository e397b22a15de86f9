/* VPD page 0x83/0x80 parsing: every designator type and length the WWID
 * rules name, preference between them, target port designators, and broken
 * pages (which must give an error or no WWID, never a read out of bounds:
 * the host build runs under ASan, and pages are copied into exact-size heap
 * buffers so a one-byte overread is caught). */
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
	unsigned char id[64];
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

/* Parse a copy that ends exactly at len. */
static int parse83(const unsigned char *b, size_t len, struct vpd83_ids *ids)
{
	unsigned char *copy = malloc(len ? len : 1);
	int rc;

	memcpy(copy, b, len);
	rc = vpd83_parse(copy, len, ids);
	free(copy);
	return rc;
}

static const char *wwid_of(struct page *p)
{
	static struct vpd83_ids ids;

	if (parse83(p->b, p->len, &ids))
		return "(none)";
	return ids.wwid;
}

#define NAA6	"6001405a1b2c3d4e5f60718293a4b5c6"
#define NAA5	"5000c50015ea71ac"
#define NAA2	"2000001b32a1b2c3"
#define NAA3	"3000000000abcdef"
#define EUI8	"0011223344556677"
#define EUI12	"001122334455667788990011"
#define EUI16	"00112233445566778899aabbccddeeff"

static void test_naa_types(void)
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
	/* Upper-case hex never appears: binary ids print lowercase. */
	page_init(&p, 0x83); add_hex(&p, A_LUN, 3, "5ABCDEF012345678");
	T_STREQ(wwid_of(&p), "35abcdef012345678");
}

static void test_naa_wrong_length_or_subtype_ignored(void)
{
	struct page p;

	page_init(&p, 0x83); add_hex(&p, A_LUN, 3, NAA5 "0000000000000000");
	T_STREQ(wwid_of(&p), "(none)");
	page_init(&p, 0x83); add_hex(&p, A_LUN, 3, "6001405a1b2c3d4e");
	T_STREQ(wwid_of(&p), "(none)");
	page_init(&p, 0x83); add_hex(&p, A_LUN, 3, "1000001b32a1b2c3");
	T_STREQ(wwid_of(&p), "(none)");
	page_init(&p, 0x83); add_hex(&p, A_LUN, 3, "");
	T_STREQ(wwid_of(&p), "(none)");
}

static void test_eui64_lengths(void)
{
	struct page p;

	page_init(&p, 0x83); add_hex(&p, A_LUN, 2, EUI8);
	T_STREQ(wwid_of(&p), "2" EUI8);
	page_init(&p, 0x83); add_hex(&p, A_LUN, 2, EUI12);
	T_STREQ(wwid_of(&p), "2" EUI12);
	page_init(&p, 0x83); add_hex(&p, A_LUN, 2, EUI16);
	T_STREQ(wwid_of(&p), "2" EUI16);
	page_init(&p, 0x83); add_hex(&p, A_LUN, 2, "00112233445566778899");
	T_STREQ(wwid_of(&p), "(none)");
}

static void test_scsi_name_string(void)
{
	struct page p;
	static const char iqn[] = "iqn.2003-01.Org.Example:Disk1\0\0\0";

	page_init(&p, 0x83);
	add_str(&p, A_LUN, 8, "naa.600A0B80001234560000ABCD", 28);
	T_STREQ(wwid_of(&p), "3600a0b80001234560000abcd");
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 8, "eui.0011AABB22334455\0\0\0\0", 24);
	T_STREQ(wwid_of(&p), "20011aabb22334455");
	/* iqn: prefix dropped, case kept, NUL padding cut. */
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 8, iqn, sizeof(iqn) - 1);
	T_STREQ(wwid_of(&p), "82003-01.Org.Example:Disk1");
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 8, "wwn.0011223344556677", 20);
	T_STREQ(wwid_of(&p), "(none)");
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 8, "naa", 3);
	T_STREQ(wwid_of(&p), "(none)");
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 8, "naa.", 4);
	T_STREQ(wwid_of(&p), "(none)");
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 8, "iqn.\0\0\0\0", 8);
	T_STREQ(wwid_of(&p), "(none)");
}

static void test_t10_vendor_id(void)
{
	struct page p;

	page_init(&p, 0x83);
	add_str(&p, A_LUN, 1, "ATA     ST3500418AS                 5VM1ABCD", 44);
	T_STREQ(wwid_of(&p), "1ATA_ST3500418AS_5VM1ABCD");
	/* Leading spaces fold to '_', trailing ones go. */
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 1, "  ACME    Vol 7   ", 18);
	T_STREQ(wwid_of(&p), "1_ACME_Vol_7");
	/* Exactly 8 bytes is enough; 7 is not. */
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 1, "ACMEDISK", 8);
	T_STREQ(wwid_of(&p), "1ACMEDISK");
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 1, "ACMEDIS", 7);
	T_STREQ(wwid_of(&p), "(none)");
	/* Text stops at a NUL. */
	page_init(&p, 0x83);
	add_str(&p, A_LUN, 1, "ACME    X\0garbage", 17);
	T_STREQ(wwid_of(&p), "1ACME_X");
}

static void test_ignored_designator_types(void)
{
	struct page p;
	unsigned char md5[16] = { 1, 2, 3 }, uuid[18] = { 0x10, 0 };

	page_init(&p, 0x83);
	add_str(&p, A_LUN, 0, "drive-scsi0-0-0-1", 17);	/* vendor specific */
	add(&p, CS_BIN, A_LUN, 7, md5, sizeof(md5));
	add(&p, CS_BIN, A_LUN, 0xa, uuid, sizeof(uuid));
	add_hex(&p, A_LUN, 6, "00000001");		/* LU group */
	T_STREQ(wwid_of(&p), "(none)");
}

static void test_port_and_device_associations_ignored(void)
{
	struct page p;

	page_init(&p, 0x83);
	add_hex(&p, A_PORT, 3, NAA6);
	add_hex(&p, A_TDEV, 3, NAA6);
	add_hex(&p, A_RSVD, 3, NAA6);
	add_str(&p, A_TDEV, 8, "iqn.2003-01.org.x:t\0", 20);
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

/* Designators from worst to best; any two in a page, in either order, give
 * the better one. */
static void add_ranked(struct page *p, int i)
{
	switch (i) {
	case 0: add_hex(p, A_LUN, 3, NAA3); break;
	case 1: add_str(p, A_LUN, 1, "ACME    DISK0001", 16); break;
	case 2: add_str(p, A_LUN, 8, "iqn.2003-01.x:y\0", 16); break;
	case 3: add_hex(p, A_LUN, 2, EUI8); break;
	case 4: add_hex(p, A_LUN, 3, NAA2); break;
	case 5: add_hex(p, A_LUN, 3, NAA5); break;
	case 6: add_hex(p, A_LUN, 3, NAA6); break;
	}
}

static void test_best_designator_wins(void)
{
	static const char *const expect[] = {
		"3" NAA3, "1ACME_DISK0001", "82003-01.x:y", "2" EUI8,
		"3" NAA2, "3" NAA5, "3" NAA6,
	};
	struct page p;
	int i, j;

	for (i = 0; i < 7; i++)
		for (j = 0; j < 7; j++) {
			page_init(&p, 0x83);
			add_ranked(&p, i);
			add_str(&p, A_LUN, 0, "vendor", 6);
			add_ranked(&p, j);
			T_STREQ(wwid_of(&p), expect[i > j ? i : j]);
		}
	/* Same rank: the first one counts. */
	page_init(&p, 0x83);
	add_hex(&p, A_LUN, 3, "5111111111111111");
	add_hex(&p, A_LUN, 3, NAA5);
	T_STREQ(wwid_of(&p), "35111111111111111");
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
	/* 1-3 stray bytes after the designators are ignored. */
	page_init(&p, 0x83);
	add_hex(&p, A_LUN, 3, NAA5);
	p.len += 3;
	page_fix_len(&p);
	T_STREQ(wwid_of(&p), "3" NAA5);
}

static void test_oversize_page(void)
{
	struct page p;
	struct vpd83_ids ids;

	/* 65535 bytes of 255-byte T10 designators: the WWID is cut to fit. */
	page_init(&p, 0x83);
	while (p.len + 4 + 255 <= 4 + 0xffff) {
		char id[255];

		memset(id, 'A' + (int)(p.len % 26), sizeof(id));
		add_str(&p, A_LUN, 1, id, sizeof(id));
	}
	T_INTEQ(parse83(p.b, p.len, &ids), 0);
	T_INTEQ(strlen(ids.wwid), VPD_ID_SIZE - 1);
	T_CHECK(ids.wwid[0] == '1' && ids.wwid[1] == 'E');
	/* All zero bytes: empty vendor-specific designators. */
	memset(p.b + 4, 0, 0xffff);
	p.len = 4 + 0xffff;
	page_fix_len(&p);
	T_INTEQ(parse83(p.b, p.len, &ids), -ENODATA);
}

static void test_garbage_never_crashes(void)
{
	unsigned char buf[600];
	struct vpd83_ids ids;
	char serial[VPD_ID_SIZE];
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
		if (len >= 2)
			buf[1] = 0x80;
		rc = vpd80_parse(buf, len, serial, sizeof(serial));
		T_CHECK(rc < 0 ? serial[0] == '\0' : strlen(serial) == (size_t)rc);
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
	T_RUN(test_naa_types);
	T_RUN(test_naa_wrong_length_or_subtype_ignored);
	T_RUN(test_eui64_lengths);
	T_RUN(test_scsi_name_string);
	T_RUN(test_t10_vendor_id);
	T_RUN(test_ignored_designator_types);
	T_RUN(test_port_and_device_associations_ignored);
	T_RUN(test_target_port_group_and_relative_port);
	T_RUN(test_best_designator_wins);
	T_RUN(test_qemu_page);
	T_RUN(test_bad_pages);
	T_RUN(test_oversize_page);
	T_RUN(test_garbage_never_crashes);
	T_RUN(test_serial_page);
	return t_done();
}
