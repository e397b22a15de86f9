/* Partition map names and UUIDs (pure). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kpartx/kpartx.h"

int kpartx_name(const char *parent, const char *delim, int partno,
		char *buf, size_t len)
{
	size_t plen = strlen(parent);
	int n;

	if (!delim)
		delim = plen && parent[plen - 1] >= '0' &&
			parent[plen - 1] <= '9' ? "p" : "";
	n = snprintf(buf, len, "%s%s%d", parent, delim, partno);
	/* device-mapper takes up to DM_NAME_LEN - 1 = 127 characters */
	return n < 0 || (size_t)n >= len || n > 127 ? -ENAMETOOLONG : n;
}

int kpartx_uuid(const char *parent_uuid, int partno, char *buf, size_t len)
{
	int n = snprintf(buf, len, "part%d-%s", partno, parent_uuid);

	/* device-mapper takes up to DM_UUID_LEN - 1 = 128 characters */
	return n < 0 || (size_t)n >= len || n > 128 ? -ENAMETOOLONG : n;
}

int kpartx_uuid_partno(const char *uuid, const char *parent_uuid)
{
	const char *p = uuid + 4;
	long n = 0;

	if (strncmp(uuid, "part", 4) || *p < '1' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9') {
		n = n * 10 + (*p++ - '0');
		if (n > 1000000)
			return -1;
	}
	if (*p++ != '-' || strcmp(p, parent_uuid))
		return -1;
	return (int)n;
}
