#include "scan/path.h"

#include <string.h>

const char *path_protocol(const struct path *p)
{
	switch (p->transport) {
	case TRANSPORT_ISCSI:
		return "scsi:iscsi";
	case TRANSPORT_FC:
		return "scsi:fcp";
	case TRANSPORT_SAS:
		return "scsi:sas";
	case TRANSPORT_OTHER:
		break;
	}
	return "scsi:unspec";
}

/* "blocked" and "quiesce" pass: the kernel holds I/O until the transport
 * comes back. "transport-offline" is a block that timed out for good. An
 * unreadable state ("") is left to the path checker. */
int path_usable(const struct path *p)
{
	static const char *const dead[] = {
		"offline", "transport-offline", "cancel", "deleted",
	};
	size_t i;

	for (i = 0; i < sizeof(dead) / sizeof(dead[0]); i++)
		if (!strcmp(p->state, dead[i]))
			return 0;
	return 1;
}
