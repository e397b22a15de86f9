/* The replies of multipathd the hand-over reads, cut up in place. */
#include "ctl/mpathd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

/* A reply that lists nothing is "ok"; the other words of a command that
 * did not list (and the help text an unknown command gets) are errors. */
static int is_empty_list(const char *text)
{
	return !strcmp(text, "ok\n") || !strcmp(text, "");
}

static int is_error(const char *text)
{
	return !strcmp(text, "fail\n") || !strcmp(text, "timeout\n") ||
	       !strncmp(text, "permission deny", 15);
}

/* The next line of *text, its newline cut; NULL at the end. */
static char *next_line(char **text)
{
	char *line = *text, *nl;

	if (!*line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*text = nl + 1;
	} else {
		*text = line + strlen(line);
	}
	return line;
}

/* The next field of *line up to one blank (may be empty); NULL when the
 * line has no blank left. */
static char *next_field(char **line)
{
	char *f = *line, *sp = strchr(f, ' ');

	if (!sp)
		return NULL;
	*sp = '\0';
	*line = sp + 1;
	return f;
}

int mpd_parse_daemon(char *text, int *pid, enum mpd_daemon_state *state)
{
	char *line = next_line(&text), *word, *st;

	if (!line || *text || strncmp(line, "pid ", 4))
		return -EPROTO;
	line += 4;
	word = next_field(&line);
	st = line;
	if (!word || str_to_int(word, 1, 0x7fffffff, pid) || !*st ||
	    strchr(st, ' '))
		return -EPROTO;
	*state = !strcmp(st, "idle") || !strcmp(st, "running") ?
		 MPD_DAEMON_READY : MPD_DAEMON_OTHER;
	return 0;
}

/* Calls fn on each line of a listing into an array of size elem. */
static int parse_list(char *text, void **out, size_t *n, size_t elem,
		      int (*fn)(char *line, void *item))
{
	char *line, *v = NULL;
	size_t cap = 0;
	int r = 0;

	*out = NULL;
	*n = 0;
	if (is_empty_list(text))
		return 0;
	if (is_error(text))
		return -EPROTO;
	while ((line = next_line(&text))) {
		if (*n == cap) {
			char *nv;

			cap = cap ? 2 * cap : 16;
			nv = realloc(v, cap * elem);
			if (!nv) {
				r = -ENOMEM;
				break;
			}
			v = nv;
		}
		r = fn(line, v + *n * elem);
		if (r)
			break;
		(*n)++;
	}
	if (r) {
		free(v);
		*n = 0;
		return r;
	}
	*out = v;
	return 0;
}

static int parse_map(char *line, void *item)
{
	struct mpd_map *m = item;

	m->wwid = next_field(&line);
	m->name = line;
	if (!m->wwid || !*m->wwid || !*m->name)
		return -EPROTO;
	return 0;
}

int mpd_parse_maps(char *text, struct mpd_map **maps, size_t *n)
{
	return parse_list(text, (void **)maps, n, sizeof(**maps), parse_map);
}

static const char *const chk_words[] = {
	[MPD_CHK_UNDEF] = "undef",
	[MPD_CHK_READY] = "ready",
	[MPD_CHK_FAULTY] = "faulty",
	[MPD_CHK_SHAKY] = "shaky",
	[MPD_CHK_GHOST] = "ghost",
	[MPD_CHK_PENDING] = "i/o pending",
	[MPD_CHK_TIMEOUT] = "i/o timeout",
	[MPD_CHK_DELAYED] = "delayed",
};

static int parse_path(char *line, void *item)
{
	struct mpd_path *p = item;
	char *dm;
	size_t i;

	p->dev = next_field(&line);
	p->wwid = next_field(&line);
	dm = next_field(&line);
	if (!p->dev || !*p->dev || !p->wwid || !dm || !*line)
		return -EPROTO;
	if (!strcmp(dm, "active"))
		p->dm = MPD_DM_ACTIVE;
	else if (!strcmp(dm, "failed"))
		p->dm = MPD_DM_FAILED;
	else if (!strcmp(dm, "undef"))
		p->dm = MPD_DM_UNDEF;
	else
		return -EPROTO;
	p->chk = MPD_CHK_OTHER;
	for (i = 0; i < sizeof(chk_words) / sizeof(chk_words[0]); i++)
		if (!strcmp(line, chk_words[i]))
			p->chk = i;
	return 0;
}

int mpd_parse_paths(char *text, struct mpd_path **paths, size_t *n)
{
	return parse_list(text, (void **)paths, n, sizeof(**paths),
			  parse_path);
}
