"""driver_pytorch.py on one node: a fake torchrun (and friends) on PATH records its argv."""
import json
import os
import unittest

from driver_test_support import DriverTestCase, read, write

RECORDER = """#!/bin/sh
# Fake launcher: records its name, argv and a few variables, then exits with $FAKE_EXIT.
{
  echo "$(basename "$0")"
  for a in "$@"; do echo "ARG:$a"; done
  echo "CWD:$(pwd)"
  echo "RANK:${RANK:-unset} WORLD_SIZE:${WORLD_SIZE:-unset}"
} > "$FAKE_RECORD"
mkdir -p out && echo trained > out/model.txt
exit "${FAKE_EXIT:-0}"
"""


class PyTorchDriver(DriverTestCase):
    def setUp(self):
        super(PyTorchDriver, self).setUp()
        self.bin = os.path.join(self.tmp, "bin")
        for name in ("torchrun", "deepspeed", "accelerate", "mytrainer"):
            write(os.path.join(self.bin, name), RECORDER, 0o755)
        self.record = os.path.join(self.tmp, "record.txt")
        self.code("train.py", "print('not run by the fake')\n")

    def run_torch(self, extra=None, args=()):
        variables = {"CODE_ENTRYPOINT": "train.py", "OCI__WORKER_COUNT": "0",
                     "FAKE_RECORD": self.record}
        variables.update(extra or {})
        return self.run_driver("driver_pytorch.py", variables, args, path_prefix=self.bin)

    def recorded(self):
        lines = read(self.record).splitlines()
        return lines[0], [l[4:] for l in lines if l.startswith("ARG:")], lines

    def test_torchrun_single_node_command_line(self):
        result = self.run_torch(args=["--epochs", "2", "a b"])
        self.assertExit(result, 0)
        self.assertIn("Distributed Training HOST IP: ", result.stdout)
        name, argv, lines = self.recorded()
        self.assertEqual(name, "torchrun")
        self.assertEqual(argv[0], "--nnode=1")
        self.assertEqual(argv[1], "--nproc_per_node=1")
        self.assertEqual(argv[2], "--rdzv_backend=c10d")
        self.assertTrue(argv[3].startswith("--rdzv_endpoint=") and argv[3].endswith(":29400"))
        self.assertEqual(argv[4], "--rdzv_conf=read_timeout=600")
        self.assertEqual(argv[5:], ["train.py", "--epochs", "2", "a b"])
        self.assertIn("CWD:" + os.path.join(self.artifact, "code"), lines)

    def test_launch_command_keeps_users_flags(self):
        result = self.run_torch({"OCI__LAUNCH_CMD": "torchrun --nproc_per_node=4 "
                                 "--rdzv-conf=x train.py --lr 0.1", "OCI__RDZV_TIMEOUT": "5"})
        self.assertExit(result, 0)
        _, argv, _ = self.recorded()
        self.assertNotIn("--nproc_per_node=1", argv)
        self.assertFalse([a for a in argv if a.startswith("--rdzv_conf")])
        self.assertEqual(argv[-5:], ["--nproc_per_node=4", "--rdzv-conf=x", "train.py",
                                     "--lr", "0.1"])

    def test_exit_code_and_outputs(self):
        dest = os.path.join(self.tmp, "results")
        result = self.run_torch({"OUTPUT_DIR": "out", "OUTPUT_URI": "file://" + dest})
        self.assertExit(result, 0)
        self.assertEqual(read(os.path.join(dest, "model.txt")), "trained\n")
        self.assertExit(self.run_torch({"FAKE_EXIT": "5"}), 5)

    def test_accelerate_gets_one_machine_flags(self):
        result = self.run_torch({"OCI__LAUNCH_CMD": "accelerate launch --num_processes=2 t.py"})
        self.assertExit(result, 0)
        name, argv, _ = self.recorded()
        self.assertEqual(name, "accelerate")
        self.assertEqual(argv[0], "launch")
        self.assertIn("--num_machines=1", argv)
        self.assertIn("--machine_rank=0", argv)
        self.assertNotIn("--num_processes=1", argv)
        self.assertEqual(argv[-2:], ["--num_processes=2", "t.py"])

    def test_deepspeed_single_node(self):
        self.assertExit(self.run_torch({"OCI__LAUNCH_CMD": "deepspeed t.py --x"}), 0)
        name, argv, _ = self.recorded()
        self.assertEqual((name, argv), ("deepspeed", ["t.py", "--x"]))

    def test_other_command_gets_single_node_variables(self):
        self.assertExit(self.run_torch({"OCI__LAUNCH_CMD": "mytrainer 'a b'"}), 0)
        name, argv, lines = self.recorded()
        self.assertEqual((name, argv), ("mytrainer", ["a b"]))
        self.assertIn("RANK:0 WORLD_SIZE:1", lines)

    def test_multi_node_is_refused(self):
        for variables in ({"OCI__WORKER_COUNT": "2"}, {"NODE_COUNT": "3"},
                          {"MAIN_JOB_RUN_OCID": "ocid1.datasciencejobrun.oc1..x"}):
            result = self.run_torch(variables)
            self.assertExit(result, 1)
            self.assertIn("dsjob's driver runs one node only", result.stderr)
            self.assertFalse(os.path.exists(self.record))

    def test_torchrun_missing(self):
        os.remove(os.path.join(self.bin, "torchrun"))
        result = self.run_driver("driver_pytorch.py", {"CODE_ENTRYPOINT": "train.py"},
                                 path_prefix=self.bin)
        if "torchrun is not on PATH" not in result.stderr:
            self.skipTest("a real torchrun is installed here")
        self.assertExit(result, 1)

    def test_inputs_are_copied(self):
        source = write(os.path.join(self.tmp, "data", "d.csv"), "1,2\n")
        result = self.run_torch({"OCI__INPUT_MAPPINGS": json.dumps({
            os.path.dirname(source): "inputs/", "file://" + source: "one/copy.csv"})})
        self.assertExit(result, 0)
        code = os.path.join(self.artifact, "code")
        self.assertEqual(read(os.path.join(code, "inputs", "data", "d.csv")), "1,2\n")
        self.assertEqual(read(os.path.join(code, "one", "copy.csv")), "1,2\n")

    def test_input_with_unknown_scheme_is_refused(self):
        result = self.run_torch({"OCI__INPUT_MAPPINGS": '{"s3://b/k": "data/"}'})
        self.assertExit(result, 1)
        self.assertIn("OCI__INPUT_MAPPINGS source s3://b/k: unsupported scheme", result.stderr)

    def test_git_source_clones_into_code_dir(self):
        work = os.path.join(self.tmp, "repo")
        write(os.path.join(work, "train.py"), "")
        env = dict(os.environ, HOME=self.home, GIT_AUTHOR_NAME="t", GIT_COMMITTER_NAME="t",
                   GIT_AUTHOR_EMAIL="t@x", GIT_COMMITTER_EMAIL="t@x")
        import subprocess
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "x"]):
            subprocess.check_call(["git"] + args, cwd=work, env=env)
        clone = os.path.join(self.tmp, "clone")
        self.assertExit(self.run_torch({"OCI__RUNTIME_URI": work, "CODE_DIR": clone}), 0)
        self.assertIn("CWD:" + clone, self.recorded()[2])


class HostnameShim(DriverTestCase):
    def test_gethostname_reads_oci_hostname(self):
        import shutil
        import subprocess
        import sys
        if not shutil.which("gcc"):
            self.skipTest("no gcc")
        library = os.path.join(self.tmp, "libhostname.so.1")
        subprocess.check_call(["gcc", "-Wall", "-Werror", "-shared", "-fPIC", "-o", library,
                               os.path.join(self.artifact, "hostname_from_env.c"), "-ldl"])
        probe = [sys.executable, "-c", "import socket; print(socket.gethostname())"]
        shimmed = dict(os.environ, LD_PRELOAD=library, OCI__HOSTNAME="10.9.8.7")
        self.assertEqual(subprocess.check_output(probe, env=shimmed,
                                                 universal_newlines=True).strip(), "10.9.8.7")
        del shimmed["OCI__HOSTNAME"]
        import socket
        self.assertEqual(subprocess.check_output(probe, env=shimmed,
                                                 universal_newlines=True).strip(),
                         socket.gethostname())


class MetricsParsing(unittest.TestCase):
    def test_parse_and_points(self):
        import oci_metrics
        stats = oci_metrics.parse_gpu_stats("0, 93, 1000, 16000, 40, [N/A]\nbad line\n")
        self.assertEqual(stats, [{"gpu": "0", "gpu.utilization": 93.0, "gpu.memory_used": 1000.0,
                                  "gpu.memory_total": 16000.0, "gpu.temperature": 40.0}])
        points = oci_metrics.metric_points(stats, "ns", "ocid1.compartment", "run", "t")
        self.assertEqual(len(points), 4)
        self.assertEqual(points[0]["dimensions"], {"job_run_ocid": "run", "gpu": "0"})


if __name__ == "__main__":
    unittest.main()
