# test fixture: stands in for drivers/driver_python.py in layout tests
