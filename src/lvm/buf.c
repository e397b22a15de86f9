#include "lvm/buf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void lvm_buf_add(struct lvm_buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->s, cap);
		if (!p) {
			b->failed = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void lvm_buf_str(struct lvm_buf *b, const char *s)
{
	lvm_buf_add(b, s, strlen(s));
}

int lvm_buf_finish(struct lvm_buf *b, char **out)
{
	*out = NULL;
	if (!b->failed && !b->s)	/* nothing was added: "" */
		lvm_buf_add(b, "", 0);
	if (b->failed) {
		lvm_buf_free(b);
		return -ENOMEM;
	}
	*out = b->s;
	b->s = NULL;
	return 0;
}

void lvm_buf_free(struct lvm_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
