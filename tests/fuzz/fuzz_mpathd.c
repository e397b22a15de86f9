/* The multipathd client's reply reader and parsers on arbitrary bytes: the
 * first byte picks the chunk size the reader is fed in (a reply arrives
 * in pieces), the rest is the stream. Whatever the framing accepts, the
 * text is a C string of the announced length, and each parser either
 * refuses it or gives fields that hold no newline, inside the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/mpathd.h"

static void check_str(const char *s, const char *text, size_t len)
{
	if (s < text || s > text + len || strchr(s, '\n'))
		abort();
}

static void parse_all(const char *reply)
{
	size_t len = strlen(reply), n, i;
	char *t = malloc(len + 1);
	enum mpd_daemon_state st;
	struct mpd_path *p;
	struct mpd_map *m;
	int pid;

	if (!t)
		return;
	memcpy(t, reply, len + 1);
	if (mpd_parse_daemon(t, &pid, &st) == 0 && pid <= 0)
		abort();
	memcpy(t, reply, len + 1);
	if (mpd_parse_maps(t, &m, &n) == 0) {
		for (i = 0; i < n; i++) {
			check_str(m[i].wwid, t, len);
			check_str(m[i].name, t, len);
			if (!*m[i].wwid || !*m[i].name || strchr(m[i].wwid, ' '))
				abort();
		}
		free(m);
	}
	memcpy(t, reply, len + 1);
	if (mpd_parse_paths(t, &p, &n) == 0) {
		for (i = 0; i < n; i++) {
			check_str(p[i].dev, t, len);
			check_str(p[i].wwid, t, len);
			if (!*p[i].dev || p[i].chk > MPD_CHK_OTHER ||
			    p[i].dm > MPD_DM_FAILED)
				abort();
		}
		free(p);
	}
	free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mpd_reply r = { 0 };
	size_t chunk, off = 0, used;
	int ret = 0;

	if (size < 1)
		return 0;
	chunk = data[0] % 16 + 1;
	data++;
	size--;
	while (off < size && ret == 0) {
		size_t n = size - off < chunk ? size - off : chunk;

		ret = mpd_reply_feed(&r, data + off, n, &used);
		if (used > n || (ret == 0 && used != n))
			abort();
		off += used;
	}
	if (ret == 1) {
		if (r.len == 0 || r.len >= MPD_REPLY_MAX ||
		    r.got != sizeof(size_t) + r.len ||
		    strlen(r.text) > r.len - 1)
			abort();
		parse_all(r.text);
	}
	mpd_reply_free(&r);
	/* the text alone, as if framed */
	{
		char *t = malloc(size + 1);

		if (t) {
			memcpy(t, data, size);
			t[size] = '\0';
			parse_all(t);
			free(t);
		}
	}
	return 0;
}
