# test fixture: stands in for drivers/container.py in layout tests
