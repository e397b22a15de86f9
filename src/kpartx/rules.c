/* Which partition delimiter a root's udev rules give kpartx (pure): the
 * `-p` argument of the rule that runs it, as multipath-tools' kpartx.rules
 * (`kpartx -un -p -part /dev/$name`) and the distributions' copies do. */
#include <errno.h>
#include <string.h>

#include "kpartx/kpartx.h"

int kpartx_delim_check(const char *delim)
{
	const unsigned char *s = (const unsigned char *)delim;

	if (strlen(delim) > KPARTX_DELIM_MAX)
		return -ENAMETOOLONG;
	/* a map name holds no '/'; blanks and controls would not survive a
	 * udev rule or a device-mapper name either, and '$' or '%' in a
	 * rule are udev's substitutions, whose value mpboot cannot know */
	for (; *s; s++)
		if (*s <= ' ' || *s == 0x7f || *s == '/' || *s == '$' ||
		    *s == '%' || *s == '"' || *s == '\'' || *s == '\\')
			return -EINVAL;
	return 0;
}

/* One logical line: lines ending in a backslash go on with the next.
 * Copies it (without the backslash-newlines) into buf, NUL-terminated and
 * cut at cap - 1; returns where the next one starts and counts the
 * physical lines in *lines. */
static const char *logical_line(const char *s, char *buf, size_t cap,
				unsigned *lines)
{
	size_t n = 0;

	*lines = 0;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		int cont = len && s[len - 1] == '\\';

		if (cont)
			len--;
		if (n + len >= cap)
			len = cap - 1 - n;
		memcpy(buf + n, s, len);
		n += len;
		(*lines)++;
		s = nl ? nl + 1 : s + strlen(s);
		if (!cont)
			break;
	}
	buf[n] = '\0';
	return s;
}

/* The next "KEY[{attr}] OP value" of a rule: the key cut in place, the
 * operator copied into op, the value's quotes dropped (an escaped quote
 * inside kept as a quote). Returns where the next one starts, or NULL at
 * the end or on a malformed one (the rest of the rule is not read). */
static char *next_pair(char *s, char **key, char op[3], char **value)
{
	char *k, *d;
	int brace = 0;

	s += strspn(s, " \t,");
	if (!*s)
		return NULL;
	*key = s;
	for (; *s && (brace || !strchr("=!+-: \t", *s)); s++)
		brace = *s == '{' ? 1 : *s == '}' ? 0 : brace;
	k = s;
	s += strspn(s, " \t");
	if (*s == '=' && s[1] != '=') {
		op[0] = '=';
		op[1] = '\0';
		s++;
	} else if (*s && strchr("=!+-:", *s) && s[1] == '=') {
		op[0] = *s;
		op[1] = '=';
		op[2] = '\0';
		s += 2;
	} else {
		return NULL;
	}
	*k = '\0';
	s += strspn(s, " \t");
	/* e"...": escapes; i"...": case-insensitive matches; same quotes */
	if ((*s == 'e' || *s == 'i') && s[1] == '"')
		s++;
	if (*s != '"')
		return NULL;
	*value = d = ++s;
	for (; *s && *s != '"'; s++) {
		if (*s == '\\' && s[1] == '"')
			s++;
		*d++ = *s;
	}
	if (*s != '"')
		return NULL;
	*d = '\0';
	return s + 1;
}

/* Whether key is one that runs its value as a program. */
static int runs_program(const char *key)
{
	return !strcmp(key, "RUN") || !strcmp(key, "RUN{program}") ||
	       !strcmp(key, "PROGRAM") || !strcmp(key, "IMPORT{program}");
}

/* The next word of a program line as udev splits it (blanks, with single
 * or double quotes grouping), cut in place. NULL at the end. */
static char *next_word(char **s)
{
	char *p = *s + strspn(*s, " \t"), *w = p, *d = p;
	char quote = 0;

	if (!*p)
		return NULL;
	for (; *p && (quote || (*p != ' ' && *p != '\t')); p++) {
		if (!quote && (*p == '\'' || *p == '"'))
			quote = *p;
		else if (quote && *p == quote)
			quote = 0;
		else
			*d++ = *p;
	}
	*s = *p ? p + 1 : p;
	*d = '\0';
	return w;
}

/* What the program line cmd does with kpartx's -p: 0 not kpartx,
 * KPARTX_RULE_DEFAULT kpartx without -p, KPARTX_RULE_DELIM with *delim
 * pointing into cmd, -EINVAL for a -p without a value. */
static int kpartx_call(char *cmd, const char **delim)
{
	char *w = next_word(&cmd), *base;
	int r = KPARTX_RULE_DEFAULT;

	if (!w)
		return 0;
	base = strrchr(w, '/');
	if (strcmp(base ? base + 1 : w, "kpartx"))
		return 0;
	/* kpartx's getopt: "rladfgvp:t:snu", arguments anywhere (GNU
	 * getopt permutes), "--" ends the options; the last -p counts */
	while ((w = next_word(&cmd)) && strcmp(w, "--")) {
		if (w[0] != '-' || !w[1])
			continue;
		for (w++; *w; w++) {
			char *arg;

			if (*w != 'p' && *w != 't')
				continue;
			arg = w[1] ? w + 1 : next_word(&cmd);
			if (!arg)
				return -EINVAL;
			if (*w == 'p') {
				*delim = arg;
				r = KPARTX_RULE_DELIM;
			}
			break;
		}
	}
	return r;
}

int kpartx_rules_parse(const char *text, struct kpartx_rule *out)
{
	unsigned line = 1, lines;
	char buf[4096];
	int bad = 0;

	memset(out, 0, sizeof(*out));
	while (*text) {
		char *s = buf, *key, *value, op[3];
		unsigned at = line;

		text = logical_line(text, buf, sizeof(buf), &lines);
		line += lines;
		s += strspn(s, " \t");
		if (*s == '#')
			continue;
		while ((s = next_pair(s, &key, op, &value))) {
			const char *delim = NULL;
			int r;

			if (!runs_program(key) || !strcmp(op, "!=") ||
			    !strcmp(op, "-="))
				continue;
			r = kpartx_call(value, &delim);
			if (r == KPARTX_RULE_DELIM &&
			    kpartx_delim_check(delim))
				r = -EINVAL;
			if (r == 0)
				continue;
			memset(out, 0, sizeof(*out));
			out->line = at;
			bad = r < 0;
			if (bad)
				continue;
			out->kind = r;
			if (delim)
				strcpy(out->delim, delim);
		}
	}
	return bad ? -EINVAL : 0;
}
