/* mpboot check [DEV...]: run each path's configured checker once, all at
 * the same time, each with its checker_timeout as deadline, the way the
 * daemon's loop runs them: one thread, poll() over the checks' fds. Prints
 * `sdX H:C:T:L checker state (ms)` per path, in scan order. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checker/checker.h"
#include "cmd/env.h"
#include "log.h"

struct job {
	const struct path *p;
	struct chk c;
	char checker[16];	/* its path_checker */
	int kind;		/* enum chk_kind, or -ENOTSUP */
	int inflight;
	const char *state;	/* result, or "unchecked" */
	long long start_ms, ms;
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void finish(struct job *j, enum ps_state s, long long now)
{
	j->state = chk_state_name(s);
	j->ms = now - j->start_ms;
	j->inflight = 0;
}

/* Set up and submit j's check; j->inflight says whether it is running. */
static void start(struct mpb_env *e, struct job *j, struct chk_aio *aio)
{
	const struct path *p = j->p;
	struct mp_attrs a;
	enum ps_state s;
	unsigned timeout;
	int rc;

	config_resolve(&e->cfg, p, &a);
	snprintf(j->checker, sizeof(j->checker), "%s", a.checker);
	j->kind = chk_kind_parse(a.checker);
	j->start_ms = now_ms();
	j->state = "unchecked";
	/* The device's own state first: offline, blocked or gone decide
	 * without sending anything (multipathd's path_sysfs_state). */
	s = chk_sdev_state(e->sysfd, p->dev, NULL);
	if (s != PS_UP) {
		finish(j, s, now_ms());
		return;
	}
	if (j->kind < 0) {
		log_warn("%s: checker %s is not supported; not checked",
			 p->dev, a.checker);
		return;
	}
	timeout = chk_timeout_s(e->sysfd, p->dev, e->cfg.checker_timeout);
	rc = chk_open(&j->c, j->kind, e->sysfd, e->devfd, p->dev,
		      timeout * 1000, aio);
	if (rc) {
		log_warn("%s: cannot set up the %s checker: %s%s", p->dev,
			 a.checker, strerror(-rc),
			 rc == -ENODEV ? " (no sg node: is the sg module loaded?)" :
			 "");
		return;
	}
	rc = chk_start(&j->c, j->start_ms, &s);
	if (rc == 1) {
		finish(j, s, now_ms());
	} else if (rc < 0) {
		log_info("%s: %s: cannot send the check: %s", p->dev,
			 a.checker, strerror(-rc));
		finish(j, PS_DOWN, now_ms());
	} else {
		j->inflight = 1;
	}
}

static void collect(struct job *j, long long now)
{
	enum ps_state s;
	int rc;

	if (!j->inflight)
		return;
	rc = chk_complete(&j->c, &s);
	if (rc == 1) {
		finish(j, s, now);
	} else if (rc == -ENOTSUP) {
		/* the device does not know the checker's command */
		finish(j, PS_DOWN, now);
		j->state = "wild";
	}
}

/* Poll until every check has answered or passed its deadline. */
static int run(struct job *jobs, size_t n, struct chk_aio *aio)
{
	struct pollfd *pfd = calloc(n + 1, sizeof(*pfd));
	size_t *who = calloc(n + 1, sizeof(*who));
	size_t i, np;
	int rc = 0;

	if (!pfd || !who) {
		rc = -ENOMEM;
		goto out;
	}
	for (;;) {
		long long now = now_ms(), next = -1;
		int direct = 0, wait;

		np = 0;
		for (i = 0; i < n; i++) {
			struct job *j = &jobs[i];

			if (!j->inflight)
				continue;
			if (now >= j->c.deadline_ms) {
				chk_abandon(&j->c);
				finish(j, PS_TIMEOUT, now);
				continue;
			}
			if (next < 0 || j->c.deadline_ms < next)
				next = j->c.deadline_ms;
			if (j->kind == CHK_DIRECTIO) {
				direct = 1;
				continue;
			}
			pfd[np].fd = chk_fd(&j->c);
			pfd[np].events = POLLIN;
			who[np++] = i;
		}
		if (direct) {
			pfd[np].fd = aio->efd;
			pfd[np].events = POLLIN;
			who[np++] = n;
		}
		if (!np)
			break;
		wait = (int)(next - now);
		if (poll(pfd, np, wait) < 0 && errno != EINTR) {
			rc = -errno;
			goto out;
		}
		now = now_ms();
		for (i = 0; i < np; i++) {
			if (!pfd[i].revents)
				continue;
			if (who[i] < n) {
				collect(&jobs[who[i]], now);
				continue;
			}
			if (chk_aio_reap(aio) < 0)
				continue;
			for (size_t k = 0; k < n; k++)
				if (jobs[k].kind == CHK_DIRECTIO)
					collect(&jobs[k], now);
		}
	}
out:
	free(pfd);
	free(who);
	return rc;
}

static const struct path *find(const struct path_list *l, const char *name)
{
	size_t i;

	if (!strncmp(name, "/dev/", 5))
		name += 5;
	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].dev, name))
			return &l->v[i];
	return NULL;
}

int cmd_check(const struct mpb_opts *o, int argc, char **argv)
{
	struct mpb_env e;
	struct chk_aio aio = { .efd = -1 };
	struct job *jobs = NULL;
	size_t n = 0, i, ndirect = 0;
	int rc, a;

	for (a = 1; a < argc; a++)
		if (argv[a][0] == '-') {
			fprintf(stderr, "mpboot: check: unknown option '%s'\n"
				"usage: mpboot check [DEV...]\n", argv[a]);
			return 2;
		}
	rc = env_open(o, &e);
	if (rc)
		goto out;
	rc = 1;
	jobs = calloc(e.paths.n + (size_t)argc, sizeof(*jobs));
	if (!jobs) {
		log_err("out of memory");
		goto out;
	}
	if (argc > 1) {
		for (a = 1; a < argc; a++) {
			jobs[n].p = find(&e.paths, argv[a]);
			if (!jobs[n].p) {
				log_err("%s: not a SCSI path with a WWID (see 'mpboot paths')",
					argv[a]);
				goto out;
			}
			n++;
		}
	} else {
		for (i = 0; i < e.paths.n; i++)
			jobs[n++].p = &e.paths.v[i];
	}
	for (i = 0; i < n; i++) {
		struct mp_attrs at;

		jobs[i].c.fd = jobs[i].c.state_fd = -1;
		config_resolve(&e.cfg, jobs[i].p, &at);
		ndirect += chk_kind_parse(at.checker) == CHK_DIRECTIO;
	}
	if (ndirect) {
		rc = chk_aio_open(&aio, (unsigned)ndirect);
		if (rc) {
			log_err("cannot set up kernel AIO for directio: %s",
				strerror(-rc));
			rc = 1;
			goto out;
		}
	}
	for (i = 0; i < n; i++)
		start(&e, &jobs[i], &aio);
	rc = run(jobs, n, &aio);
	if (rc) {
		log_err("waiting for the checks: %s", strerror(-rc));
		rc = 1;
		goto out;
	}
	for (i = 0; i < n; i++) {
		const struct path *p = jobs[i].p;

		printf("%s %d:%d:%d:%llu %s %s (%lld ms)\n", p->dev, p->host,
		       p->channel, p->target, p->lun,
		       jobs[i].checker,
		       jobs[i].state, jobs[i].ms);
	}
	fflush(stdout);
	rc = 0;
out:
	if (jobs)
		for (i = 0; i < n; i++)
			chk_close(&jobs[i].c);
	/* io_destroy would wait for reads still in flight; exit does too,
	 * but only after the results are out. */
	if (!aio.used)
		chk_aio_close(&aio);
	free(jobs);
	env_close(&e);
	return rc;
}
