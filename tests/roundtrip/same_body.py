"""Exit 0 when two CreateJob answers have the same body. (The artifact is not
part of the job the service returns: extract learns only its file name.)"""
import json
import sys

a, b = (json.load(open(p))["body"] for p in sys.argv[1:3])
if a != b:
    print("before:", json.dumps(a, sort_keys=True))
    print("after: ", json.dumps(b, sort_keys=True))
    sys.exit(1)
