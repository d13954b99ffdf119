/* The job's process: started in its own process group (so a timeout stops
 * everything it started, as the service tears the whole run down), output
 * inherited, polled until it ends. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "local/local.h"
#include "util/diag.h"

#define POLL_NANOSECONDS 20000000L
#define EXIT_TIMED_OUT 124

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void pause_briefly(void)
{
	struct timespec ts = {0, POLL_NANOSECONDS};
	nanosleep(&ts, NULL);
}

/* In the child: only async-signal-safe calls until exec. */
static void start_child(const char **argv, char **envp, const char *cwd, int report_fd)
{
	setpgid(0, 0);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	/* execve does not change its arguments; its prototype predates const */
	union {
		const char **in;
		char **out;
	} args = {.in = argv};
	if (chdir(cwd) == 0)
		execve(argv[0], args.out, envp);
	int e = errno;
	ssize_t ignored = write(report_fd, &e, sizeof(e));
	(void)ignored;
	_exit(127);
}

/* Waits until the child ends; 1 when it ended, 0 when `until` passed first. */
static int wait_until(pid_t pid, int *wstatus, double until, volatile sig_atomic_t *stop)
{
	for (;;) {
		pid_t got = waitpid(pid, wstatus, WNOHANG);
		if (got == pid || (got < 0 && errno != EINTR))
			return 1;
		if ((until > 0 && now_seconds() >= until) || (stop && *stop))
			return 0;
		pause_briefly();
	}
}

static int stop_group(pid_t pid, int *wstatus, int grace_seconds)
{
	kill(-pid, SIGTERM);
	if (wait_until(pid, wstatus, now_seconds() + grace_seconds, NULL))
		return 0;
	kill(-pid, SIGKILL);
	return waitpid(pid, wstatus, 0) == pid ? 0 : -1;
}

/* exec failures come back through a close-on-exec pipe. */
static int spawn(pid_t *pid, const char **argv, char **envp, const char *cwd, struct dsj_error *err)
{
	int fds[2];
	if (pipe(fds) != 0)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "pipe: %s", strerror(errno));
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	*pid = fork();
	if (*pid == 0)
		start_child(argv, envp, cwd, fds[1]);
	close(fds[1]);
	int child_errno = 0;
	ssize_t got = *pid > 0 ? read(fds[0], &child_errno, sizeof(child_errno)) : 0;
	close(fds[0]);
	if (*pid < 0)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "fork: %s", strerror(errno));
	setpgid(*pid, *pid);
	if (got == (ssize_t)sizeof(child_errno)) {
		waitpid(*pid, NULL, 0);
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "cannot start %s: %s",
			       argv[0], strerror(child_errno));
	}
	return 0;
}

/* A caller that ignores SIGCHLD would make waitpid() lose the job's exit status:
 * the default action is put back for the run. */
static bool reap_children(struct sigaction *saved)
{
	struct sigaction dfl;
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	if (sigaction(SIGCHLD, NULL, saved) != 0 || saved->sa_handler != SIG_IGN)
		return false;
	return sigaction(SIGCHLD, &dfl, NULL) == 0;
}

static int supervise(int *status, const char **argv, char **envp, const char *cwd,
		     double timeout_seconds, int grace_seconds, volatile sig_atomic_t *stop,
		     struct dsj_error *err)
{
	pid_t pid = 0;
	int rc = spawn(&pid, argv, envp, cwd, err);
	if (rc)
		return rc;
	int wstatus = 0;
	double until = timeout_seconds > 0 ? now_seconds() + timeout_seconds : 0;
	bool ended = wait_until(pid, &wstatus, until, stop);
	if (!ended && stop_group(pid, &wstatus, grace_seconds > 0 ? grace_seconds : 10))
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "cannot stop the job");
	kill(-pid, SIGKILL); /* what it left running goes with the run, as on the service */
	if (!ended && !(stop && *stop))
		*status = EXIT_TIMED_OUT;
	else if (WIFEXITED(wstatus))
		*status = WEXITSTATUS(wstatus);
	else
		*status = WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus) : 1;
	return 0;
}

int local_supervise(int *status, const char **argv, char **envp, const char *cwd,
		    double timeout_seconds, int grace_seconds, volatile sig_atomic_t *stop,
		    struct dsj_error *err)
{
	struct sigaction saved;
	bool restore = reap_children(&saved);
	int rc = supervise(status, argv, envp, cwd, timeout_seconds, grace_seconds, stop, err);
	if (restore)
		sigaction(SIGCHLD, &saved, NULL);
	return rc;
}
