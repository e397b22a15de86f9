/* hp_sw: HP Active/Standby arrays (MSA, HSV with the hp_sw handler), as
 * multipath-tools' hp_sw checker: INQUIRY page 0x80 must succeed, then a
 * TEST UNIT READY that fails means a standby (passive) path. */
#include "checker/checker.h"

int chk_hp_sw_reply(int step, const struct sgio_result *r,
		    enum ps_state *state)
{
	int rc;

	if (step) {
		*state = r->ok ? PS_UP : PS_GHOST;
		return 0;
	}
	rc = chk_inquiry_reply(r, state);
	if (rc < 0 || *state != PS_UP)
		return rc;
	return 2;
}
