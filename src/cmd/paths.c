/* mpboot paths [--json]: what the scanner sees, one path per line or as a
 * JSON array. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "log.h"
#include "scan/scan.h"
#include "util/fs.h"
#include "util/json.h"

static void print_transport(const struct path *p)
{
	switch (p->transport) {
	case TRANSPORT_ISCSI:
		printf("iscsi:%s,%d,%s:%d,%s", p->iscsi.targetname,
		       p->iscsi.tpgt, p->iscsi.address, p->iscsi.port,
		       p->iscsi.session_state);
		break;
	case TRANSPORT_FC:
		printf("fc:%s,%s,%s", p->fc.node_name, p->fc.port_name,
		       p->fc.port_state);
		break;
	case TRANSPORT_SAS:
		printf("sas:%s", p->sas.address);
		break;
	case TRANSPORT_OTHER:
		fputs("other", stdout);
		break;
	}
}

/* dev maj:min H:C:T:L wwid state transport alua vendor,product,rev
 * (last, as the product may hold spaces). */
static void print_text(const struct path_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct path *p = &l->v[i];

		printf("%s %u:%u %d:%d:%d:%llu %s %s ", p->dev, p->major,
		       p->minor, p->host, p->channel, p->target, p->lun,
		       p->wwid, p->state[0] ? p->state : "-");
		print_transport(p);
		if (p->access_state[0])
			printf(" alua:%s%s", p->access_state,
			       p->preferred > 0 ? ",preferred" : "");
		else
			fputs(" -", stdout);
		printf(" %s,%s,%s\n", p->vendor, p->model, p->rev);
	}
}

static void json_kv(struct json *j, const char *key, const char *val)
{
	json_key(j, key);
	json_string(j, val);
}

/* -1 (unknown) is null. */
static void json_kint(struct json *j, const char *key, long long v)
{
	json_key(j, key);
	if (v < 0)
		json_null(j);
	else
		json_int(j, v);
}

static void json_transport(struct json *j, const struct path *p)
{
	static const char *const names[] = {
		[TRANSPORT_OTHER] = "other", [TRANSPORT_ISCSI] = "iscsi",
		[TRANSPORT_FC] = "fc", [TRANSPORT_SAS] = "sas",
	};

	json_key(j, "transport");
	json_begin_object(j);
	json_kv(j, "type", names[p->transport]);
	switch (p->transport) {
	case TRANSPORT_ISCSI:
		json_kv(j, "targetname", p->iscsi.targetname);
		json_kint(j, "tpgt", p->iscsi.tpgt);
		json_kv(j, "session_state", p->iscsi.session_state);
		json_kv(j, "address", p->iscsi.address);
		json_kint(j, "port", p->iscsi.port);
		json_kint(j, "session", p->iscsi.session);
		break;
	case TRANSPORT_FC:
		json_kv(j, "node_name", p->fc.node_name);
		json_kv(j, "port_name", p->fc.port_name);
		json_kv(j, "port_state", p->fc.port_state);
		break;
	case TRANSPORT_SAS:
		json_kv(j, "sas_address", p->sas.address);
		break;
	case TRANSPORT_OTHER:
		break;
	}
	json_end_object(j);
}

static void print_json(const struct path_list *l)
{
	struct json j;
	char buf[64];
	size_t i;

	json_init(&j, stdout);
	json_begin_array(&j);
	for (i = 0; i < l->n; i++) {
		const struct path *p = &l->v[i];

		json_begin_object(&j);
		json_kv(&j, "dev", p->dev);
		snprintf(buf, sizeof(buf), "%u:%u", p->major, p->minor);
		json_kv(&j, "dev_t", buf);
		snprintf(buf, sizeof(buf), "%d:%d:%d:%llu", p->host,
			 p->channel, p->target, p->lun);
		json_kv(&j, "hctl", buf);
		json_kv(&j, "wwid", p->wwid);
		json_kv(&j, "serial", p->serial);
		json_kv(&j, "vendor", p->vendor);
		json_kv(&j, "product", p->model);
		json_kv(&j, "rev", p->rev);
		json_kv(&j, "state", p->state);
		json_key(&j, "size");
		json_uint(&j, p->size);
		json_key(&j, "logical_block_size");
		json_uint(&j, p->logical_block_size);
		json_kv(&j, "protocol", path_protocol(p));
		json_transport(&j, p);
		json_kv(&j, "dh_state", p->dh_state);
		json_kv(&j, "access_state", p->access_state);
		json_key(&j, "preferred");
		if (p->preferred < 0)
			json_null(&j);
		else
			json_int(&j, p->preferred);
		json_kint(&j, "tpg", p->tpg);
		json_kint(&j, "rel_port", p->rel_port);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end(&j);
}

int cmd_paths(const struct mpb_opts *o, int argc, char **argv)
{
	struct path_list l;
	int json = 0, sysfd, devfd, err, i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json")) {
			fprintf(stderr, "mpboot: paths: unknown option '%s'\n"
				"usage: mpboot paths [--json]\n", argv[i]);
			return 2;
		}
		json = 1;
	}
	sysfd = fs_open_root(o->sysfs);
	if (sysfd < 0) {
		log_err("cannot open sysfs root %s: %s", o->sysfs,
			strerror(-sysfd));
		return 1;
	}
	devfd = fs_open_root(o->dev);
	if (devfd < 0)
		log_info("cannot open device root %s: %s; disks without a VPD page in sysfs will be skipped",
			 o->dev, strerror(-devfd));
	err = scan_paths(sysfd, devfd, &l);
	close(sysfd);
	if (devfd >= 0)
		close(devfd);
	if (err) {
		log_err("cannot scan %s/block: %s", o->sysfs, strerror(-err));
		return 1;
	}
	if (json)
		print_json(&l);
	else
		print_text(&l);
	path_list_free(&l);
	return 0;
}
