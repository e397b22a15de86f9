/* Putting the global_filter line into an lvm.conf.
 *
 * The text is read with LVM's own grammar and lexer (libdm-config's),
 * strictly:
 *   file    = item*
 *   item    = name ( "{" item* "}" | "=" value )
 *   value   = scalar | "[" ( scalar [","] )* "]"
 * A name is a bare word or a '...' / "..." string; a scalar is a string,
 * a bare word or a number. Which one a token is depends on the token
 * before it, as in LVM: after '=', '[' or ',' it is a value, elsewhere a
 * name. A bare word ends only at white space, '#', '=', '{' or '}' (so
 * "b'x'" and "a,b]" are one word each), and a value that starts like a
 * number (a digit, '.', '+' or '-') is a number that ends at its first
 * non-digit: "x = 1abc = 2" sets x to 1 and abc to 2, and "[ 1 2 ]" is
 * refused because the 2 after a value is a name. '#' starts a comment
 * outside strings. Anything else (unbalanced braces or brackets, an
 * unterminated string, an empty name, a name with no value, a number
 * LVM cannot hold outside creation_time) is refused:
 * an edit of a file that LVM may read differently from us could hide or
 * expose the wrong disks. tests/fuzz/fuzz_lvmconf checks this against
 * libdevmapper's own parser.
 *
 * Which setting is edited: LVM merges sections of the same name, so
 * "devices { } devices { }" is one devices section, and a key written as
 * a path ("devices/global_filter = ...") at top level lands in it too; a
 * key set twice is warned about and the last value wins (lvmconfig
 * 2.03.16). To leave no doubt the result holds exactly one global_filter:
 *   - the first active devices/global_filter keeps its place and key and
 *     gets the new value; any later ones are removed (with their line
 *     when nothing else is on it);
 *   - with none, the line goes at the end of the first devices section;
 *   - with no devices section, one is appended to the file.
 * Comments are never touched, so a commented-out example stays as it is.
 * Every byte outside the edited settings is kept; a file holding binary
 * data (a NUL or control byte) is refused, as the parser would stop at a
 * NUL and lose what follows. */
#include "lvm/lvm.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "lvm/buf.h"
#include "util/str.h"

#define CONF_MAX_DEPTH 64
#define CONF_PATH_MAX 128	/* longer paths are not ones we look for */

enum conf_tok_type {
	TOK_EOF = 0,
	TOK_NAME = 'n',		/* a bare word where a name goes */
	TOK_WORD = 'w',		/* a bare word where a value goes */
	TOK_NUMBER = '0',
	TOK_STRING = 's',
	/* the punctuation characters stand for themselves */
};

struct conf_tok {
	int type;
	size_t start, end;	/* byte offsets in the text */
	int line;
};

/* A global_filter setting found in the text. */
struct conf_setting {
	size_t start;		/* its key */
	size_t value_start, end;	/* its value */
};

struct conf_parser {
	const char *where;
	const char *text;
	size_t pos;
	int line;
	struct conf_tok tok;	/* the current token */
	size_t prev_end;	/* where the token before it ended */
	struct conf_setting *filters;
	size_t n_filters;
	int have_devices;
	size_t devices_end;	/* the '}' of the first devices section */
};

__attribute__((format(printf, 3, 4)))
static int conf_error(const struct conf_parser *p, int line,
		      const char *fmt, ...)
{
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	log_err("%s:%d: %s; not editing it", p->where, line, why);
	return -EINVAL;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\v' || c == '\f';
}

static int is_word_end(char c)
{
	return !c || is_space(c) || strchr("#={}", c);
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Read the next token into p->tok. */
static int conf_next(struct conf_parser *p)
{
	const char *t = p->text;
	int value = p->tok.type == '=' || p->tok.type == '[' ||
		    p->tok.type == ',';
	char quote;
	int dot;

	p->prev_end = p->tok.end;
	for (;;) {
		while (is_space(t[p->pos]))
			if (t[p->pos++] == '\n')
				p->line++;
		if (t[p->pos] != '#')
			break;
		while (t[p->pos] && t[p->pos] != '\n')
			p->pos++;
	}
	p->tok.start = p->pos;
	p->tok.line = p->line;
	if (!t[p->pos]) {
		p->tok.type = TOK_EOF;
	} else if (strchr("{}[],=", t[p->pos])) {
		p->tok.type = t[p->pos++];
	} else if (t[p->pos] == '"' || t[p->pos] == '\'') {
		/* "..." knows backslash escapes, '...' does not */
		quote = t[p->pos++];
		while (t[p->pos] && t[p->pos] != quote) {
			if (quote == '"' && t[p->pos] == '\\' && t[p->pos + 1])
				p->pos++;
			if (t[p->pos++] == '\n')
				p->line++;
		}
		if (!t[p->pos])
			return conf_error(p, p->tok.line,
					  "string never ends");
		p->pos++;
		p->tok.type = TOK_STRING;
	} else if (value && strchr("0123456789.+-", t[p->pos])) {
		/* digits with at most one '.' among them */
		dot = t[p->pos] == '.';
		while (is_digit(t[++p->pos]) || (t[p->pos] == '.' && !dot++))
			;
		p->tok.type = TOK_NUMBER;
	} else {
		while (!is_word_end(t[++p->pos]))
			;
		p->tok.type = value ? TOK_WORD : TOK_NAME;
	}
	p->tok.end = p->pos;
	return 0;
}

static int is_scalar(int type)
{
	return type == TOK_WORD || type == TOK_NUMBER || type == TOK_STRING;
}

/* A number LVM cannot hold (its strtoll or strtod on the text, as it
 * calls them, says ERANGE) makes it refuse the whole file. */
static int number_fits(const struct conf_parser *p)
{
	const char *s = p->text + p->tok.start;

	errno = 0;
	if (memchr(s, '.', p->tok.end - p->tok.start))
		(void)strtod(s, NULL);
	else
		(void)strtoll(s, NULL, 0);
	return errno != ERANGE;
}

/* A scalar; leaves the token after it. any_number: LVM takes any number
 * here (it mends an out-of-range creation_time). */
static int conf_scalar(struct conf_parser *p, int any_number)
{
	if (p->tok.type == TOK_NUMBER && !any_number && !number_fits(p))
		return conf_error(p, p->tok.line, "number out of range");
	return conf_next(p);
}

/* value = scalar | "[" ( scalar [","] )* "]"; leaves the token after it. */
static int conf_value(struct conf_parser *p, int any_number)
{
	int line = p->tok.line, err;

	if (is_scalar(p->tok.type))
		return conf_scalar(p, any_number);
	if (p->tok.type != '[')
		return conf_error(p, p->tok.line, "expected a value after '='");
	for (err = conf_next(p); !err && p->tok.type != ']';) {
		if (p->tok.type == TOK_EOF || p->tok.type == '}')
			return conf_error(p, line, "'[' is never closed");
		if (p->tok.type == TOK_NAME)	/* LVM lexes it so, too */
			return conf_error(p, p->tok.line, "expected ',' or ']' "
					  "after a list item");
		if (!is_scalar(p->tok.type))
			return conf_error(p, p->tok.line, "expected a string "
					  "or number in the list");
		err = conf_scalar(p, any_number);
		if (!err && p->tok.type == ',')
			err = conf_next(p);
	}
	return err ? err : conf_next(p);
}

/* Append a name's path segments to path, "parent/" or "", as LVM splits
 * them: empty segments are skipped ("a//b" is "a/b"), except that a name
 * ending in '/' ends in an empty one ("a/" is a section "" inside a),
 * written "\x01". LVM reads \" and \\ in a "..." name as " and \;
 * either way such a name is none we look for, so they are kept as
 * they are. */
static void path_join(char *path, const char *name, size_t len)
{
	size_t n = strlen(path), i;

	for (i = 0; i < len; i++) {
		if (name[i] == '/' && (!n || path[n - 1] == '/'))
			continue;
		if (n + 3 >= CONF_PATH_MAX) {
			strcpy(path, "\x02");	/* too long: matches nothing */
			return;
		}
		path[n++] = name[i];
	}
	if (!n || path[n - 1] == '/') {
		if (n + 3 >= CONF_PATH_MAX) {
			strcpy(path, "\x02");
			return;
		}
		path[n++] = '\x01';
	}
	path[n] = '\0';
}

static const char *last_segment(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static int conf_add_filter(struct conf_parser *p, size_t start,
			   size_t value_start, size_t end)
{
	struct conf_setting *f;

	f = realloc(p->filters, (p->n_filters + 1) * sizeof(*f));
	if (!f)
		return -ENOMEM;
	p->filters = f;
	f[p->n_filters++] = (struct conf_setting){ start, value_start, end };
	return 0;
}

/* item* up to the end of the section (depth > 0, opened on line
 * open_line) or of the file. parent is the section's path, "" at top
 * level. */
static int conf_items(struct conf_parser *p, const char *parent, int depth,
		      int open_line)
{
	char path[CONF_PATH_MAX];
	size_t key_start, value_start;
	int err, line;

	while (p->tok.type != (depth ? '}' : TOK_EOF)) {
		if (p->tok.type == TOK_EOF)
			return conf_error(p, open_line, "'{' is never closed");
		if (p->tok.type != TOK_NAME && p->tok.type != TOK_STRING)
			return conf_error(p, p->tok.line, p->tok.type == '}' ?
					  "'}' closes no section" :
					  "expected a setting or section name");
		key_start = p->tok.start;
		line = p->tok.line;
		strcpy(path, parent);
		if (*path)
			strcat(path, "/");
		if (p->tok.type == TOK_NAME)
			path_join(path, p->text + key_start,
				  p->tok.end - key_start);
		else if (p->tok.end - key_start > 2)	/* without its quotes */
			path_join(path, p->text + key_start + 1,
				  p->tok.end - key_start - 2);
		else
			return conf_error(p, line, "empty setting or section "
					  "name");
		err = conf_next(p);
		if (err)
			return err;
		if (p->tok.type == '{') {
			if (depth + 1 >= CONF_MAX_DEPTH)
				return conf_error(p, line,
						  "sections nested too deep");
			err = conf_next(p);
			if (!err)
				err = conf_items(p, path, depth + 1, line);
			if (err)
				return err;
			if (!strcmp(path, "devices") && !p->have_devices) {
				p->have_devices = 1;
				p->devices_end = p->tok.start;
			}
			err = conf_next(p);	/* past '}' */
		} else if (p->tok.type == '=') {
			err = conf_next(p);
			if (err)
				return err;
			value_start = p->tok.start;
			err = conf_value(p, !strcmp(last_segment(path),
						    "creation_time"));
			if (!err && !strcmp(path, "devices/global_filter"))
				err = conf_add_filter(p, key_start, value_start,
						      p->prev_end);
		} else {
			return conf_error(p, line, "expected '=' or '{' after "
					  "a setting or section name");
		}
		if (err)
			return err;
	}
	return 0;
}

/* Parse text as the contents of the section at path root ("" for a
 * whole file). */
static int conf_parse(struct conf_parser *p, const char *where,
		      const char *text, const char *root)
{
	int err;

	*p = (struct conf_parser){ .where = where, .text = text, .line = 1 };
	err = conf_next(p);
	if (!err)
		err = conf_items(p, root, 0, 1);
	return err;
}

static int blank_between(const char *text, size_t from, size_t to)
{
	for (; from < to; from++)
		if (text[from] != ' ' && text[from] != '\t')
			return 0;
	return 1;
}

static size_t line_start(const char *text, size_t pos)
{
	while (pos && text[pos - 1] != '\n')
		pos--;
	return pos;
}

/* Drop a duplicate setting [start, end), and its line when nothing else is
 * on it; between two words it leaves a space, or they would read as one
 * ("a = b'global_filter' = [ ]c = 1"). Returns where the kept text
 * resumes. */
static size_t drop_setting(struct lvm_buf *b, const char *text, size_t from,
			   size_t start, size_t end)
{
	size_t ls = line_start(text, start), le = end;

	while (text[le] == ' ' || text[le] == '\t')
		le++;
	if (ls >= from && blank_between(text, ls, start) &&
	    (text[le] == '\n' || !text[le])) {
		lvm_buf_add(b, text + from, ls - from);
		return text[le] ? le + 1 : le;
	}
	lvm_buf_add(b, text + from, start - from);
	if (start && text[end] && !is_space(text[start - 1]) &&
	    !is_space(text[end]))
		lvm_buf_str(b, " ");
	return end;
}

/* The new value: filter_line must itself be one global_filter setting. */
static int filter_value(const char *filter_line, const char **value,
			size_t *len)
{
	struct conf_parser p;
	int err;

	if (!filter_line || strchr(filter_line, '\n')) {
		log_err("lvm: filter line is missing or spans lines");
		return -EINVAL;
	}
	err = conf_parse(&p, "lvm filter line", filter_line, "devices");
	if (!err && (p.n_filters != 1 || p.filters[0].start != 0 ||
		     filter_line[p.filters[0].end])) {
		log_err("lvm: \"%s\" is not one global_filter setting",
			filter_line);
		err = -EINVAL;
	}
	if (!err) {
		*value = filter_line + p.filters[0].value_start;
		*len = p.filters[0].end - p.filters[0].value_start;
	}
	free(p.filters);
	return err;
}

static void add_to_devices(struct lvm_buf *b, const char *text, size_t close,
			   const char *filter_line)
{
	size_t ls = line_start(text, close);

	if (blank_between(text, ls, close)) {
		/* "}" on a line of its own: a line before it, one tab deeper */
		lvm_buf_add(b, text, ls);
		lvm_buf_add(b, text + ls, close - ls);
		lvm_buf_str(b, "\t");
		lvm_buf_str(b, filter_line);
		lvm_buf_str(b, "\n");
		lvm_buf_str(b, text + ls);
		return;
	}
	lvm_buf_add(b, text, close);
	if (!close || !is_space(text[close - 1]))
		lvm_buf_str(b, " ");
	lvm_buf_str(b, filter_line);
	lvm_buf_str(b, " ");
	lvm_buf_str(b, text + close);
}

int lvm_conf_update(const char *where, const char *old_text, size_t old_len,
		    const char *filter_line, char **new_text)
{
	struct conf_parser p;
	struct lvm_buf b = { 0 };
	const char *text = old_text ? old_text : "";
	const char *value;
	size_t value_len, from, i;
	int err, line;

	*new_text = NULL;
	if (!where)
		where = "lvm.conf";
	/* The parser stops at a NUL: what follows would be lost. */
	line = old_text ? str_binary_line(old_text, old_len) : 0;
	if (line) {
		log_err("%s:%d: binary data (NUL or control byte); not editing "
			"it", where, line);
		return -EINVAL;
	}
	err = filter_value(filter_line, &value, &value_len);
	if (err)
		return err;
	err = conf_parse(&p, where, text, "");
	if (err) {
		free(p.filters);
		return err;
	}
	if (p.n_filters) {
		const struct conf_setting *f = &p.filters[0];

		lvm_buf_add(&b, text, f->value_start);
		lvm_buf_add(&b, value, value_len);
		from = f->end;
		for (i = 1; i < p.n_filters; i++) {
			f = &p.filters[i];
			from = drop_setting(&b, text, from, f->start, f->end);
		}
		lvm_buf_str(&b, text + from);
	} else if (p.have_devices) {
		add_to_devices(&b, text, p.devices_end, filter_line);
	} else {
		lvm_buf_str(&b, text);
		if (*text && text[strlen(text) - 1] != '\n')
			lvm_buf_str(&b, "\n");
		lvm_buf_str(&b, "devices {\n\t");
		lvm_buf_str(&b, filter_line);
		lvm_buf_str(&b, "\n}\n");
	}
	free(p.filters);
	return lvm_buf_finish(&b, new_text);
}
