"""A stand-in training script for `dsjob run --local examples/local/python.yaml`."""
import argparse
import os

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=1)
args = parser.parse_args()
os.makedirs("outputs", exist_ok=True)
for epoch in range(1, args.epochs + 1):
    print("epoch %d of %d, dataset %s" % (epoch, args.epochs, os.environ.get("DATASET")))
with open("outputs/model.txt", "w") as f:
    f.write("trained for %d epochs\n" % args.epochs)
