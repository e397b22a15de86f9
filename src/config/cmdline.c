/* mpboot's kernel command line parameters. Words are split at blanks; a
 * double-quoted part may hold blanks, as the kernel allows. */
#include "config/cmdline.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"
#include "log.h"
#include "util/fs.h"
#include "util/str.h"

static int add_wwid(struct boot_cmdline *cl, const char *s, size_t len)
{
	char **v, *w;

	v = realloc(cl->wwids, (cl->n_wwids + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	cl->wwids = v;
	w = strndup(s, len);
	if (!w)
		return -ENOMEM;
	v[cl->n_wwids++] = w;
	return 0;
}

static int parse_wwids(struct boot_cmdline *cl, const char *list)
{
	const char *s = list;

	for (;;) {
		size_t len = strcspn(s, ",");
		int r;

		if (len == 0)
			log_warn("cmdline: mpboot.wwid=%s: empty WWID ignored",
				 list);
		else if ((r = add_wwid(cl, s, len)))
			return r;
		if (!s[len])
			return 0;
		s += len + 1;
	}
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

static int parse_param(struct boot_cmdline *cl, char *word)
{
	char *value = strchr(word, '=');
	enum find_multipaths find;

	if (value)
		*value++ = '\0';
	if (disables(word, value)) {
		cl->disabled = 1;
		return 0;
	}
	if (strncmp(word, "mpboot.", 7))
		return 0;
	if (!value) {
		log_warn("cmdline: %s needs a value, ignored", word);
		return 0;
	}
	if (!strcmp(word, "mpboot.wwid"))
		return parse_wwids(cl, value);
	if (!strcmp(word, "mpboot.find")) {
		if (cfg_parse_find(value, &find))
			log_warn("cmdline: mpboot.find=%s: expected strict, on, "
				 "greedy, smart or off, ignored", value);
		else
			cl->find_multipaths = find;
	} else if (!strcmp(word, "mpboot.timeout")) {
		if (str_to_int(value, 0, INT_MAX, &cl->timeout))
			log_warn("cmdline: mpboot.timeout=%s: expected seconds, "
				 "ignored", value);
	} else if (!strcmp(word, "mpboot.verbose")) {
		if (str_to_int(value, 0, 6, &cl->verbosity))
			log_warn("cmdline: mpboot.verbose=%s: expected 0 to 6, "
				 "ignored", value);
	} else if (!strcmp(word, "mpboot.handover")) {
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
		log_warn("cmdline: unknown parameter %s, ignored", word);
	}
	return 0;
}

int cmdline_parse(const char *text, struct boot_cmdline *out)
{
	char *buf = malloc(strlen(text) + 1);
	const char *s = text;
	int r = 0;

	memset(out, 0, sizeof(*out));
	out->find_multipaths = out->timeout = out->verbosity = -1;
	if (!buf)
		return -ENOMEM;
	while (*s && !r) {
		char *o = buf;
		int quoted = 0;

		s += strspn(s, " \t\n\r");
		if (!*s)
			break;
		for (; *s && (quoted || !strchr(" \t\n\r", *s)); s++) {
			if (*s == '"')
				quoted = !quoted;
			else
				*o++ = *s;
		}
		*o = '\0';
		r = parse_param(out, buf);
	}
	free(buf);
	if (r)
		cmdline_free(out);
	return r;
}

void cmdline_free(struct boot_cmdline *cl)
{
	size_t i;

	for (i = 0; i < cl->n_wwids; i++)
		free(cl->wwids[i]);
	free(cl->wwids);
	cl->wwids = NULL;
	cl->n_wwids = 0;
}

int cmdline_load(int rootfd, struct boot_cmdline *out)
{
	char *text = NULL;
	int r = fs_slurp(rootfd, "proc/cmdline", &text, NULL);

	if (r == -ENOMEM)
		return r;
	r = cmdline_parse(r ? "" : text, out);
	free(text);
	return r;
}
