/* ctl_parse: one request line of the control protocol into a struct
 * ctl_req, every word checked; and who may send what. Pure. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ctl/ctl.h"
#include "util/str.h"

#define WORDS_MAX	6	/* the longest request has 5 with --json */
#define GROUP_MAX	9999
#define SD_LETTERS_MAX	8	/* sdzzzzzzzz: far past any kernel's count */

enum arg {
	ARG_NONE,
	ARG_MAP,		/* NAME */
	ARG_SD,			/* sdX */
	ARG_MAP_GROUP,		/* NAME N */
	ARG_MAP_ALL,		/* NAME | all */
};

static const struct verb_def {
	enum ctl_verb verb;
	const char *word, *object;	/* object NULL: a one-word verb */
	enum arg arg;
	int show;			/* read-only */
	int json;			/* takes --json */
} verbs[] = {
	{ CTL_SHOW_PATHS,	"show", "paths", ARG_NONE, 1, 1 },
	{ CTL_SHOW_MAPS,	"show", "maps", ARG_NONE, 1, 1 },
	{ CTL_SHOW_MAP,		"show", "map", ARG_MAP, 1, 1 },
	/* multipath.conf's own syntax, as `mpboot config` */
	{ CTL_SHOW_CONFIG,	"show", "config", ARG_NONE, 1, 0 },
	{ CTL_FAIL_PATH,	"fail", "path", ARG_SD, 0, 0 },
	{ CTL_REINSTATE_PATH,	"reinstate", "path", ARG_SD, 0, 0 },
	{ CTL_SWITCHGROUP,	"switchgroup", "map", ARG_MAP_GROUP, 0, 0 },
	{ CTL_DISABLEQUEUEING,	"disablequeueing", "map", ARG_MAP_ALL, 0, 0 },
	{ CTL_RESTOREQUEUEING,	"restorequeueing", "map", ARG_MAP_ALL, 0, 0 },
	{ CTL_RECONFIGURE,	"reconfigure", NULL, ARG_NONE, 0, 0 },
	{ CTL_SHUTDOWN,		"shutdown", NULL, ARG_NONE, 0, 0 },
};

#define NVERBS (sizeof(verbs) / sizeof(verbs[0]))

static const char verb_words[] = "show, fail, reinstate, switchgroup, "
	"disablequeueing, restorequeueing, reconfigure, shutdown";

struct word {
	const char *s;
	size_t len;
};

static const struct verb_def *verb_def(enum ctl_verb verb)
{
	size_t i;

	for (i = 0; i < NVERBS; i++)
		if (verbs[i].verb == verb)
			return &verbs[i];
	return NULL;
}

const char *ctl_verb_name(enum ctl_verb verb)
{
	static const char *const names[] = {
		[CTL_SHOW_PATHS] = "show paths",
		[CTL_SHOW_MAPS] = "show maps",
		[CTL_SHOW_MAP] = "show map",
		[CTL_SHOW_CONFIG] = "show config",
		[CTL_FAIL_PATH] = "fail path",
		[CTL_REINSTATE_PATH] = "reinstate path",
		[CTL_SWITCHGROUP] = "switchgroup map",
		[CTL_DISABLEQUEUEING] = "disablequeueing map",
		[CTL_RESTOREQUEUEING] = "restorequeueing map",
		[CTL_RECONFIGURE] = "reconfigure",
		[CTL_SHUTDOWN] = "shutdown",
	};

	if ((unsigned)verb >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[verb];
}

int ctl_req_mutates(const struct ctl_req *r)
{
	const struct verb_def *d = verb_def(r->verb);

	return !d || !d->show;
}

int ctl_allowed(const struct ctl_req *r, uid_t uid, char *err)
{
	if (uid == 0 || !ctl_req_mutates(r))
		return 0;
	snprintf(err, CTL_ERR_MAX, "permission denied: %s needs root",
		 ctl_verb_name(r->verb));
	return -EPERM;
}

static int word_is(const struct word *w, const char *s)
{
	return w->len == strlen(s) && !memcmp(w->s, s, w->len);
}

/* Refuse with a message; a word quoted in it is cut at 40 bytes. */
static int refuse(struct ctl_req *r, const char *fmt, const struct word *w,
		  const char *what)
{
	char shown[48];
	size_t n = w ? w->len : 0;

	if (n > 40) {
		memcpy(shown, w->s, 40);
		memcpy(shown + 40, "...", 4);
	} else {
		if (n)
			memcpy(shown, w->s, n);
		shown[n] = '\0';
	}
	snprintf(r->error, sizeof(r->error), fmt, shown, what);
	return -EINVAL;
}

/* A device-mapper name: printable, no '/', not "." or "..", shorter than
 * DM_NAME_LEN. */
static int parse_map_name(const struct word *w, struct ctl_req *r)
{
	size_t i;

	if (w->len >= CTL_NAME_MAX)
		return refuse(r, "bad map name '%s': %s", w,
			      "longer than 127 bytes");
	if (word_is(w, ".") || word_is(w, ".."))
		return refuse(r, "bad map name '%s': %s", w,
			      "not a device-mapper name");
	for (i = 0; i < w->len; i++) {
		unsigned char c = w->s[i];

		if (c == '/')
			return refuse(r, "bad map name '%s': %s", w,
				      "holds a '/'");
		if (c < 0x21 || c > 0x7e)
			return refuse(r, "bad map name '%s': %s", w,
				      "holds a byte that is not printable "
				      "ASCII");
	}
	memcpy(r->name, w->s, w->len);
	r->name[w->len] = '\0';
	return 0;
}

/* An sd device name as the kernel makes them: "sd" and letters. */
static int parse_sd(const struct word *w, struct ctl_req *r)
{
	size_t i;

	if (w->len < 3 || w->len > 2 + SD_LETTERS_MAX ||
	    memcmp(w->s, "sd", 2))
		goto bad;
	for (i = 2; i < w->len; i++)
		if (w->s[i] < 'a' || w->s[i] > 'z')
			goto bad;
	memcpy(r->name, w->s, w->len);
	r->name[w->len] = '\0';
	return 0;
bad:
	return refuse(r, "bad path device '%s': %s", w,
		      "expected sd and lowercase letters (sdb, sdaa)");
}

static int parse_group(const struct word *w, struct ctl_req *r)
{
	char digits[8];
	size_t i;

	for (i = 0; i < w->len; i++)
		if (w->s[i] < '0' || w->s[i] > '9')
			break;
	if (!w->len || i < w->len || w->len >= sizeof(digits))
		goto bad;
	memcpy(digits, w->s, w->len);
	digits[w->len] = '\0';
	if (!str_to_int(digits, 1, GROUP_MAX, &r->group))
		return 0;
bad:
	return refuse(r, "bad group number '%s': %s", w, "expected 1-9999");
}

/* The words of line, --json taken out (and noted). Returns how many, or
 * -EINVAL. */
static int split(const char *line, size_t len, struct ctl_req *r,
		 struct word *w)
{
	size_t i = 0, n = 0;

	while (i < len) {
		size_t start;

		if (line[i] == ' ' || line[i] == '\t') {
			i++;
			continue;
		}
		for (start = i; i < len && line[i] != ' ' && line[i] != '\t';
		     i++)
			;
		if (n == WORDS_MAX) {
			snprintf(r->error, sizeof(r->error),
				 "too many words in the request");
			return -EINVAL;
		}
		w[n].s = line + start;
		w[n].len = i - start;
		if (word_is(&w[n], "--json")) {
			r->json = 1;
			continue;
		}
		if (w[n].len > 2 && !memcmp(w[n].s, "--", 2))
			return refuse(r, "unknown option '%s'%s", &w[n], "");
		n++;
	}
	return (int)n;
}

/* The verb_def named by the first one or two words, or NULL after
 * saying why. */
static const struct verb_def *find_verb(const struct word *w, int n,
					struct ctl_req *r)
{
	const struct verb_def *verb = NULL;
	char objects[64] = "";
	size_t i;

	for (i = 0; i < NVERBS; i++) {
		if (!word_is(&w[0], verbs[i].word))
			continue;
		verb = &verbs[i];
		if (!verb->object || (n > 1 && word_is(&w[1], verb->object)))
			return verb;
		snprintf(objects + strlen(objects),
			 sizeof(objects) - strlen(objects), "%s%s",
			 objects[0] ? ", " : "", verbs[i].object);
	}
	if (!verb)
		refuse(r, "unknown command '%s' (expected: %s)", &w[0],
		       verb_words);
	else if (n < 2)
		refuse(r, "%s what? (expected: %s)", &w[0], objects);
	else {
		char what[96];

		snprintf(what, sizeof(what), "%.*s (expected: %s)",
			 (int)w[0].len, w[0].s, objects);
		refuse(r, "unknown object '%s' for %s", &w[1], what);
	}
	return NULL;
}

int ctl_parse(const char *line, size_t len, struct ctl_req *out)
{
	struct word w[WORDS_MAX];
	const struct verb_def *verb;
	size_t i;
	int n, argn, rc = 0;

	memset(out, 0, sizeof(*out));
	if (len > CTL_REQ_MAX) {
		snprintf(out->error, sizeof(out->error),
			 "request longer than %d bytes", CTL_REQ_MAX);
		return -E2BIG;
	}
	if (len && line[len - 1] == '\n')
		len--;
	if (len && line[len - 1] == '\r')
		len--;
	for (i = 0; i < len; i++) {
		unsigned char c = line[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			snprintf(out->error, sizeof(out->error),
				 "request holds control byte 0x%02x at "
				 "column %zu", c, i + 1);
			return -EINVAL;
		}
	}
	n = split(line, len, out, w);
	if (n < 0)
		return n;
	if (n == 0) {
		snprintf(out->error, sizeof(out->error),
			 "empty request (expected: %s)", verb_words);
		return -EINVAL;
	}
	verb = find_verb(w, n, out);
	if (!verb)
		return -EINVAL;
	out->verb = verb->verb;
	if (out->json && !verb->json) {
		snprintf(out->error, sizeof(out->error),
			 "--json is only for show paths, maps and map, not %s",
			 ctl_verb_name(verb->verb));
		return -EINVAL;
	}
	argn = verb->object ? 2 : 1;
	switch (verb->arg) {
	case ARG_NONE:
		rc = 0;
		break;
	case ARG_MAP:
	case ARG_MAP_GROUP:
	case ARG_MAP_ALL:
		if (n <= argn) {
			snprintf(out->error, sizeof(out->error),
				 "%s needs a map name%s",
				 ctl_verb_name(verb->verb),
				 verb->arg == ARG_MAP_ALL ? " or all" : "");
			return -EINVAL;
		}
		if (verb->arg == ARG_MAP_ALL && word_is(&w[argn], "all")) {
			out->all = 1;
			rc = 0;
		} else
			rc = parse_map_name(&w[argn], out);
		argn++;
		if (rc || verb->arg != ARG_MAP_GROUP)
			break;
		if (n <= argn) {
			snprintf(out->error, sizeof(out->error),
				 "switchgroup map %s needs a group number",
				 out->name);
			return -EINVAL;
		}
		rc = parse_group(&w[argn++], out);
		break;
	case ARG_SD:
		if (n <= argn) {
			snprintf(out->error, sizeof(out->error),
				 "%s needs an sd device (sdX)",
				 ctl_verb_name(verb->verb));
			return -EINVAL;
		}
		rc = parse_sd(&w[argn++], out);
		break;
	}
	if (rc)
		return rc;
	if (n > argn) {
		char head[40];

		snprintf(head, sizeof(head), "%s", ctl_verb_name(verb->verb));
		return refuse(out, "unexpected '%s' after %s", &w[argn], head);
	}
	return 0;
}
