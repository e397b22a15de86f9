/* lvm_conf_update on arbitrary bytes: it must never crash, must answer 0
 * or -EINVAL (-ENOMEM aside), must refuse binary data (a NUL would cut the
 * rest of the file), and what it accepts it must turn into text that holds
 * the filter and that a second update leaves unchanged.
 *
 * And it must read the file as LVM does. libdevmapper's own parser (the
 * lexer and grammar LVM reads lvm.conf with) is the judge: a file we
 * accept, LVM must accept too; in what we write, LVM must find
 * devices/global_filter set to our value and every other setting exactly
 * as it was. We may refuse what LVM accepts (an unterminated string),
 * never the other way round. */
#include <errno.h>
#include <libdevmapper.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "lvm/lvm.h"
#include "util/str.h"

#define VALUE "[ \"a|^/dev/mapper/mpatha$|\", \"r|^/dev/sdb[0-9]*$|\" ]"
/* A last item, as dm_config_parse refuses a file with none. */
#define END_KEY "fuzz_lvmconf_end"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

__attribute__((format(printf, 4, 5)))
static void dm_quiet(int level, const char *file, int line, const char *f,
		     ...)
{
	(void)level, (void)file, (void)line, (void)f;
}

static struct dm_config_tree *lvm_parse(const char *text)
{
	size_t len = strlen(text);
	char *s = malloc(len + sizeof("\n" END_KEY " = 1\n"));
	struct dm_config_tree *cft;

	check(s != NULL);
	memcpy(s, text, len);
	strcpy(s + len, "\n" END_KEY " = 1\n");
	cft = dm_config_from_string(s);
	free(s);
	return cft;
}

/* Where a node is: libdevmapper's top-level nodes point at a parent that
 * was on the parser's stack, so the walk keeps track itself. */
enum place { TOP, IN_DEVICES, ELSEWHERE };

static enum place inside(enum place at, const struct dm_config_node *n)
{
	return at == TOP && !strcmp(n->key, "devices") ? IN_DEVICES : ELSEWHERE;
}

static int is_filter(enum place at, const struct dm_config_node *n)
{
	return at == IN_DEVICES && !strcmp(n->key, "global_filter");
}

/* A node that holds nothing but what the update owns: the filter's value,
 * the devices section around it, the end marker. */
static int owned(enum place at, const struct dm_config_node *n)
{
	const struct dm_config_node *c;

	if (is_filter(at, n))
		return !n->child;
	if (at != TOP)
		return 0;
	if (!strcmp(n->key, END_KEY))
		return 1;
	if (strcmp(n->key, "devices") || n->v)
		return 0;
	for (c = n->child; c; c = c->sib)
		if (!owned(IN_DEVICES, c))
			return 0;
	return 1;
}

static const struct dm_config_node *next_kept(enum place at,
					       const struct dm_config_node *n)
{
	while (n && owned(at, n))
		n = n->sib;
	return n;
}

static int same_values(const struct dm_config_value *a,
		       const struct dm_config_value *b)
{
	for (; a && b; a = a->next, b = b->next) {
		if (a->type != b->type)
			return 0;
		if ((a->type == DM_CFG_INT && a->v.i != b->v.i) ||
		    (a->type == DM_CFG_FLOAT &&
		     memcmp(&a->v.f, &b->v.f, sizeof(a->v.f))) ||
		    (a->type == DM_CFG_STRING && strcmp(a->v.str, b->v.str)))
			return 0;
	}
	return !a && !b;
}

/* Every setting but the ones the update owns is the same in a and b. */
static int same_tree(enum place at, const struct dm_config_node *a,
		     const struct dm_config_node *b)
{
	for (a = next_kept(at, a), b = next_kept(at, b); a && b;
	     a = next_kept(at, a->sib), b = next_kept(at, b->sib)) {
		if (strcmp(a->key, b->key) ||
		    (!is_filter(at, a) && !same_values(a->v, b->v)) ||
		    !same_tree(inside(at, a), a->child, b->child))
			return 0;
	}
	return !a && !b;
}

static void check_like_lvm(const char *text, const char *out)
{
	struct dm_config_tree *before = lvm_parse(text), *after;
	const struct dm_config_node *f;
	const struct dm_config_value *v;

	check(before != NULL);
	after = lvm_parse(out);
	check(after != NULL);
	f = dm_config_find_node(after->root, "devices/global_filter");
	check(f && (v = f->v) && v->type == DM_CFG_STRING &&
	      !strcmp(v->v.str, "a|^/dev/mapper/mpatha$|") && (v = v->next) &&
	      v->type == DM_CFG_STRING &&
	      !strcmp(v->v.str, "r|^/dev/sdb[0-9]*$|") && !v->next);
	check(same_tree(TOP, before->root, after->root));
	dm_config_destroy(after);
	dm_config_destroy(before);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *out = NULL, *again = NULL;
	int err;

	log_verbosity = 0;
	dm_log_init(dm_quiet);
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	err = lvm_conf_update("fuzz.conf", text, size, "global_filter = " VALUE,
			      &out);
	if (err && err != -EINVAL && err != -ENOMEM)
		abort();
	if (str_binary_line(text, size) && err != -EINVAL)
		abort();
	if (!err) {
		check(strstr(out, VALUE) != NULL);
		check(!lvm_conf_update("fuzz.conf", out, strlen(out),
				       "global_filter = " VALUE, &again) &&
		      !strcmp(again, out));
		check_like_lvm(text, out);
	} else if (out) {
		abort();
	}
	free(again);
	free(out);
	free(text);
	return 0;
}
