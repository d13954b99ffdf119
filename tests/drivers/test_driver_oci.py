"""driver_oci.py (gitPython): clone a bare repository made here, default branch, branch,
commit, CODE_DIR, working dir, outputs, and what needs OCI refused or skipped."""
import os
import subprocess
import unittest

from driver_test_support import DriverTestCase, read, write

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_CONFIG_NOSYSTEM": "1"}


class GitDriver(DriverTestCase):
    def setUp(self):
        super(GitDriver, self).setUp()
        self.bare = os.path.join(self.tmp, "origin", "my.repo.git")
        work = os.path.join(self.tmp, "work")
        self.git("init", "-q", "--bare", self.bare)
        self.git("init", "-q", work)
        self.git("symbolic-ref", "HEAD", "refs/heads/main", cwd=work)
        self.commit(work, "main v1")
        self.first = self.git("rev-parse", "HEAD", cwd=work).strip()
        self.commit(work, "main v2")
        self.git("checkout", "-q", "-b", "develop", cwd=work)
        self.commit(work, "develop")
        self.git("push", "-q", self.bare, "main", "develop", cwd=work)
        self.git("symbolic-ref", "HEAD", "refs/heads/main", cwd=self.bare)

    def git(self, *args, **kwargs):
        full_env = dict(os.environ, HOME=self.home, **GIT_ENV)
        return subprocess.check_output(("git",) + args, cwd=kwargs.get("cwd"), env=full_env,
                                       universal_newlines=True)

    def commit(self, work, label):
        write(os.path.join(work, "src", "version.py"), "LABEL = %r\n" % label)
        write(os.path.join(work, "src", "entry.py"),
              "import sys, version\nprint('LABEL=' + version.LABEL, sys.argv[1:])\n"
              "open('out/label.txt', 'w').write(version.LABEL)\n")
        write(os.path.join(work, "src", "out", ".keep"), "")
        self.git("add", "-A", cwd=work)
        self.git("commit", "-q", "-m", label, cwd=work)

    def run_git_job(self, extra=None, url=None):
        variables = dict(GIT_ENV)
        variables.update({"GIT_URL": url or "file://" + self.bare,
                          "GIT_ENTRYPOINT": "src/entry.py", "WORKING_DIR": "src"})
        variables.update(extra or {})
        return self.run_driver("driver_oci.py", variables, ["--x", "1"])

    def test_default_branch_in_home_code_dir(self):
        result = self.run_git_job()
        self.assertExit(result, 0)
        self.assertIn("LABEL=main v2 ['--x', '1']", result.stdout)
        self.assertTrue(os.path.isdir(os.path.join(self.home, "Code", "my", ".git")))

    def test_branch(self):
        result = self.run_git_job({"GIT_BRANCH": "develop"})
        self.assertExit(result, 0)
        self.assertIn("LABEL=develop", result.stdout)

    def test_commit_wins_over_branch(self):
        result = self.run_git_job({"GIT_BRANCH": "develop", "GIT_COMMIT": self.first})
        self.assertExit(result, 0)
        self.assertIn("LABEL=main v1", result.stdout)

    def test_plain_path_code_dir_and_outputs(self):
        clone = os.path.join(self.tmp, "clone")
        dest = os.path.join(self.tmp, "results")
        result = self.run_git_job({"CODE_DIR": clone, "OUTPUT_DIR": "out",
                                   "OUTPUT_URI": dest}, url=self.bare)
        self.assertExit(result, 0)
        self.assertEqual(read(os.path.join(dest, "label.txt")), "main v2")
        self.assertTrue(os.path.isfile(os.path.join(clone, "src", "entry.py")))

    def test_non_empty_clone_dir_is_moved_aside(self):
        clone = os.path.join(self.tmp, "clone")
        write(os.path.join(clone, "old.txt"), "old")
        self.assertExit(self.run_git_job({"CODE_DIR": clone}), 0)
        moved = [n for n in os.listdir(self.tmp) if n.startswith("clone_")]
        self.assertEqual(len(moved), 1)
        self.assertEqual(read(os.path.join(self.tmp, moved[0], "old.txt")), "old")

    def test_unknown_branch_is_git_error(self):
        result = self.run_git_job({"GIT_BRANCH": "nope"})
        self.assertExit(result, 1)
        self.assertIn("git checkout nope -- failed", result.stderr)

    def test_missing_url(self):
        result = self.run_driver("driver_oci.py", {"GIT_ENTRYPOINT": "x.py"})
        self.assertExit(result, 1)
        self.assertIn("GIT_URL is not set", result.stderr)

    def test_secret_without_oci_sdk_is_refused(self):
        result = self.run_git_job({"GIT_SECRET_OCID": "ocid1.vaultsecret.oc1..x",
                                   "PYTHONPATH": self.no_oci_path()})
        self.assertExit(result, 1)
        self.assertIn("GIT_SECRET_OCID (an SSH key stored in OCI Vault) needs the OCI Python SDK",
                      result.stderr)

    def test_metadata_skipped_without_sdk_job_still_succeeds(self):
        result = self.run_git_job({"JOB_RUN_OCID": "ocid1.datasciencejobrun.oc1..x",
                                   "PYTHONPATH": self.no_oci_path()})
        self.assertExit(result, 0)
        self.assertIn("job run tags not updated", result.stderr)


class GitHelpers(unittest.TestCase):
    def test_repo_name(self):
        import driver_oci
        self.assertEqual(driver_oci.repo_name("https://github.com/team/my.repo.git"), "my")
        self.assertEqual(driver_oci.repo_name("git@github.com:team/proj.git"), "proj")
        self.assertEqual(driver_oci.repo_name("file:///tmp/r/"), "r")

    def test_ssh_urls(self):
        import driver_oci
        self.assertTrue(driver_oci.is_ssh_url("git@github.com:a/b.git"))
        self.assertTrue(driver_oci.is_ssh_url("ssh://git@host/a.git"))
        self.assertTrue(driver_oci.is_ssh_url("me@host:a.git"))
        self.assertFalse(driver_oci.is_ssh_url("https://me@host/a.git"))
        self.assertFalse(driver_oci.is_ssh_url("/tmp/a.git"))


if __name__ == "__main__":
    unittest.main()
