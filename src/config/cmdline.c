/* The kernel command line: split as the kernel's next_arg() does, then
 * each parameter mpboot knows read into struct boot_cmdline. */
#include "config/cmdline.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"
#include "kpartx/kpartx.h"
#include "log.h"
#include "util/fs.h"
#include "util/str.h"

static const char blanks[] = " \t\n\v\f\r";

/* Append a copy of s[0..len) to the list. */
static int list_add(char ***list, size_t *n, const char *s, size_t len)
{
	char **v = realloc(*list, (*n + 1) * sizeof(*v)), *w;

	if (!v)
		return -ENOMEM;
	*list = v;
	w = strndup(s, len);
	if (!w)
		return -ENOMEM;
	v[(*n)++] = w;
	return 0;
}

/* A comma-separated list; empty items are warned about and skipped. */
static int list_add_all(char ***list, size_t *n, const char *key,
			const char *value)
{
	const char *s = value;

	for (;;) {
		size_t len = strcspn(s, ",");
		int r;

		if (len == 0)
			log_warn("cmdline: %s=%s: empty item ignored", key,
				 value);
		else if ((r = list_add(list, n, s, len)))
			return r;
		if (!s[len])
			return 0;
		s += len + 1;
	}
}

static int set_str(char **dst, const char *value)
{
	char *s = strdup(value);

	if (!s)
		return -ENOMEM;
	free(*dst);
	*dst = s;
	return 0;
}

static int disables(const char *key, const char *value)
{
	if (!strcmp(key, "nompath") && !value)
		return 1;
	if (!value)
		return 0;
	if (!strcmp(key, "mpboot") || !strcmp(key, "multipath"))
		return !strcmp(value, "off") || !strcmp(value, "0") ||
		       !strcmp(value, "no");
	if (!strcmp(key, "rd.multipath"))
		return !strcmp(value, "0");
	return 0;
}

void cmdline_root_free(struct boot_root *r)
{
	free(r->value);
	free(r->text);
	memset(r, 0, sizeof(*r));
}

/* A VG or LV name LVM allows (its validate_name): [A-Za-z0-9+_.-], not
 * starting with '-' (the VG-LV separator would be ambiguous), not "." or
 * "..", under 128 characters. */
static int lvm_name_ok(const char *s, size_t len)
{
	size_t i;

	if (!len || len >= 128 || s[0] == '-' ||
	    (s[0] == '.' && (len == 1 || (len == 2 && s[1] == '.'))))
		return 0;
	for (i = 0; i < len; i++)
		if (!(s[i] >= '0' && s[i] <= '9') &&
		    !(s[i] >= 'a' && s[i] <= 'z') &&
		    !(s[i] >= 'A' && s[i] <= 'Z') && !strchr("+_.-", s[i]))
			return 0;
	return 1;
}

/* The dm name LVM gives the LV of "VG/LV": each '-' in either name
 * doubled, the two joined by one '-'. NULL with errno EINVAL for
 * anything else (a third component, /dev/disk/..., a name LVM refuses),
 * ENOMEM. */
static char *lv_dm_name(const char *vg_lv)
{
	const char *slash = strchr(vg_lv, '/'), *s;
	char *name, *d;

	if (!slash || !strncmp(vg_lv, "disk/", 5) ||
	    !lvm_name_ok(vg_lv, (size_t)(slash - vg_lv)) ||
	    !lvm_name_ok(slash + 1, strlen(slash + 1))) {
		errno = EINVAL;
		return NULL;
	}
	name = malloc(2 * strlen(vg_lv) + 1);
	if (!name)
		return NULL;
	for (s = vg_lv, d = name; *s; s++) {
		*d++ = *s == '/' ? '-' : *s;
		if (*s == '-')
			*d++ = '-';
	}
	*d = '\0';
	return name;
}

int cmdline_parse_root(const char *value, struct boot_root *out)
{
	static const struct {
		const char *prefix;
		enum root_kind kind;
	} forms[] = {
		{ "UUID=",			ROOT_UUID },
		{ "LABEL=",			ROOT_LABEL },
		{ "PARTUUID=",			ROOT_PARTUUID },
		{ "PARTLABEL=",			ROOT_PARTLABEL },
		{ "/dev/disk/by-uuid/",		ROOT_UUID },
		{ "/dev/disk/by-label/",	ROOT_LABEL },
		{ "/dev/disk/by-partuuid/",	ROOT_PARTUUID },
		{ "/dev/disk/by-partlabel/",	ROOT_PARTLABEL },
		{ "/dev/disk/by-id/",		ROOT_BYID },
		{ "/dev/mapper/",		ROOT_MAPPER },
		{ "/dev/",			ROOT_KNAME },
	};
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		size_t len = strlen(forms[i].prefix);
		const char *v = value + len;

		if (strncmp(value, forms[i].prefix, len))
			continue;
		if (!*v)
			return -EINVAL;
		out->kind = forms[i].kind;
		/* a kernel name is one component: /dev/sda1, /dev/dm-0;
		 * two are LVM's /dev/VG/LV, the map VG-LV */
		if (forms[i].kind == ROOT_KNAME && strchr(v, '/')) {
			out->kind = ROOT_MAPPER;
			out->value = lv_dm_name(v);
			if (!out->value && errno == EINVAL) {
				out->kind = ROOT_NONE;
				return -EINVAL;
			}
		} else {
			out->value = strdup(v);
		}
		out->text = strdup(value);
		if (!out->value || !out->text) {
			cmdline_root_free(out);
			return -ENOMEM;
		}
		return 0;
	}
	return -EINVAL;
}

static int parse_root(struct boot_cmdline *cl, const char *value)
{
	struct boot_root r;
	int rc = cmdline_parse_root(value, &r);

	if (rc == -EINVAL && !strncmp(value, "/dev/", 5) &&
	    strchr(value + 5, '/') && strncmp(value, "/dev/disk/", 10)) {
		log_warn("cmdline: root=%s: not /dev/VG/LV with names LVM "
			 "allows ([A-Za-z0-9+_.-], not starting with '-'), "
			 "ignored", value);
		return 0;
	}
	if (rc == -EINVAL) {
		log_warn("cmdline: root=%s: expected UUID=, LABEL=, PARTUUID=, "
			 "PARTLABEL= or a /dev path, ignored", value);
		return 0;
	}
	if (rc)
		return rc;
	cmdline_root_free(&cl->root);
	cl->root = r;
	return 0;
}

static void parse_seconds(const char *key, const char *value, int *out)
{
	if (str_to_int(value, 0, INT_MAX, out))
		log_warn("cmdline: %s=%s: expected seconds, ignored", key,
			 value);
}

/* The parameters every boot loader passes, read by the init mode. */
static int parse_boot_param(struct boot_cmdline *cl, const char *key,
			    const char *value)
{
	if (!value) {
		if (!strcmp(key, "ro"))
			cl->readonly = 1;
		else if (!strcmp(key, "rw"))
			cl->readonly = 0;
		return 0;
	}
	if (!strcmp(key, "root"))
		return parse_root(cl, value);
	if (!strcmp(key, "rootfstype"))
		return set_str(&cl->rootfstype, value);
	if (!strcmp(key, "rootflags"))
		return set_str(&cl->rootflags, value);
	if (!strcmp(key, "init"))
		return set_str(&cl->init, value);
	if (!strcmp(key, "rd.driver.pre"))
		return list_add_all(&cl->modules, &cl->n_modules, key, value);
	if (!strcmp(key, "rd.lvm.vg"))
		return list_add_all(&cl->lvm_vgs, &cl->n_lvm_vgs, key, value);
	if (!strcmp(key, "rd.lvm.lv"))
		return list_add_all(&cl->lvm_lvs, &cl->n_lvm_lvs, key, value);
	if (!strcmp(key, "rd.lvm"))
		cl->no_lvm = !strcmp(value, "0");
	if (!strcmp(key, "rd.timeout"))
		parse_seconds(key, value, &cl->rd_timeout);
	else if (!strcmp(key, "rootdelay"))
		parse_seconds(key, value, &cl->rootdelay);
	return 0;
}

static int parse_param(struct boot_cmdline *cl, const char *key,
		       const char *value)
{
	enum find_multipaths find;

	if (disables(key, value)) {
		cl->disabled = 1;
		return 0;
	}
	if (strncmp(key, "mpboot.", 7))
		return parse_boot_param(cl, key, value);
	if (!value) {
		log_warn("cmdline: %s needs a value, ignored", key);
		return 0;
	}
	if (!strcmp(key, "mpboot.wwid"))
		return list_add_all(&cl->wwids, &cl->n_wwids, key, value);
	if (!strcmp(key, "mpboot.modules"))
		return list_add_all(&cl->modules, &cl->n_modules, key, value);
	if (!strcmp(key, "mpboot.find")) {
		if (cfg_parse_find(value, &find))
			log_warn("cmdline: mpboot.find=%s: expected strict, on, "
				 "greedy, smart or off, ignored", value);
		else
			cl->find_multipaths = find;
	} else if (!strcmp(key, "mpboot.find_timeout")) {
		parse_seconds(key, value, &cl->find_timeout);
	} else if (!strcmp(key, "mpboot.timeout")) {
		parse_seconds(key, value, &cl->timeout);
	} else if (!strcmp(key, "mpboot.verbose")) {
		if (str_to_int(value, 0, 6, &cl->verbosity))
			log_warn("cmdline: mpboot.verbose=%s: expected 0 to 6, "
				 "ignored", value);
	} else if (!strcmp(key, "mpboot.part_delim")) {
		struct kpartx_delim d;

		if (!kpartx_delim_value(value, &d))
			return set_str(&cl->part_delim, value);
		log_warn("cmdline: mpboot.part_delim=%s: expected at most %d "
			 "characters without '/', blanks, quotes, '$' or '%%', "
			 "or default; ignored", value, KPARTX_DELIM_MAX);
	} else if (!strcmp(key, "mpboot.handover")) {
		if (!strcmp(value, "auto"))
			cl->handover = HANDOVER_AUTO;
		else if (!strcmp(value, "never"))
			cl->handover = HANDOVER_NEVER;
		else if (!strcmp(value, "always"))
			cl->handover = HANDOVER_ALWAYS;
		else
			log_warn("cmdline: mpboot.handover=%s: expected auto, "
				 "never or always, ignored", value);
	} else {
		log_warn("cmdline: unknown parameter %s, ignored", key);
	}
	return 0;
}

/* One word of s, as the kernel's next_arg(): blanks end it except
 * inside double quotes; the key ends at the first '=' (one at the very
 * start does not count); quotes opening the value or the whole word are
 * dropped with the quote that ends the word. The word is cut in place;
 * returns where the next one starts. */
static char *next_word(char *s, char **key, char **value)
{
	int in_quote = 0, quoted = 0;
	size_t i, equals = 0;

	if (*s == '"') {
		s++;
		in_quote = quoted = 1;
	}
	for (i = 0; s[i]; i++) {
		if (!in_quote && strchr(blanks, s[i]))
			break;
		if (!equals && s[i] == '=')
			equals = i;
		if (s[i] == '"')
			in_quote = !in_quote;
	}
	*key = s;
	*value = NULL;
	if (equals) {
		s[equals] = '\0';
		*value = s + equals + 1;
		if (**value == '"') {
			(*value)++;
			if (s[i - 1] == '"')
				s[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && s[i - 1] == '"')
		s[i - 1] = '\0';
	if (s[i])
		s[i++] = '\0';
	return s + i + strspn(s + i, blanks);
}

int cmdline_parse(const char *text, struct boot_cmdline *out)
{
	char *buf = strdup(text), *s;
	int r = 0;

	memset(out, 0, sizeof(*out));
	out->find_multipaths = out->find_timeout = out->verbosity = -1;
	out->readonly = out->timeout = out->rd_timeout = out->rootdelay = -1;
	if (!buf)
		return -ENOMEM;
	s = buf + strspn(buf, blanks);
	while (*s && !r) {
		char *key, *value;

		s = next_word(s, &key, &value);
		if (*key)
			r = parse_param(out, key, value);
	}
	free(buf);
	if (r)
		cmdline_free(out);
	return r;
}

int cmdline_root_timeout(const struct boot_cmdline *cl)
{
	if (cl->timeout >= 0)
		return cl->timeout;
	if (cl->rd_timeout >= 0)
		return cl->rd_timeout;
	if (cl->rootdelay >= 0)
		return cl->rootdelay;
	return CMDLINE_ROOT_TIMEOUT;
}

static void strv_free(char ***v, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
	*n = 0;
}

void cmdline_free(struct boot_cmdline *cl)
{
	strv_free(&cl->wwids, &cl->n_wwids);
	strv_free(&cl->modules, &cl->n_modules);
	strv_free(&cl->lvm_vgs, &cl->n_lvm_vgs);
	strv_free(&cl->lvm_lvs, &cl->n_lvm_lvs);
	cmdline_root_free(&cl->root);
	free(cl->rootfstype);
	free(cl->rootflags);
	free(cl->init);
	free(cl->part_delim);
	cl->rootfstype = cl->rootflags = cl->init = cl->part_delim = NULL;
}

int cmdline_load(int rootfd, struct boot_cmdline *out)
{
	char *text = NULL;
	int r = fs_slurp(rootfd, "proc/cmdline", &text, NULL);

	/* a root whose /proc is not mounted yet (the init mode's daemon on
	 * /sysroot before switch_root moves /proc there): the kernel's
	 * command line is the running system's */
	if (r == -ENOENT && rootfd != AT_FDCWD)
		r = fs_slurp(AT_FDCWD, "/proc/cmdline", &text, NULL);
	if (r == -ENOMEM)
		return r;
	r = cmdline_parse(r ? "" : text, out);
	free(text);
	return r;
}
