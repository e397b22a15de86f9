/* Per-map attributes for one LUN, chosen the way multipath-tools' propsel
 * chooses them: multipaths > overrides > devices > defaults > built-in,
 * then the autodetection and features rules applied on top. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "config/internal.h"
#include "util/str.h"

/* multipath-tools asks the LUN for TPGS; mpboot reads what the kernel
 * already knows: an attached alua handler or an ALUA access state. */
static int path_has_alua(const struct path *p)
{
	return !strcmp(p->dh_state, "alua") || p->access_state[0];
}

int cfg_device_prepare(struct cfg_device *d, const char **bad, char *why,
		       size_t why_len)
{
	const char *pat[3] = { d->vendor, d->product, d->revision };
	int i;

	for (i = 0; i < 3; i++)
		if (cfg_re_prepare(&d->re[i], pat[i], why, why_len)) {
			*bad = pat[i];
			return -EINVAL;
		}
	return 0;
}

/* Vendor first: for most entries that is the only pattern ever matched
 * (and prepared). */
static int device_matches(struct cfg_device *d, const struct path *p)
{
	const char *pat[3] = { d->vendor, d->product, d->revision };
	const char *text[3] = { p->vendor, p->model, p->rev };
	int i;

	for (i = 0; i < 3; i++)
		if (pat[i][0] && !cfg_re_match(&d->re[i], pat[i], text[i]))
			return 0;
	return 1;
}

/* Every matching devices entry, in order: later entries (the user's come
 * after the hardware table) win attribute by attribute. */
static void merge_devices(const struct config *cfg, const struct path *p,
			  struct cfg_attrs *out)
{
	size_t i;
	int a;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < cfg->n_devices; i++) {
		struct cfg_device *d = cfg->devices[i];

		if (!device_matches(d, p))
			continue;
		for (a = 0; a < CA_COUNT; a++)
			if (d->attrs.from[a].file)
				cfg_attr_copy(out, &d->attrs, a);
	}
}

static void merge_multipaths(const struct config *cfg, const char *wwid,
			     struct cfg_attrs *out)
{
	size_t i;
	int a;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < cfg->n_multipaths; i++) {
		const struct cfg_multipath *m = cfg->multipaths[i];

		if (!wwid[0] || strcmp(m->wwid, wwid))
			continue;
		for (a = 0; a < CA_COUNT; a++)
			if (m->attrs.from[a].file)
				cfg_attr_copy(out, &m->attrs, a);
	}
}

/* The overrides/protocol entries for the path's protocol: as in
 * multipath-tools, a later entry wins attribute by attribute. They set only
 * the transport timeouts, above overrides. */
static void merge_protocols(const struct config *cfg, const char *protocol,
			    struct cfg_attrs *out)
{
	size_t i;
	int a;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < cfg->n_protocols; i++) {
		const struct cfg_protocol *pc = cfg->protocols[i];

		if (strcmp(pc->type, protocol))
			continue;
		for (a = 0; a < CA_COUNT; a++)
			if (pc->attrs.from[a].file)
				cfg_attr_copy(out, &pc->attrs, a);
	}
}

/* Features are "<count> <word>...": rebuild the string without word and,
 * when add is set, with it at the end. */
void features_edit(char *features, size_t size, const char *word, int add)
{
	char copy[sizeof(((struct mp_attrs *)0)->features)];
	char words[sizeof(copy)] = "";
	char *tok, *save = NULL;
	int n = 0, first = 1;
	size_t len = 0;

	str_copy(copy, features, sizeof(copy));
	for (tok = strtok_r(copy, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		/* the leading count is recomputed */
		if (first && tok[strspn(tok, "0123456789")] == '\0') {
			first = 0;
			continue;
		}
		first = 0;
		if (!strcmp(tok, word))
			continue;
		len += snprintf(words + len, sizeof(words) - len, " %s", tok);
		if (len >= sizeof(words))
			return;	/* cannot happen: the result is not longer */
		n++;
	}
	if (add)
		n++;
	/* a result too long for the field leaves it unchanged */
	if (snprintf(copy, sizeof(copy), "%d%s%s%s", n, words, add ? " " : "",
		     add ? word : "") < (int)size)
		str_copy(features, copy, size);
}

static int features_have(const char *features, const char *word)
{
	size_t n = strlen(word);
	const char *s;

	for (s = strstr(features, word); s; s = strstr(s + 1, word))
		if ((s == features || s[-1] == ' ' || s[-1] == '\t') &&
		    (s[n] == '\0' || s[n] == ' ' || s[n] == '\t'))
			return 1;
	return 0;
}

/* queue_if_no_path in features is the old way to say no_path_retry queue:
 * it counts only while no_path_retry is unset. The kernel then gets
 * queue_if_no_path exactly when no_path_retry is queue or N > 0. The
 * rebuilt string always carries the right word count. */
static void reconcile_features(struct mp_attrs *a)
{
	static const char qinp[] = "queue_if_no_path";
	static const char rahh[] = "retain_attached_hw_handler";

	if (features_have(a->features, qinp) &&
	    a->no_path_retry == NO_PATH_RETRY_UNDEF)
		a->no_path_retry = NO_PATH_RETRY_QUEUE;
	/* always on since kernel 4.3: the word is only noise */
	features_edit(a->features, sizeof(a->features), rahh, 0);
	features_edit(a->features, sizeof(a->features), qinp,
		      a->no_path_retry == NO_PATH_RETRY_QUEUE ||
		      a->no_path_retry > 0);
}

/* retain_attached_hw_handler is implied by every kernel since 4.3: a
 * handler the kernel attached is the one the map uses. Without one, a LUN
 * with ALUA gets "1 alua" unless something else was configured, and
 * "1 alua" is dropped for a LUN without ALUA (the table would not load). */
static void select_hwhandler(struct mp_attrs *a, const struct path *p,
			     int configured)
{
	int alua = path_has_alua(p);

	if (p->dh_state[0] && strcmp(p->dh_state, "detached"))
		snprintf(a->hwhandler, sizeof(a->hwhandler), "1 %s",
			 p->dh_state);
	else if (alua && !configured && !strcmp(a->hwhandler, "0"))
		str_copy(a->hwhandler, "1 alua", sizeof(a->hwhandler));
	if (!alua && !strcmp(a->hwhandler, "1 alua"))
		str_copy(a->hwhandler, "0", sizeof(a->hwhandler));
}

void config_resolve(const struct config *cfg, const struct path *p,
		    struct mp_attrs *out)
{
	struct cfg_attrs hwe, mpe, pce, res;
	const struct cfg_attrs *layers[5];
	int a, i, alua = path_has_alua(p);

	merge_devices(cfg, p, &hwe);
	merge_multipaths(cfg, p->wwid, &mpe);
	merge_protocols(cfg, path_protocol(p), &pce);
	layers[0] = &mpe;
	layers[1] = &pce;
	layers[2] = &cfg->overrides;
	layers[3] = &hwe;
	layers[4] = &cfg->defaults;
	memset(&res, 0, sizeof(res));
	cfg_builtin_attrs(&res.v);
	for (a = 0; a < CA_COUNT; a++)
		for (i = 0; i < 5; i++)
			if (layers[i]->from[a].file) {
				cfg_attr_copy(&res, layers[i], a);
				break;
			}
	*out = res.v;

	/* detect_checker and detect_prio win over any configured value
	 * when the LUN has ALUA (multipath-tools' select_checker and
	 * select_prio); set them to no to keep a configured one. */
	if (out->detect_checker && alua)
		str_copy(out->checker, "tur", sizeof(out->checker));
	if (out->detect_prio && alua) {
		str_copy(out->prio, "alua", sizeof(out->prio));
		out->prio_args[0] = '\0';
	}
	select_hwhandler(out, p, res.from[CA_HWHANDLER].file != NULL);
	reconcile_features(out);
}
