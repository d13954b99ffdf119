# dsjob-driver-version: 1
"""Job-side driver for dsjob's python runtime (JOB_RUN_ENTRYPOINT=driver_python.py).

Runs ``code/$CODE_ENTRYPOINT`` (or ENTRY_FUNCTION in it) from ``code/$WORKING_DIR``,
then copies OUTPUT_DIR to OUTPUT_URI. See docs/drivers.md for every variable.
"""
import driver_utils


def main():
    base_dir = driver_utils.code_dir()
    driver_utils.set_working_dir(base_dir)
    driver_utils.conda_unpack()
    driver_utils.setup_python_path(base_dir)
    driver_utils.run_entrypoint(driver_utils.env("CODE_ENTRYPOINT"),
                                driver_utils.env("ENTRY_FUNCTION"))
    driver_utils.copy_outputs()


if __name__ == "__main__":
    driver_utils.main_guard(main)
