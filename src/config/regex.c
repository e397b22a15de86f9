/* The regular expressions of multipath.conf (device vendor, product and
 * revision, blacklist entries), with multipath-tools' meaning: POSIX
 * extended syntax, REG_NOSUB, matched anywhere in the text.
 *
 * Each struct cfg_re belongs to the entry that holds its pattern, so a
 * config owns everything it matches with. Most patterns (all but a few of
 * the hardware table's) are plain: words, '.', bracket expressions and
 * one level of alternation, without repetition. Those are matched here
 * directly, with the result regexec would give; the others are compiled
 * once, on first use. The reason is musl: its regcomp maps and unmaps
 * fresh memory on every call, about 0.25 ms per pattern, 60 ms for the
 * hardware table's 246, on every start of the static binary. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "config/internal.h"
#include "log.h"

/* Characters with a meaning in an extended regular expression. */
static const char specials[] = ".[]()*+?{}|^$\\";

/* Patterns regcomp would take very long to compile, or one libc accepts
 * and the other refuses: stacked quantifiers ("a++", exponential in
 * glibc), bounds above 255 (musl's RE_DUP_MAX; glibc allows 32767), and
 * bounds whose copies multiply past MAX_COPIES atoms ("((a{0,15}){0,15}){0,15}"
 * takes seconds in musl). Nothing a device name or WWID needs. Returns
 * the reason, or NULL. */
#define MAX_COPIES	1024
#define MAX_DEPTH	16

static unsigned long cap(unsigned long n)
{
	return n > MAX_COPIES ? MAX_COPIES + 1 : n;
}

/* The ']' closing the bracket expression at s, or the end of the text. */
static const char *bracket_end(const char *s)
{
	s++;
	if (*s == '^')
		s++;
	if (*s == ']')
		s++;
	while (*s && *s != ']')
		s++;
	return s;
}

static const char *too_costly(const char *s)
{
	/* per group level: the size of what is complete, and of the last
	 * atom, which a quantifier may still multiply (0: none may) */
	unsigned long sum[MAX_DEPTH + 1] = { 0 }, last[MAX_DEPTH + 1] = { 0 };
	int d = 0;

	for (; *s; s++) {
		unsigned long n = 0, m = 0;

		switch (*s) {
		case '*': case '+': case '?': case '{':
			if (!last[d])
				return "stacked repetition";
			if (*s == '{') {
				while (*++s >= '0' && *s <= '9' && n < 1000)
					n = n * 10 + (*s - '0');
				if (*s == ',')
					while (*++s >= '0' && *s <= '9' &&
					       m < 1000)
						m = m * 10 + (*s - '0');
				if (n > 255 || m > 255)
					return "repetition bound above 255";
				if (!*s)
					return NULL;	/* regcomp reports it */
			} else {
				n = 1;
			}
			sum[d] = cap(sum[d] + last[d] * ((m > n ? m : n) + 1));
			last[d] = 0;
			break;
		case '(':
			if (d == MAX_DEPTH)
				return "groups nested too deep";
			sum[d] = cap(sum[d] + last[d]);
			last[d] = 0;
			d++;
			sum[d] = last[d] = 0;
			break;
		case ')':
			if (!d)
				goto atom;	/* glibc reads it as a ')' */
			d--;
			sum[d] = cap(sum[d] + last[d]);
			last[d] = cap(sum[d + 1] + last[d + 1]);
			if (!last[d])
				last[d] = 1;	/* "()" is an atom too */
			break;
		case '|': case '^': case '$':
			sum[d] = cap(sum[d] + last[d]);
			last[d] = 0;
			break;
		default:
atom:
			if (*s == '[') {
				s = bracket_end(s);
				if (!*s)
					return NULL;	/* regcomp reports it */
			} else if (*s == '\\' && s[1]) {
				s++;
			}
			sum[d] = cap(sum[d] + last[d]);
			last[d] = 1;
		}
		if (sum[d] > MAX_COPIES || last[d] > MAX_COPIES)
			return "repetition too costly to compile";
	}
	return NULL;
}

/* A backreference (\1 to \9) outside a bracket expression. glibc matches
 * them in extended syntax, musl's regexec does not: (0)(0)\2 matches "000"
 * in one build and not in the other, so neither accepts them. */
static int has_backref(const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			if (s[1] >= '1' && s[1] <= '9')
				return 1;
			s++;
		} else if (*s == '[') {
			s = bracket_end(s);
			if (!*s)
				return 0;
		}
	}
	return 0;
}

/* --- plain patterns ---------------------------------------------------- */

static int same_range_class(char a, char b)
{
	return (a >= '0' && a <= '9' && b >= '0' && b <= '9') ||
	       (a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z') ||
	       (a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z');
}

/* Length of the atom at p, which stands for exactly one character of the
 * text: a printable ASCII character that is not special, an escaped
 * special character, '.', or a bracket expression of such characters and
 * ranges within digits or letters of one case. 0 for anything else
 * (regcomp's business). */
static size_t atom_len(const char *p, const char *end)
{
	const char *s;

	if (p >= end || *p < ' ' || *p > '~')
		return 0;
	if (*p == '\\')
		return p + 1 < end && p[1] && strchr(specials, p[1]) ? 2 : 0;
	if (*p == '.')
		return 1;
	if (*p != '[')
		return strchr(specials, *p) ? 0 : 1;
	s = p + 1;
	if (s < end && *s == '^')
		s++;
	if (s < end && *s == ']')
		return 0;	/* a literal ']' first */
	while (s < end && *s != ']') {
		if (*s < ' ' || *s > '~' || *s == '[' || *s == '\\' ||
		    *s == '-')
			return 0;
		if (s + 2 < end && s[1] == '-' && s[2] != ']') {
			if (!same_range_class(s[0], s[2]) || s[0] > s[2])
				return 0;
			s += 3;
		} else {
			s++;
		}
	}
	return s < end ? (size_t)(s - p + 1) : 0;
}

static int atom_matches(const char *a, char c)
{
	int neg, hit = 0;

	if (*a == '\\')
		return a[1] == c;
	if (*a == '.')
		return 1;
	if (*a != '[')
		return *a == c;
	neg = a[1] == '^';
	for (a += 1 + neg; *a != ']';) {
		if (a[1] == '-' && a[2] != ']') {
			hit |= c >= a[0] && c <= a[2];
			a += 3;
		} else {
			hit |= c == *a++;
		}
	}
	return hit != neg;
}

/* One alternative: its atoms and whether it is tied to the start or the
 * end of the text. */
struct branch {
	const char *atoms, *end;
	int bol, eol;
};

/* The alternatives of a plain pattern: either top-level ones, each with
 * its own anchors, or those of one group spanning the pattern, with the
 * anchors outside it applying to all. */
struct plain_scan {
	const char *p, *end;
	int grouped, bol, eol, done;
};

static void plain_start(struct plain_scan *s, const char *pattern)
{
	const char *p = pattern, *end = pattern + strlen(pattern);
	int bol = 0, eol = 0;

	memset(s, 0, sizeof(*s));
	s->p = pattern;
	s->end = end;
	if (*p == '^') {
		bol = 1;
		p++;
	}
	if (end - p >= 2 && end[-1] == '$' && end[-2] == ')') {
		eol = 1;
		end--;
	}
	if (end - p >= 2 && *p == '(' && end[-1] == ')') {
		/* anything inside that is not plain, a nested group or a
		 * second one included, fails in next_branch */
		s->p = p + 1;
		s->end = end - 1;
		s->grouped = 1;
		s->bol = bol;
		s->eol = eol;
	}
}

/* The next alternative: 1 with *b set, 0 after the last one, -1 when the
 * pattern is not plain. */
static int next_branch(struct plain_scan *s, struct branch *b)
{
	const char *p = s->p;
	size_t n;

	if (s->done)
		return 0;
	b->bol = s->bol;
	b->eol = s->eol;
	if (!s->grouped && p < s->end && *p == '^') {
		b->bol = 1;
		p++;
	}
	/* ".*" first or last ties the alternative to nothing */
	if (s->end - p >= 2 && p[0] == '.' && p[1] == '*') {
		b->bol = 0;
		p += 2;
	}
	b->atoms = p;
	for (;;) {
		if (p == s->end || *p == '|') {
			b->end = p;
			break;
		}
		if (!s->grouped && *p == '$' &&
		    (p + 1 == s->end || p[1] == '|')) {
			b->end = p++;
			b->eol = 1;
			break;
		}
		if (p[0] == '.' && p + 1 < s->end && p[1] == '*') {
			const char *q = p + 2;

			if (!s->grouped && q < s->end && *q == '$')
				q++;
			if (q != s->end && *q != '|')
				return -1;
			b->end = p;
			b->eol = 0;
			p = q;
			break;
		}
		n = atom_len(p, s->end);
		if (!n)
			return -1;
		p += n;
	}
	/* an empty alternative matches everywhere, in glibc and musl */
	if (p == s->end)
		s->done = 1;
	else
		p++;	/* past the '|' */
	s->p = p;
	return 1;
}

static int branch_matches_at(const struct branch *b, const char *t)
{
	const char *a;

	for (a = b->atoms; a < b->end; a += atom_len(a, b->end), t++)
		if (!*t || !atom_matches(a, *t))
			return 0;
	return !b->eol || !*t;
}

/* 1 or 0 as regexec would say, -1 when the pattern is not plain. */
static int plain_match(const char *pattern, const char *text)
{
	struct plain_scan s;
	struct branch b;
	int r, hit = 0;

	plain_start(&s, pattern);
	while ((r = next_branch(&s, &b)) > 0) {
		const char *t = text;

		if (hit)
			continue;	/* the rest must still be plain */
		do {
			hit = branch_matches_at(&b, t);
		} while (!hit && !b.bol && *t++);
	}
	return r < 0 ? -1 : hit;
}

static int is_plain(const char *pattern)
{
	return plain_match(pattern, "") >= 0;
}

/* --- compiled patterns ------------------------------------------------- */

/* A leading '*' (as in `wwid "*"`) means any text. */
static int compile(struct cfg_re *re, const char *pattern, char *why,
		   size_t why_len)
{
	const char *costly;
	char buf[300];
	int err;

	if (has_backref(pattern)) {
		snprintf(why, why_len, "backreferences (\\1 to \\9) are not "
			 "supported");
		return -EINVAL;
	}
	costly = too_costly(pattern[0] == '*' ? pattern + 1 : pattern);
	if (costly) {
		snprintf(why, why_len, "%s", costly);
		return -EINVAL;
	}
	if (pattern[0] == '*') {
		snprintf(buf, sizeof(buf), ".%s", pattern);
		pattern = buf;
	}
	err = regcomp(&re->re, pattern, REG_EXTENDED | REG_NOSUB);
	if (err) {
		regerror(err, &re->re, why, why_len);
		return err == REG_ESPACE ? -ENOMEM : -EINVAL;
	}
	re->state = CFG_RE_COMPILED;
	return 0;
}

int cfg_re_prepare(struct cfg_re *re, const char *pattern, char *why,
		   size_t why_len)
{
	if (re->state != CFG_RE_NEW)
		return re->state == CFG_RE_BROKEN ? -EINVAL : 0;
	if (is_plain(pattern)) {
		re->state = CFG_RE_PLAIN;
		return 0;
	}
	if (compile(re, pattern, why, why_len)) {
		re->state = CFG_RE_BROKEN;
		return -EINVAL;
	}
	return 0;
}

int cfg_re_match(struct cfg_re *re, const char *pattern, const char *text)
{
	char why[128];

	if (!text)
		text = "";
	if (re->state == CFG_RE_NEW &&
	    cfg_re_prepare(re, pattern, why, sizeof(why)))
		log_err("regular expression '%s': %s", pattern, why);
	switch (re->state) {
	case CFG_RE_PLAIN:
		return plain_match(pattern, text) > 0;
	case CFG_RE_COMPILED:
		return regexec(&re->re, text, 0, NULL, 0) == 0;
	default:
		return 0;
	}
}

void cfg_re_free(struct cfg_re *re)
{
	if (re->state == CFG_RE_COMPILED)
		regfree(&re->re);
	re->state = CFG_RE_NEW;
}
