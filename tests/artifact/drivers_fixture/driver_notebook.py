# test fixture: stands in for drivers/driver_notebook.py in layout tests
