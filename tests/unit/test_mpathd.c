/* The multipathd client: framing, the reply reader, an exchange with a
 * fake multipathd on a socket of the test's own, and the parsers on reply
 * texts laid out as multipathd 0.9.4's print.c and uxlsnr.c write them. */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "ctl/mpathd.h"

static void test_frame(void)
{
	unsigned char buf[sizeof(size_t) + MPD_CMD_MAX + 8];
	char big[MPD_CMD_MAX + 2];
	size_t len;

	T_INTEQ(mpd_frame("show daemon", buf, sizeof(buf)),
		sizeof(size_t) + 12);
	memcpy(&len, buf, sizeof(len));
	T_INTEQ(len, 12);	/* the NUL is counted and sent */
	T_CHECK(!memcmp(buf + sizeof(size_t), "show daemon", 12));
	T_INTEQ(mpd_frame("", buf, sizeof(buf)), -EINVAL);
	memset(big, 'x', sizeof(big));
	big[MPD_CMD_MAX - 1] = '\0';	/* 511 + NUL: the largest */
	T_INTEQ(mpd_frame(big, buf, sizeof(buf)), sizeof(size_t) + MPD_CMD_MAX);
	big[MPD_CMD_MAX - 1] = 'x';
	big[MPD_CMD_MAX] = '\0';
	T_INTEQ(mpd_frame(big, buf, sizeof(buf)), -E2BIG);
	T_INTEQ(mpd_frame("show daemon", buf, sizeof(size_t) + 11), -E2BIG);
}

/* A reply frame: header then text with its NUL, plus extra bytes. */
static size_t reply_frame(unsigned char *buf, const char *text, size_t len,
			  const char *extra)
{
	memcpy(buf, &len, sizeof(len));
	memcpy(buf + sizeof(len), text, strlen(text) + 1);
	strcpy((char *)buf + sizeof(len) + len, extra);
	return sizeof(len) + len + strlen(extra);
}

static void test_reply_bytewise(void)
{
	const char *text = "pid 412 idle\n";
	unsigned char buf[64];
	size_t n = reply_frame(buf, text, strlen(text) + 1, "junk"), i, used;
	struct mpd_reply r = { 0 };
	int ret = 0;

	for (i = 0; i < n && ret == 0; i++) {
		ret = mpd_reply_feed(&r, buf + i, 1, &used);
		T_INTEQ(used, 1);
	}
	T_INTEQ(ret, 1);
	T_INTEQ(i, n - 4);	/* what follows the reply is not taken */
	T_STREQ(r.text, text);
	mpd_reply_free(&r);

	/* all at once, the rest left */
	ret = mpd_reply_feed(&r, buf, n, &used);
	T_INTEQ(ret, 1);
	T_INTEQ(used, n - 4);
	T_STREQ(r.text, text);
	mpd_reply_free(&r);
}

static void test_reply_bad(void)
{
	unsigned char buf[64];
	struct mpd_reply r = { 0 };
	size_t len, used;

	len = 0;
	memcpy(buf, &len, sizeof(len));
	T_INTEQ(mpd_reply_feed(&r, buf, sizeof(len), &used), -EPROTO);
	mpd_reply_free(&r);
	len = MPD_REPLY_MAX;
	memcpy(buf, &len, sizeof(len));
	T_INTEQ(mpd_reply_feed(&r, buf, sizeof(len), &used), -EPROTO);
	mpd_reply_free(&r);
	len = (size_t)-1;
	memcpy(buf, &len, sizeof(len));
	T_INTEQ(mpd_reply_feed(&r, buf, sizeof(len), &used), -EPROTO);
	mpd_reply_free(&r);

	/* no NUL sent where one belongs: the text is still a C string */
	len = 4;
	memcpy(buf, &len, sizeof(len));
	memcpy(buf + sizeof(len), "okay", 4);
	T_INTEQ(mpd_reply_feed(&r, buf, sizeof(len) + 4, &used), 1);
	T_STREQ(r.text, "oka");
	mpd_reply_free(&r);
}

/* A fake multipathd on an abstract socket named after the test. */
enum fake_mode { FAKE_ANSWER, FAKE_SILENT, FAKE_CLOSE };

static char fake_name[64];

static pid_t fake_start(enum fake_mode mode, const char *answer)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	size_t nlen;
	int s, ready[2];
	pid_t pid;
	char c;

	snprintf(fake_name, sizeof(fake_name), "/mpboot-test/mpathd-%d",
		 (int)getpid());
	nlen = strlen(fake_name);
	memcpy(a.sun_path + 1, fake_name, nlen);
	if (pipe(ready))
		return -1;
	pid = fork();
	if (pid)
		goto parent;
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&a,
			  offsetof(struct sockaddr_un, sun_path) + 1 + nlen) ||
	    listen(s, 4))
		_exit(1);
	if (write(ready[1], "r", 1) != 1)
		_exit(1);
	for (;;) {
		unsigned char buf[sizeof(size_t) + MPD_CMD_MAX];
		size_t len;
		int c = accept(s, NULL, NULL);

		if (c < 0)
			_exit(1);
		if (recv(c, &len, sizeof(len), MSG_WAITALL) != sizeof(len) ||
		    len > MPD_CMD_MAX ||
		    recv(c, buf, len, MSG_WAITALL) != (ssize_t)len ||
		    buf[len - 1] != '\0')
			_exit(2);
		if (mode == FAKE_SILENT) {
			pause();
		} else if (mode == FAKE_ANSWER) {
			len = strlen(answer) + 1;
			if (write(c, &len, sizeof(len)) != sizeof(len) ||
			    write(c, answer, len) != (ssize_t)len)
				_exit(3);
		}
		close(c);
	}
parent:
	close(ready[1]);
	if (pid < 0 || read(ready[0], &c, 1) != 1) {
		close(ready[0]);
		return -1;
	}
	close(ready[0]);
	return pid;
}

static void fake_stop(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void test_exchange(void)
{
	char *reply = NULL;
	pid_t pid;

	pid = fake_start(FAKE_ANSWER, "pid 77 idle\n");
	T_CHECK(pid > 0);
	T_INTEQ(mpd_exchange(fake_name, MPD_CMD_DAEMON, 5000, &reply), 0);
	T_STREQ(reply, "pid 77 idle\n");
	free(reply);
	/* a second connection to the same daemon */
	T_INTEQ(mpd_exchange(fake_name, MPD_CMD_MAPS, 5000, &reply), 0);
	T_STREQ(reply, "pid 77 idle\n");
	free(reply);
	fake_stop(pid);

	/* nothing listens any more */
	T_INTEQ(mpd_exchange(fake_name, MPD_CMD_DAEMON, 5000, &reply),
		-ECONNREFUSED);
	T_CHECK(reply == NULL);
}

/* A daemon that takes the command and never answers costs the caller its
 * deadline, not more: the call returns. */
static void test_exchange_silent(void)
{
	char *reply = NULL;
	pid_t pid = fake_start(FAKE_SILENT, NULL);

	T_CHECK(pid > 0);
	T_INTEQ(mpd_exchange(fake_name, MPD_CMD_DAEMON, 200, &reply),
		-ETIMEDOUT);
	T_CHECK(reply == NULL);
	fake_stop(pid);

	pid = fake_start(FAKE_CLOSE, NULL);
	T_CHECK(pid > 0);
	T_INTEQ(mpd_exchange(fake_name, MPD_CMD_DAEMON, 5000, &reply), -EPIPE);
	fake_stop(pid);
}

static void test_parse_daemon(void)
{
	char t1[] = "pid 1234 idle\n", t2[] = "pid 1234 running\n",
	     t3[] = "pid 1234 configure\n", t4[] = "fail\n",
	     t5[] = "pid x idle\n", t6[] = "pid 12 idle\nmore\n";
	enum mpd_daemon_state st;
	int pid = 0;

	T_INTEQ(mpd_parse_daemon(t1, &pid, &st), 0);
	T_INTEQ(pid, 1234);
	T_INTEQ(st, MPD_DAEMON_READY);
	T_INTEQ(mpd_parse_daemon(t2, &pid, &st), 0);
	T_INTEQ(st, MPD_DAEMON_READY);
	T_INTEQ(mpd_parse_daemon(t3, &pid, &st), 0);
	T_INTEQ(st, MPD_DAEMON_OTHER);
	T_INTEQ(mpd_parse_daemon(t4, &pid, &st), -EPROTO);
	T_INTEQ(mpd_parse_daemon(t5, &pid, &st), -EPROTO);
	T_INTEQ(mpd_parse_daemon(t6, &pid, &st), -EPROTO);
}

static void test_parse_maps(void)
{
	/* show maps raw format "%w %n": one line per map, no header */
	char text[] = "360014050000000000000000000000001 mpatha\n"
		      "360014050000000000000000000000002 my root\n",
	     none[] = "ok\n", fail[] = "fail\n", timeout[] = "timeout\n",
	     junk[] = "360014050000000000000000000000001\n";
	struct mpd_map *m = NULL;
	size_t n = 9;

	T_INTEQ(mpd_parse_maps(text, &m, &n), 0);
	T_INTEQ(n, 2);
	T_STREQ(m[0].wwid, "360014050000000000000000000000001");
	T_STREQ(m[0].name, "mpatha");
	T_STREQ(m[1].name, "my root");	/* the rest of the line */
	free(m);
	T_INTEQ(mpd_parse_maps(none, &m, &n), 0);
	T_INTEQ(n, 0);
	T_CHECK(m == NULL);
	T_INTEQ(mpd_parse_maps(fail, &m, &n), -EPROTO);
	T_INTEQ(mpd_parse_maps(timeout, &m, &n), -EPROTO);
	T_INTEQ(mpd_parse_maps(junk, &m, &n), -EPROTO);
	T_CHECK(m == NULL);
	T_INTEQ(n, 0);
}

static void test_parse_paths(void)
{
	/* show paths raw format "%d %w %t %T": a map's paths, an orphan
	 * without WWID (undef, undef), a path being checked */
	char text[] = "sda 360014050000000000000000000000001 active ready\n"
		      "sdb 360014050000000000000000000000001 failed faulty\n"
		      "sdc  undef undef\n"
		      "sdd 360014050000000000000000000000002 active i/o pending\n"
		      "sde 360014050000000000000000000000002 active i/o timeout\n"
		      "sdf 360014050000000000000000000000002 failed delayed\n"
		      "sdg 360014050000000000000000000000002 active ghost\n"
		      "sdh 360014050000000000000000000000002 active shaky\n"
		      "sdi 360014050000000000000000000000002 active marginal\n",
	     bad_dm[] = "sda 3600 maybe ready\n", short_line[] = "sda 3600 active\n",
	     help[] = "multipath-tools v0.9.4 (12/19, 2022)\nCLI commands reference:\n";
	struct mpd_path *p = NULL;
	size_t n = 0;

	T_INTEQ(mpd_parse_paths(text, &p, &n), 0);
	T_INTEQ(n, 9);
	if (n == 9) {
		T_STREQ(p[0].dev, "sda");
		T_STREQ(p[0].wwid, "360014050000000000000000000000001");
		T_INTEQ(p[0].dm, MPD_DM_ACTIVE);
		T_INTEQ(p[0].chk, MPD_CHK_READY);
		T_INTEQ(p[1].dm, MPD_DM_FAILED);
		T_INTEQ(p[1].chk, MPD_CHK_FAULTY);
		T_STREQ(p[2].wwid, "");
		T_INTEQ(p[2].dm, MPD_DM_UNDEF);
		T_INTEQ(p[2].chk, MPD_CHK_UNDEF);
		T_INTEQ(p[3].chk, MPD_CHK_PENDING);
		T_INTEQ(p[4].chk, MPD_CHK_TIMEOUT);
		T_INTEQ(p[5].chk, MPD_CHK_DELAYED);
		T_INTEQ(p[6].chk, MPD_CHK_GHOST);
		T_INTEQ(p[7].chk, MPD_CHK_SHAKY);
		T_INTEQ(p[8].chk, MPD_CHK_OTHER);
	}
	free(p);
	T_INTEQ(mpd_parse_paths(bad_dm, &p, &n), -EPROTO);
	T_INTEQ(mpd_parse_paths(short_line, &p, &n), -EPROTO);
	T_INTEQ(mpd_parse_paths(help, &p, &n), -EPROTO);
	T_CHECK(p == NULL);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	T_RUN(test_frame);
	T_RUN(test_reply_bytewise);
	T_RUN(test_reply_bad);
	T_RUN(test_exchange);
	T_RUN(test_exchange_silent);
	T_RUN(test_parse_daemon);
	T_RUN(test_parse_maps);
	T_RUN(test_parse_paths);
	return t_done();
}
