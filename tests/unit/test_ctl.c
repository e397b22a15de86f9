/* The control protocol: every request parses or is refused with its
 * reason, who may send what, the reply buffer and its framing, and the
 * server's connections over socketpairs and a real abstract socket
 * (complete, garbage, oversized, slow and non-reading clients, a full
 * pool), with a test handler. Time is given, never waited for. */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "ctl/ctl.h"
#include "ctl/ctlsrv.h"
#include "t.h"

static int parse(const char *line, struct ctl_req *r)
{
	return ctl_parse(line, strlen(line), r);
}

static void test_parse_verbs(void)
{
	static const struct {
		const char *line;
		enum ctl_verb verb;
		const char *name;
		int group, all, json;
	} cases[] = {
		{ "show paths", CTL_SHOW_PATHS, "", 0, 0, 0 },
		{ "show paths --json\n", CTL_SHOW_PATHS, "", 0, 0, 1 },
		{ "show maps\r\n", CTL_SHOW_MAPS, "", 0, 0, 0 },
		{ "  show\tmaps  --json ", CTL_SHOW_MAPS, "", 0, 0, 1 },
		{ "show map mpatha", CTL_SHOW_MAP, "mpatha", 0, 0, 0 },
		{ "show --json map 3600a0b8", CTL_SHOW_MAP, "3600a0b8", 0, 0,
		  1 },
		{ "show config", CTL_SHOW_CONFIG, "", 0, 0, 0 },
		{ "fail path sdb", CTL_FAIL_PATH, "sdb", 0, 0, 0 },
		{ "reinstate path sdzzzzzzzz", CTL_REINSTATE_PATH,
		  "sdzzzzzzzz", 0, 0, 0 },
		{ "switchgroup map mpatha 2", CTL_SWITCHGROUP, "mpatha", 2, 0,
		  0 },
		{ "switchgroup map root-lun_1.x 9999", CTL_SWITCHGROUP,
		  "root-lun_1.x", 9999, 0, 0 },
		{ "disablequeueing map mpathb", CTL_DISABLEQUEUEING, "mpathb",
		  0, 0, 0 },
		{ "disablequeueing map all", CTL_DISABLEQUEUEING, "", 0, 1, 0 },
		{ "restorequeueing map all\n", CTL_RESTOREQUEUEING, "", 0, 1,
		  0 },
		{ "restorequeueing map x", CTL_RESTOREQUEUEING, "x", 0, 0, 0 },
		{ "reconfigure", CTL_RECONFIGURE, "", 0, 0, 0 },
		{ "shutdown\n", CTL_SHUTDOWN, "", 0, 0, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ctl_req r;

		if (parse(cases[i].line, &r)) {
			printf("  '%s' refused: %s\n", cases[i].line, r.error);
			T_CHECK(0);
			continue;
		}
		T_INTEQ(r.verb, cases[i].verb);
		T_STREQ(r.name, cases[i].name);
		T_INTEQ(r.group, cases[i].group);
		T_INTEQ(r.all, cases[i].all);
		T_INTEQ(r.json, cases[i].json);
		T_STREQ(r.error, "");
	}
}

static void test_parse_refused(void)
{
	static const struct {
		const char *line, *error;
	} cases[] = {
		{ "", "empty request (expected: show, fail, reinstate, "
		  "switchgroup, disablequeueing, restorequeueing, reconfigure, "
		  "shutdown)" },
		{ " \t\n", "empty request (expected: show, fail, reinstate, "
		  "switchgroup, disablequeueing, restorequeueing, reconfigure, "
		  "shutdown)" },
		{ "frobnicate", "unknown command 'frobnicate' (expected: show, "
		  "fail, reinstate, switchgroup, disablequeueing, "
		  "restorequeueing, reconfigure, shutdown)" },
		{ "SHOW paths", "unknown command 'SHOW' (expected: show, fail, "
		  "reinstate, switchgroup, disablequeueing, restorequeueing, "
		  "reconfigure, shutdown)" },
		{ "show", "show what? (expected: paths, maps, map, config)" },
		{ "show --json", "show what? (expected: paths, maps, map, "
		  "config)" },
		{ "show path", "unknown object 'path' for show (expected: "
		  "paths, maps, map, config)" },
		{ "fail map mpatha", "unknown object 'map' for fail (expected: "
		  "path)" },
		{ "show paths now", "unexpected 'now' after show paths" },
		{ "reconfigure all", "unexpected 'all' after reconfigure" },
		{ "show map", "show map needs a map name" },
		{ "show map a b", "unexpected 'b' after show map" },
		{ "show map a/b", "bad map name 'a/b': holds a '/'" },
		{ "show map ..", "bad map name '..': not a device-mapper name" },
		{ "show map caf\xc3\xa9", "bad map name 'caf\xc3\xa9': holds a "
		  "byte that is not printable ASCII" },
		{ "fail path", "fail path needs an sd device (sdX)" },
		{ "fail path sda1", "bad path device 'sda1': expected sd and "
		  "lowercase letters (sdb, sdaa)" },
		{ "fail path sd", "bad path device 'sd': expected sd and "
		  "lowercase letters (sdb, sdaa)" },
		{ "reinstate path dm-0", "bad path device 'dm-0': expected sd "
		  "and lowercase letters (sdb, sdaa)" },
		{ "reinstate path sdSB", "bad path device 'sdSB': expected sd "
		  "and lowercase letters (sdb, sdaa)" },
		{ "fail path sdzzzzzzzzz", "bad path device 'sdzzzzzzzzz': "
		  "expected sd and lowercase letters (sdb, sdaa)" },
		{ "switchgroup map mpatha", "switchgroup map mpatha needs a "
		  "group number" },
		{ "switchgroup map mpatha 0", "bad group number '0': expected "
		  "1-9999" },
		{ "switchgroup map mpatha 10000", "bad group number '10000': "
		  "expected 1-9999" },
		{ "switchgroup map mpatha +1", "bad group number '+1': expected "
		  "1-9999" },
		{ "switchgroup map mpatha 1x", "bad group number '1x': expected "
		  "1-9999" },
		{ "switchgroup map mpatha 99999999999999999999", "bad group "
		  "number '99999999999999999999': expected 1-9999" },
		{ "disablequeueing map", "disablequeueing map needs a map name "
		  "or all" },
		{ "restorequeueing", "restorequeueing what? (expected: map)" },
		{ "fail path sdb --json", "--json is only for show paths, maps "
		  "and map, not fail path" },
		{ "show config --json", "--json is only for show paths, maps "
		  "and map, not show config" },
		{ "show paths --verbose", "unknown option '--verbose'" },
		{ "show paths\x01", "request holds control byte 0x01 at column "
		  "11" },
		{ "show\npaths", "request holds control byte 0x0a at column 5" },
		{ "show paths \x7f", "request holds control byte 0x7f at column "
		  "12" },
		{ "a b c d e f g", "too many words in the request" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ctl_req r;

		T_INTEQ(parse(cases[i].line, &r), -EINVAL);
		T_STREQ(r.error, cases[i].error);
	}
}

/* A NUL inside the line, a name as long as device-mapper allows and one
 * byte longer, a request at the limit and past it. */
static void test_parse_limits(void)
{
	char line[CTL_REQ_MAX + 2], name[CTL_NAME_MAX + 1];
	struct ctl_req r;

	T_INTEQ(ctl_parse("show\0paths", 10, &r), -EINVAL);
	T_STREQ(r.error, "request holds control byte 0x00 at column 5");

	memset(name, 'm', sizeof(name));
	name[CTL_NAME_MAX - 1] = '\0';
	snprintf(line, sizeof(line), "show map %s", name);
	T_INTEQ(parse(line, &r), 0);
	T_INTEQ(strlen(r.name), CTL_NAME_MAX - 1);
	name[CTL_NAME_MAX - 1] = 'm';
	name[CTL_NAME_MAX] = '\0';
	snprintf(line, sizeof(line), "show map %s", name);
	T_INTEQ(parse(line, &r), -EINVAL);
	T_STREQ(r.error, "bad map name 'mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm"
		"...': longer than 127 bytes");

	memset(line, ' ', sizeof(line));
	memcpy(line, "shutdown", 8);
	line[CTL_REQ_MAX - 1] = '\n';
	T_INTEQ(ctl_parse(line, CTL_REQ_MAX, &r), 0);
	T_INTEQ(r.verb, CTL_SHUTDOWN);
	T_INTEQ(ctl_parse(line, CTL_REQ_MAX + 1, &r), -E2BIG);
	T_STREQ(r.error, "request longer than 4096 bytes");
}

static void test_allowed(void)
{
	static const char *const reads[] = {
		"show paths", "show maps --json", "show map x", "show config",
	};
	static const struct {
		const char *line, *error;
	} writes[] = {
		{ "fail path sdb", "permission denied: fail path needs root" },
		{ "reinstate path sdb", "permission denied: reinstate path "
		  "needs root" },
		{ "switchgroup map x 1", "permission denied: switchgroup map "
		  "needs root" },
		{ "disablequeueing map all", "permission denied: "
		  "disablequeueing map needs root" },
		{ "restorequeueing map x", "permission denied: restorequeueing "
		  "map needs root" },
		{ "reconfigure", "permission denied: reconfigure needs root" },
		{ "shutdown", "permission denied: shutdown needs root" },
	};
	char err[CTL_ERR_MAX];
	struct ctl_req r;
	size_t i;

	for (i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
		T_INTEQ(parse(reads[i], &r), 0);
		T_INTEQ(ctl_req_mutates(&r), 0);
		T_INTEQ(ctl_allowed(&r, 0, err), 0);
		T_INTEQ(ctl_allowed(&r, 1000, err), 0);
		T_INTEQ(ctl_allowed(&r, (uid_t)-1, err), 0);
	}
	for (i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
		T_INTEQ(parse(writes[i].line, &r), 0);
		T_INTEQ(ctl_req_mutates(&r), 1);
		T_INTEQ(ctl_allowed(&r, 0, err), 0);
		err[0] = '\0';
		T_INTEQ(ctl_allowed(&r, 1, err), -EPERM);
		T_STREQ(err, writes[i].error);
		T_INTEQ(ctl_allowed(&r, (uid_t)-1, err), -EPERM);
	}
}

static void test_out(void)
{
	struct ctl_out o;
	FILE *f;

	ctl_out_init(&o);
	ctl_out_printf(&o, "a %d ", 1);
	f = ctl_out_file(&o);
	T_CHECK(f != NULL);
	fprintf(f, "b %s", "two");
	ctl_out_write(&o, " c\0d", 4);
	T_INTEQ(ctl_out_frame(&o, 0), 0);
	T_INTEQ(o.len, 17);
	T_CHECK(!memcmp(o.buf, "a 1 b two c?d\n\0" "0\n", 17));
	ctl_out_free(&o);

	/* Empty body, no newline added; code out of range is 1. */
	ctl_out_init(&o);
	T_INTEQ(ctl_out_frame(&o, 300), 0);
	T_INTEQ(o.len, 3);
	T_CHECK(!memcmp(o.buf, "\0" "1\n", 3));
	ctl_out_free(&o);

	/* Past the limit: the body becomes an error, the code 1. */
	ctl_out_init(&o);
	f = ctl_out_file(&o);
	while (!o.overflow && o.len <= CTL_REPLY_MAX)
		fprintf(f, "%0100d\n", 0);
	T_INTEQ(o.overflow, 1);
	ctl_out_printf(&o, "more");
	T_INTEQ(ctl_out_frame(&o, 0), 0);
	T_STREQ(o.buf, "error: the reply is longer than 8388608 bytes or out "
		"of memory\n");
	T_STREQ(o.buf + strlen(o.buf) + 1, "1\n");
	ctl_out_free(&o);

	/* A body exactly at the limit still gets its newline and marker. */
	ctl_out_init(&o);
	while (o.len + 4096 <= CTL_REPLY_MAX) {
		char chunk[4096];

		memset(chunk, 'x', sizeof(chunk));
		ctl_out_write(&o, chunk, sizeof(chunk));
	}
	T_INTEQ(o.len, CTL_REPLY_MAX);
	T_INTEQ(o.overflow, 0);
	T_INTEQ(ctl_out_frame(&o, 2), 0);
	T_INTEQ(o.len, CTL_REPLY_MAX + 4);
	T_CHECK(!memcmp(o.buf + CTL_REPLY_MAX, "\n\0" "2\n", 4));
	ctl_out_free(&o);
}

static void test_reply_code(void)
{
	T_INTEQ(ctl_reply_code("0\n", 2), 0);
	T_INTEQ(ctl_reply_code("2\n", 2), 2);
	T_INTEQ(ctl_reply_code("255\n", 4), 255);
	T_INTEQ(ctl_reply_code("256\n", 4), -EPROTO);
	T_INTEQ(ctl_reply_code("01\n", 3), -EPROTO);
	T_INTEQ(ctl_reply_code("1", 1), -EPROTO);
	T_INTEQ(ctl_reply_code("\n", 1), -EPROTO);
	T_INTEQ(ctl_reply_code("1\nx", 3), -EPROTO);
	T_INTEQ(ctl_reply_code("-1\n", 3), -EPROTO);
	T_INTEQ(ctl_reply_code("", 0), -EPROTO);
}

/* The test handler: says what it got; "show paths" writes 1024 lines of
 * a path listing's size, "show maps" more than a socket buffer holds,
 * "fail path sdz" fails with -EIO. */
struct calls {
	int n;
	struct ctl_req last;
};

static int handler(void *ctx, const struct ctl_req *r, struct ctl_out *out)
{
	struct calls *calls = ctx;
	int i;

	calls->n++;
	calls->last = *r;
	if (r->verb == CTL_FAIL_PATH && !strcmp(r->name, "sdz"))
		return -EIO;
	if (r->verb == CTL_SHOW_PATHS) {
		for (i = 0; i < 1024; i++)
			ctl_out_printf(out, "sd%-6d %5d:0:0:%-5d mpath%-8d A "
				       "up       tur          %4ds %8d\n",
				       i, i, i, i, 5, 0);
		return 0;
	}
	if (r->verb == CTL_SHOW_MAPS) {
		for (i = 0; i < 4096; i++)
			ctl_out_printf(out, "%0255d\n", i);
		return 0;
	}
	ctl_out_printf(out, "%s %s%s", ctl_verb_name(r->verb), r->name,
		       r->json ? " json" : "");
	return r->verb == CTL_SHOW_MAP ? 1 : 0;
}

/* One round of the loop without waiting: poll with timeout 0. */
static void pump(struct ctlsrv *s, long long now)
{
	struct pollfd pfd[CTLSRV_NFDS];

	ctlsrv_pollfds(s, pfd);
	T_CHECK(poll(pfd, CTLSRV_NFDS, 0) >= 0);
	ctlsrv_ready(s, pfd, now);
}

static int conns(const struct ctlsrv *s)
{
	int i, n = 0;

	for (i = 0; i < CTLSRV_CONNS; i++)
		n += s->conn[i].fd >= 0;
	return n;
}

/* A client end joined to the server as a peer with uid; returns it. */
static int client(struct ctlsrv *s, uid_t uid, long long now)
{
	int sv[2];

	T_INTEQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	T_INTEQ(ctlsrv_add(s, sv[1], uid, now), 0);
	return sv[0];
}

/* All the client can read now (nonblocking), up to size - 1 bytes;
 * *eof says whether the server closed. */
static size_t drain(int fd, char *buf, size_t size, int *eof)
{
	size_t len = 0;
	ssize_t n;

	*eof = 0;
	while (len + 1 < size &&
	       (n = recv(fd, buf + len, size - 1 - len, MSG_DONTWAIT)) > 0)
		len += (size_t)n;
	if (len + 1 < size && recv(fd, buf + len, 1, MSG_DONTWAIT) == 0)
		*eof = 1;
	buf[len] = '\0';
	return len;
}

/* Send line[0..n) as a client with uid; the whole reply, body and
 * code. */
static int ask_n(struct ctlsrv *s, uid_t uid, const char *line, size_t n,
		 char *body, size_t size)
{
	int fd = client(s, uid, 0), eof, code = -1;
	size_t len, blen;

	T_INTEQ(write(fd, line, n), (ssize_t)n);
	pump(s, 1);
	len = drain(fd, body, size, &eof);
	T_INTEQ(eof, 1);
	blen = strlen(body);
	if (blen < len)
		code = ctl_reply_code(body + blen + 1, len - blen - 1);
	close(fd);
	T_INTEQ(conns(s), 0);
	return code;
}

static int ask(struct ctlsrv *s, uid_t uid, const char *line, char *body,
	       size_t size)
{
	return ask_n(s, uid, line, strlen(line), body, size);
}

static void test_server_requests(void)
{
	struct calls calls = { 0 };
	struct ctlsrv s;
	char body[256 * 1024];

	T_INTEQ(ctlsrv_open(&s, "mpboot-test-requests", handler, &calls), 0);
	T_INTEQ(ctlsrv_deadline(&s), -1);

	T_INTEQ(ask(&s, 0, "show map mpatha --json\n", body, sizeof(body)),
		1);
	T_STREQ(body, "show map mpatha json\n");
	T_INTEQ(calls.n, 1);

	T_INTEQ(ask(&s, 0, "fail path sdb\n", body, sizeof(body)), 0);
	T_STREQ(body, "fail path sdb\n");
	T_INTEQ(calls.last.verb, CTL_FAIL_PATH);

	T_INTEQ(ask(&s, 0, "fail path sdz\n", body, sizeof(body)), 1);
	T_STREQ(body, "fail path failed: Input/output error\n");

	/* Not root: a show is answered, a change refused unseen. */
	calls.n = 0;
	T_INTEQ(ask(&s, 1000, "show map x\n", body, sizeof(body)), 1);
	T_STREQ(body, "show map x\n");
	T_INTEQ(ask(&s, 1000, "reinstate path sdc\n", body, sizeof(body)),
		1);
	T_STREQ(body, "permission denied: reinstate path needs root\n");
	T_INTEQ(ask(&s, (uid_t)-1, "shutdown\n", body, sizeof(body)), 1);
	T_STREQ(body, "permission denied: shutdown needs root\n");
	T_INTEQ(calls.n, 1);

	/* Garbage is a bad request; the handler never sees it. */
	T_INTEQ(ask(&s, 0, "\xff\xfe garbage\n", body, sizeof(body)), 2);
	T_STREQ(body, "unknown command '\xff\xfe' (expected: show, fail, "
		"reinstate, switchgroup, disablequeueing, restorequeueing, "
		"reconfigure, shutdown)\n");
	T_INTEQ(ask_n(&s, 0, "show\0maps\n", 10, body, sizeof(body)), 2);
	T_STREQ(body, "request holds control byte 0x00 at column 5\n");
	T_INTEQ(calls.n, 1);

	/* 1024 paths fit. */
	T_INTEQ(ask(&s, 1000, "show paths\n", body, sizeof(body)), 0);
	T_INTEQ(strlen(body), 1024 * 78);
	ctlsrv_close(&s);
}

static void test_server_streams(void)
{
	struct calls calls = { 0 };
	struct ctlsrv s;
	char buf[CTL_REQ_MAX + 64];
	int fd, silent, eof, code;
	size_t len;

	T_INTEQ(ctlsrv_open(&s, "mpboot-test-streams", handler, &calls), 0);

	/* A request in pieces, ended by a half-close without a newline. */
	fd = client(&s, 0, 0);
	T_INTEQ(write(fd, "switchgroup map m", 17), 17);
	pump(&s, 1);
	T_INTEQ(calls.n, 0);
	T_INTEQ(write(fd, "x 2", 3), 3);
	pump(&s, 2);
	T_INTEQ(calls.n, 0);
	T_INTEQ(shutdown(fd, SHUT_WR), 0);
	pump(&s, 3);
	T_INTEQ(calls.n, 1);
	T_STREQ(calls.last.name, "mx");
	T_INTEQ(calls.last.group, 2);
	len = drain(fd, buf, sizeof(buf), &eof);
	T_INTEQ(len, 22);
	T_STREQ(buf, "switchgroup map mx\n");
	T_INTEQ(eof, 1);
	close(fd);

	/* A full buffer without a newline: too long, answered at once. */
	fd = client(&s, 0, 0);
	memset(buf, 'a', CTL_REQ_MAX);
	T_INTEQ(write(fd, buf, CTL_REQ_MAX), CTL_REQ_MAX);
	pump(&s, 1);
	len = drain(fd, buf, sizeof(buf), &eof);
	T_STREQ(buf, "request longer than 4096 bytes\n");
	code = ctl_reply_code(buf + strlen(buf) + 1,
			      len - strlen(buf) - 1);
	T_INTEQ(code, 2);
	T_INTEQ(eof, 1);
	T_INTEQ(calls.n, 1);
	close(fd);

	/* A client that never ends its line, one that connects and says
	 * nothing: each dropped at its deadline, not before. */
	fd = client(&s, 0, 100);
	T_INTEQ(write(fd, "show pa", 7), 7);
	silent = client(&s, 0, 200);
	T_INTEQ(conns(&s), 2);
	T_INTEQ(ctlsrv_deadline(&s), 100 + CTLSRV_TIMEOUT_MS);
	pump(&s, 100 + CTLSRV_TIMEOUT_MS - 1);
	T_INTEQ(conns(&s), 2);
	pump(&s, 100 + CTLSRV_TIMEOUT_MS);
	T_INTEQ(conns(&s), 1);
	T_INTEQ(ctlsrv_deadline(&s), 200 + CTLSRV_TIMEOUT_MS);
	len = drain(fd, buf, sizeof(buf), &eof);
	T_INTEQ(len, 0);
	T_INTEQ(eof, 1);
	pump(&s, 200 + CTLSRV_TIMEOUT_MS);
	T_INTEQ(conns(&s), 0);
	T_INTEQ(ctlsrv_deadline(&s), -1);
	drain(silent, buf, sizeof(buf), &eof);
	T_INTEQ(eof, 1);
	T_INTEQ(calls.n, 1);
	close(fd);
	close(silent);

	/* A client that never reads a reply larger than the socket takes:
	 * the server waits for POLLOUT, then drops it at the deadline. */
	fd = client(&s, 0, 0);
	T_INTEQ(write(fd, "show maps\n", 10), 10);
	pump(&s, 10);
	T_INTEQ(calls.n, 2);
	T_INTEQ(conns(&s), 1);
	T_INTEQ(s.conn[0].sent < s.conn[0].out.len, 1);
	T_INTEQ(ctlsrv_deadline(&s), 10 + CTLSRV_TIMEOUT_MS);
	pump(&s, 11);
	T_INTEQ(conns(&s), 1);
	pump(&s, 10 + CTLSRV_TIMEOUT_MS);
	T_INTEQ(conns(&s), 0);
	close(fd);
	ctlsrv_close(&s);
}

/* Eight clients fill the pool; the ninth is told the daemon is busy. */
static void test_server_busy(void)
{
	struct calls calls = { 0 };
	struct ctlsrv s;
	int fds[CTLSRV_CONNS], sv[2], i, eof;
	char buf[128];
	size_t len;

	T_INTEQ(ctlsrv_open(&s, "mpboot-test-busy", handler, &calls), 0);
	for (i = 0; i < CTLSRV_CONNS; i++)
		fds[i] = client(&s, 0, 0);
	T_INTEQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	T_INTEQ(ctlsrv_add(&s, sv[1], 0, 0), -EBUSY);
	len = drain(sv[0], buf, sizeof(buf), &eof);
	T_STREQ(buf, "busy: 8 clients are connected, try again\n");
	T_INTEQ(ctl_reply_code(buf + strlen(buf) + 1, len - strlen(buf) - 1),
		1);
	T_INTEQ(eof, 1);
	close(sv[0]);
	T_INTEQ(conns(&s), CTLSRV_CONNS);
	ctlsrv_close(&s);
	T_INTEQ(conns(&s), 0);
	for (i = 0; i < CTLSRV_CONNS; i++)
		close(fds[i]);
	T_INTEQ(calls.n, 0);
}

/* The real socket: an abstract name, taken once; the peer's uid comes
 * from SO_PEERCRED (this process's). */
static void test_server_socket(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *name = "mpboot-test-socket";
	struct calls calls = { 0 };
	struct ctlsrv s, other;
	char buf[256];
	int fd, eof, i;

	T_INTEQ(ctlsrv_open(&s, name, handler, &calls), 0);
	T_INTEQ(ctlsrv_open(&other, name, handler, &calls), -EADDRINUSE);
	T_INTEQ(ctlsrv_open(&other, "", handler, &calls), -EINVAL);
	memcpy(sa.sun_path + 1, name, strlen(name));
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	T_INTEQ(connect(fd, (struct sockaddr *)&sa,
			offsetof(struct sockaddr_un, sun_path) + 1 +
			strlen(name)), 0);
	T_INTEQ(write(fd, "reconfigure\n", 12), 12);
	pump(&s, 0);	/* accepts */
	T_INTEQ(conns(&s), 1);
	for (i = 0; i < CTLSRV_CONNS; i++)
		if (s.conn[i].fd >= 0)
			T_INTEQ(s.conn[i].uid, getuid());
	pump(&s, 1);	/* reads, answers */
	drain(fd, buf, sizeof(buf), &eof);
	T_INTEQ(eof, 1);
	if (getuid() == 0)
		T_STREQ(buf, "reconfigure \n");
	else
		T_STREQ(buf, "permission denied: reconfigure needs root\n");
	close(fd);
	ctlsrv_close(&s);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	T_INTEQ(connect(fd, (struct sockaddr *)&sa,
			offsetof(struct sockaddr_un, sun_path) + 1 +
			strlen(name)), -1);
	T_INTEQ(errno, ECONNREFUSED);
	close(fd);
}

int main(void)
{
	T_RUN(test_parse_verbs);
	T_RUN(test_parse_refused);
	T_RUN(test_parse_limits);
	T_RUN(test_allowed);
	T_RUN(test_out);
	T_RUN(test_reply_code);
	T_RUN(test_server_requests);
	T_RUN(test_server_streams);
	T_RUN(test_server_busy);
	T_RUN(test_server_socket);
	return t_done();
}
