/* readsector0: READ(10) of the first logical block, read as multipath-tools'
 * sg_read reads it. */
#include "checker/checker.h"

int chk_readsector0_reply(const struct sgio_result *r, enum ps_state *state)
{
	int key, asc, ascq;

	if (!r->status && !r->host_status && !r->driver_status) {
		*state = PS_UP;
		return 0;
	}
	*state = PS_DOWN;
	chk_sense(r->sense, r->sense_len, &key, &asc, &ascq);
	return key == 0x6;	/* unit attention: again */
}
