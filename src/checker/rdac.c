/* rdac: INQUIRY page 0xc9 (volume access control) of LSI/Engenio/NetApp
 * E-Series arrays, judged as multipath-tools' rdac checker does. The page
 * is read by the rdac prioritizer's reader (dm/prio.h rdac_vac_read). */
#include <errno.h>

#include "checker/checker.h"
#include "dm/prio.h"

#define ALUA_UNAVAILABLE	0x3
#define ALUA_TRANSITIONING	0xf

int chk_rdac_reply(const struct sgio_result *r, const unsigned char *page,
		   enum ps_state *state)
{
	struct rdac_vac v;
	int rc = chk_inquiry_reply(r, state);

	if (!r->ok && (r->status & 0x7e || r->host_status ||
		       r->driver_status)) {
		switch (r->host_status) {
		case 0x02:	/* DID_BUS_BUSY */
		case 0x07:	/* DID_ERROR */
		case 0x0b:	/* DID_SOFT_ERROR */
		case 0x0e:	/* DID_TRANSPORT_DISRUPTED */
			if (rc < 0)
				*state = PS_DOWN;
			return 1;
		}
	}
	if (rc < 0 || *state != PS_UP)
		return rc;
	rdac_vac_read(page, r->len, &v);
	*state = PS_DOWN;
	/* LUN not connected */
	if ((v.pq_pdt & 0xe0) == 0x20 || (v.pq_pdt & 0x7f))
		return 0;
	/* An unavailable controller is never used; one transitioning alone
	 * is starting up (both transitioning: a mode select in progress). */
	if (v.tpg_data && (v.aas_cur == ALUA_UNAVAILABLE ||
			   (v.aas_cur == ALUA_TRANSITIONING &&
			    v.aas_alt != ALUA_TRANSITIONING)))
		return 0;
	*state = v.owner || v.ioship ? PS_UP : PS_GHOST;
	return 0;
}
