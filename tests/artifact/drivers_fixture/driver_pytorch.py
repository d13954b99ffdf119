# test fixture: stands in for drivers/driver_pytorch.py in layout tests
