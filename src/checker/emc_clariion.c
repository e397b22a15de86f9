/* emc_clariion: Dell EMC CLARiiON/VNX unit path report (INQUIRY page 0xc0,
 * read by the emc prioritizer's reader, dm/prio.h emc_upr_read), judged as
 * multipath-tools' emc_clariion checker does; on the path owning the LUN
 * a read of block 0 tells an inactive snapshot, which then fails the
 * LUN's passive paths too. */
#include <errno.h>
#include <string.h>

#include "checker/checker.h"
#include "dm/prio.h"

static int transient(const struct sgio_result *r)
{
	switch (r->host_status) {
	case 0x02:	/* DID_BUS_BUSY */
	case 0x07:	/* DID_ERROR */
	case 0x0b:	/* DID_SOFT_ERROR */
	case 0x0e:	/* DID_TRANSPORT_DISRUPTED */
		return !r->ok;
	}
	return 0;
}

static int inquiry(struct chk *c, const struct sgio_result *r,
		   enum ps_state *state)
{
	unsigned char status = r->status & 0x7e;
	struct emc_upr u;

	*state = PS_DOWN;
	if (transient(r))
		return 1;
	if ((status == 0x02 || status == 0x22 ||
	     (r->driver_status & 0x0f) == 0x08) && r->sense_len > 2) {
		int key = r->sense[0] & 0x02 ? r->sense[1] & 0x0f :
			  r->sense[2] & 0x0f;

		if (key == 0x05)	/* illegal request: no such page */
			return -ENOTSUP;
	}
	/* even a recovered error: the reply is not trusted */
	if (!r->ok)
		return 0;
	emc_upr_read(c->buf, r->len, &u);
	if (!u.known || !u.failover)
		return 0;
	if (u.lun_op) {
		*state = PS_SHAKY;	/* not available for normal operations */
		return 0;
	}
	if (!u.lun_state)		/* unbound, or LUNZ */
		return 0;
	/* the path must not start pointing at another LUN */
	if (c->wwn_set && memcmp(c->wwn, u.wwn, sizeof(c->wwn)))
		return 0;
	memcpy(c->wwn, u.wwn, sizeof(c->wwn));
	c->wwn_set = 1;
	if (u.lun_state == 2)		/* the active path: read block 0 */
		return 2;
	/* a passive path is up (not ghost) unless the LUN is an inactive
	 * snapshot */
	*state = *c->lu_inactive ? PS_DOWN : PS_UP;
	return 0;
}

int chk_emc_reply(struct chk *c, const struct sgio_result *r,
		  enum ps_state *state)
{
	int again;

	if (!c->step)
		return inquiry(c, r, state);
	again = chk_readsector0_reply(r, state);
	if (*state == PS_UP) {
		*c->lu_inactive = 0;
		return 0;
	}
	if (again)
		return 1;
	/* illegal request, LUN not supported: an inactive snapshot (the
	 * sense is read as fixed format, as multipath-tools does) */
	if (r->sense_len > 13 && (r->sense[2] & 0x0f) == 0x05 &&
	    r->sense[12] == 0x25 && r->sense[13] == 0x01)
		*c->lu_inactive = 1;
	return 0;
}
