# test fixture: stands in for drivers/oci_metrics.py in layout tests
