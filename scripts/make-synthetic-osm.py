#!/usr/bin/env python3
"""Builds a large synthetic OpenStreetMap extract by tiling shifted copies of central Helsinki.

Usage: scripts/make-synthetic-osm.py [--nodes 20000000] [--input ../shared/data/osm/Helsinki.osm.pbf] OUTPUT.osm.pbf

Each copy is shifted by whole multiples of the extract's size (copies sit side by side on a grid, like a city
of identical districts) and gets its ids offset past every id of the copies before it, so the output is sorted
by type then id, as real extracts are. Nodes, ways and tags are kept; relations are dropped. The output is
written outside the repository (for example /tmp): it is a benchmark input, not project data.
Needs the PyPI package `osmium` (pip install osmium).
"""

import argparse
import math
import os
import sys

import osmium

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_INPUT = os.path.join(HERE, "..", "..", "shared", "data", "osm", "Helsinki.osm.pbf")


def load(path):
    nodes = []
    ways = []

    class Reader(osmium.SimpleHandler):
        def node(self, n):
            if n.location.valid():
                nodes.append((n.id, n.location.lon, n.location.lat, [(t.k, t.v) for t in n.tags]))

        def way(self, w):
            ways.append((w.id, [r.ref for r in w.nodes], [(t.k, t.v) for t in w.tags]))

    Reader().apply_file(path, locations=False)
    return nodes, ways


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output")
    parser.add_argument("--nodes", type=int, default=20_000_000, help="at least this many nodes (default 20M)")
    parser.add_argument("--input", default=DEFAULT_INPUT)
    args = parser.parse_args()
    if os.path.abspath(args.output).startswith(os.path.abspath(os.path.join(HERE, ".."))):
        sys.exit("write the output outside the repository, for example /tmp/synthetic.osm.pbf")

    nodes, ways = load(args.input)
    copies = math.ceil(args.nodes / len(nodes))
    columns = math.ceil(math.sqrt(copies))
    min_lon = min(n[1] for n in nodes)
    max_lon = max(n[1] for n in nodes)
    min_lat = min(n[2] for n in nodes)
    max_lat = max(n[2] for n in nodes)
    width = max_lon - min_lon
    height = max_lat - min_lat
    id_step = 10 ** math.ceil(math.log10(max(max(n[0] for n in nodes), max(w[0] for w in ways)) + 1))
    if os.path.exists(args.output):
        os.remove(args.output)
    writer = osmium.SimpleWriter(args.output)
    try:
        for copy in range(copies):
            dx = (copy % columns) * width
            dy = (copy // columns) * height
            offset = copy * id_step
            for node_id, lon, lat, tags in nodes:
                writer.add_node(osmium.osm.mutable.Node(id=node_id + offset, location=(lon + dx, lat + dy), tags=tags))
        for copy in range(copies):
            offset = copy * id_step
            for way_id, refs, tags in ways:
                writer.add_way(osmium.osm.mutable.Way(id=way_id + offset, nodes=[r + offset for r in refs], tags=tags))
    finally:
        writer.close()
    print(
        f"{args.output}: {copies} copies, {copies * len(nodes):,} nodes, {copies * len(ways):,} ways, "
        f"{os.path.getsize(args.output):,} bytes"
    )


if __name__ == "__main__":
    main()
