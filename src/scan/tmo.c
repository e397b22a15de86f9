#include "scan/tmo.h"

#include <stdio.h>
#include <string.h>

/* The FC transport refuses a dev_loss_tmo above this without
 * fast_io_fail_tmo (SCSI_DEVICE_BLOCK_MAX_TIMEOUT). */
#define DEV_LOSS_MAX_WITHOUT_FIO	600

static void add(struct tmo_plan *out, const char *dir, const char *attr,
		int required, const char *fmt, unsigned long long v)
{
	struct tmo_write *w = &out->w[out->n++];

	w->dir = dir;
	w->attr = attr;
	w->required = required;
	snprintf(w->value, sizeof(w->value), fmt, v);
}

/* A fast_io_fail_tmo or eh_deadline value as the kernel reads it. */
static void add_tmo(struct tmo_plan *out, const char *dir, const char *attr,
		    int v)
{
	if (v == TMO_OFF)
		add(out, dir, attr, 0, "off", 0);
	else
		add(out, dir, attr, 0, "%llu", v == TMO_ZERO ? 0 : (unsigned)v);
}

/* Queueing must outlast the path: dev_loss_tmo is raised to cover
 * no_path_retry checks, to forever when it queues. */
static unsigned min_dev_loss(const struct tmo_settings *s)
{
	unsigned long long t;

	if (s->no_path_retry == NO_PATH_RETRY_QUEUE)
		return DEV_LOSS_INFINITY;
	if (s->no_path_retry <= 0 || s->checkint <= 0)
		return 0;
	t = (unsigned long long)s->no_path_retry * (unsigned)s->checkint;
	return t > DEV_LOSS_INFINITY ? DEV_LOSS_INFINITY : (unsigned)t;
}

/* fast_io_fail_tmo is capped by the current dev_loss_tmo and dev_loss_tmo
 * by 600 while fast_io_fail_tmo is off: raise dev_loss_tmo above
 * fast_io_fail_tmo first, then set fast_io_fail_tmo, then dev_loss_tmo. */
static void fc_rport(struct tmo_plan *out, const struct tmo_settings *s,
		     const char *dir, int fio, long long cur)
{
	if (cur < 0) {
		out->notes |= TMO_UNREADABLE;
		return;
	}
	if (fio > 0) {
		if ((unsigned long long)fio >= (unsigned long long)cur)
			add(out, dir, "dev_loss_tmo", 1, "%llu",
			    (unsigned long long)fio + 1);
	} else if (out->dev_loss > DEV_LOSS_MAX_WITHOUT_FIO &&
		   s->no_path_retry != NO_PATH_RETRY_QUEUE) {
		out->dev_loss = DEV_LOSS_MAX_WITHOUT_FIO;
		out->notes |= TMO_LIMITED;
	}
	if (fio != TMO_UNSET)
		add_tmo(out, dir, "fast_io_fail_tmo", fio);
	if (out->dev_loss)
		add(out, dir, "dev_loss_tmo", 0, "%llu", out->dev_loss);
}

void tmo_plan(const struct tmo_settings *s, const struct tmo_dirs *d,
	      long long rport_dev_loss, struct tmo_plan *out)
{
	unsigned floor = min_dev_loss(s);
	int fio = s->fast_io_fail;

	memset(out, 0, sizeof(*out));
	out->dev_loss = s->dev_loss;
	if (s->eh_deadline != TMO_UNSET && d->host[0])
		add_tmo(out, d->host, "eh_deadline", s->eh_deadline);
	if (!out->dev_loss && fio == TMO_UNSET)
		return;
	if (d->transport == TRANSPORT_OTHER) {
		out->notes |= TMO_UNSUPPORTED;
		return;
	}
	if (out->dev_loss && out->dev_loss < floor) {
		out->dev_loss = floor;
		out->notes |= TMO_RAISED;
	}
	if (out->dev_loss && fio > 0 && (unsigned)fio >= out->dev_loss) {
		fio = TMO_OFF;
		out->notes |= TMO_FIO_OFF;
	}
	/* a missing class device matters only when something goes there */
	if (!d->port[0]) {
		if (d->transport == TRANSPORT_FC ||
		    (d->transport == TRANSPORT_ISCSI && fio != TMO_UNSET) ||
		    (d->transport == TRANSPORT_SAS && out->dev_loss))
			out->notes |= TMO_NO_PORT;
		return;
	}
	switch (d->transport) {
	case TRANSPORT_FC:
		fc_rport(out, s, d->port, fio, rport_dev_loss);
		break;
	case TRANSPORT_ISCSI:
		/* the session's recovery_tmo plays fast_io_fail's part */
		if (out->dev_loss)
			out->notes |= TMO_ISCSI_DEV_LOSS;
		if (fio > 0)
			add(out, d->port, "recovery_tmo", 0, "%llu",
			    (unsigned)fio);
		else if (fio != TMO_UNSET)
			out->notes |= TMO_ISCSI_FIO;
		break;
	case TRANSPORT_SAS:
		/* the end device's I_T nexus loss timeout is its dev_loss */
		if (out->dev_loss)
			add(out, d->port, "I_T_nexus_loss_timeout", 0, "%llu",
			    out->dev_loss);
		break;
	case TRANSPORT_OTHER:
		break;
	}
}
