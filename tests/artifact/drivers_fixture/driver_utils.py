# test fixture: stands in for drivers/driver_utils.py in layout tests
