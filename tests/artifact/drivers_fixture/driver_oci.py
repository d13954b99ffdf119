# test fixture: stands in for drivers/driver_oci.py in layout tests
