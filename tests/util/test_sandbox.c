/* test_sandbox.c — the sandbox forbids filesystem changes outside the writable directories */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/sandbox.h"

/* In a child: enter the sandbox, then try each change; the exit code encodes what happened. */
static int child(const char *root, const char *spool)
{
	const char *w[] = {spool};
	char p[4096];
	int ret = ia_sandbox_no_writes(w, 1);

	if (ret == -EOPNOTSUPP)
		return 77;
	if (ret)
		return 10;
	snprintf(p, sizeof(p), "%s/new", root);
	if (open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0644) >= 0 || errno != EACCES)
		return 11; /* creating a file in the image */
	snprintf(p, sizeof(p), "%s/existing", root);
	if (open(p, O_WRONLY | O_CLOEXEC) >= 0 || errno != EACCES)
		return 12; /* writing a file of the image */
	if (unlink(p) == 0 || errno != EACCES)
		return 13; /* removing it */
	snprintf(p, sizeof(p), "%s/dir", root);
	if (mkdir(p, 0755) == 0 || errno != EACCES)
		return 14;
	snprintf(p, sizeof(p), "%s/existing", root);
	if (open(p, O_RDONLY | O_CLOEXEC) < 0)
		return 15; /* reading is still allowed */
	snprintf(p, sizeof(p), "%s/spooled", spool);
	int fd = open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, "x", 1) != 1)
		return 16; /* the private spool stays writable */
	close(fd);
	return 0;
}

static void test_no_writes_outside_spool(void **state)
{
	char *root = t_mkdtemp(), *spool = t_mkdtemp();
	pid_t pid;
	int st;

	t_write(root, "existing", "data", 0644);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(child(root, spool));
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	if (WEXITSTATUS(st) == 77) {
		t_rmtree(root);
		t_rmtree(spool);
		free(root);
		free(spool);
		T_REQUIRE(false, "the kernel has no Landlock: the sandbox cannot be enforced here");
	}
	assert_int_equal(WEXITSTATUS(st), 0);
	/* the image is as it was */
	struct stat sb;
	char p[4096];

	snprintf(p, sizeof(p), "%s/existing", root);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_size, 4);
	snprintf(p, sizeof(p), "%s/new", root);
	assert_int_equal(stat(p, &sb), -1);
	t_rmtree(root);
	t_rmtree(spool);
	free(root);
	free(spool);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_writes_outside_spool),
	};
	return T_RUN_GROUP(tests, NULL, NULL);
}
