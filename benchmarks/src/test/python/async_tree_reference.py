"""Reference figures for the Java async_tree port (AsyncTreeReferenceTest).

Written for this project (not taken from pyperformance): it replays the decisions that
pyperformance's bm_async_tree makes (random.seed(0), randint(1, 100) per memoization leaf,
random() < 0.5 per cpu_io_mixed leaf) through real asyncio.gather, with the I/O sleep set to 0,
and prints the counters the Java tests compare against. Leaf values are this project's
checksum convention (see AsyncTree.java): 1 for none/io leaves, the drawn number for
memoization leaves, factorial(500).bit_length() for CPU leaves; a node returns the sum of
its children.

Run: python3 benchmarks/src/test/python/async_tree_reference.py [depth] [branches]
"""
import asyncio
import math
import random
import sys

MEMOIZABLE_PERCENTAGE = 90
CPU_PROBABILITY = 0.5
FACTORIAL_N = 500


class Tree:
    def __init__(self, workload, depth, branches):
        self.workload = workload
        self.depth = depth
        self.branches = branches
        self.cache = {}
        self.calls = self.io = self.hits = self.cpu = 0
        random.seed(0)

    async def io_call(self):
        self.io += 1
        await asyncio.sleep(0)

    async def memo(self):
        data = random.randint(1, 100)
        if data <= MEMOIZABLE_PERCENTAGE:
            if self.cache.get(data):
                self.hits += 1
                return data
            self.cache[data] = True
        await self.io_call()
        return data

    async def leaf(self):
        if self.workload == "none":
            return 1
        if self.workload == "io":
            await self.io_call()
            return 1
        if self.workload == "memoization":
            return await self.memo()
        if random.random() < CPU_PROBABILITY:
            self.cpu += 1
            return math.factorial(FACTORIAL_N).bit_length()
        return await self.memo()

    async def node(self, level):
        self.calls += 1
        if level == 0:
            return await self.leaf()
        values = await asyncio.gather(*[self.node(level - 1) for _ in range(self.branches)])
        return sum(values)


def main():
    depth = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    branches = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    for workload in ("none", "io", "memoization", "cpu_io_mixed"):
        tree = Tree(workload, depth, branches)
        result = asyncio.run(tree.node(depth))
        print(f"{workload}: depth={depth} branches={branches} calls={tree.calls} "
              f"io={tree.io} hits={tree.hits} cpu={tree.cpu} result={result}")
    random.seed(0)
    print("mt19937 seed 0: random()=%r getrandbits(32)=%d randint(1,100)=%d"
          % (random.random(), random.getrandbits(32), random.randint(1, 100)))


if __name__ == "__main__":
    main()
