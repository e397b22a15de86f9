/* tur: TEST UNIT READY, read as multipath-tools' tur checker reads it. */
#include "checker/checker.h"

/* SCSI status and host bytes the reply is judged by. */
#define SAM_RESERVATION_CONFLICT	0x18
#define DID_OK				0x00
#define DID_NO_CONNECT			0x01
#define DID_BAD_TARGET			0x04
#define DID_ABORT			0x05
#define DID_TRANSPORT_FAILFAST		0x0f

#define KEY_NOT_READY			0x2
#define KEY_ILLEGAL_REQUEST		0x5
#define KEY_UNIT_ATTENTION		0x6

int chk_tur_reply(const struct sgio_result *r, enum ps_state *state)
{
	int key, asc, ascq;

	*state = PS_UP;
	/* SCSI-3 arrays may answer a reservation conflict: the path works. */
	if ((r->status & 0x7e) == SAM_RESERVATION_CONFLICT)
		return 0;
	if (r->ok)
		return 0;
	*state = PS_DOWN;
	switch (r->host_status) {
	case DID_OK:
	case DID_NO_CONNECT:
	case DID_BAD_TARGET:
	case DID_ABORT:
	case DID_TRANSPORT_FAILFAST:
		break;
	default:
		/* a transient transport or driver error */
		return 1;
	}
	chk_sense(r->sense, r->sense_len, &key, &asc, &ascq);
	if (key == KEY_UNIT_ATTENTION)
		return 1;
	if (key == KEY_NOT_READY && asc == 0x04 && ascq == 0x0b)
		*state = PS_GHOST;	/* target port in standby */
	else if (key == KEY_NOT_READY && asc == 0x04 && ascq == 0x0a)
		*state = PS_PENDING;	/* ALUA state transition */
	/* 05/25/00, the LUN unmapped at the target, and everything else:
	 * down. */
	return 0;
}
