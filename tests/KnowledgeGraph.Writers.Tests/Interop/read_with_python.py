"""Reads KnowledgeGraph exports with NetworkX or igraph and prints what the reader saw, as one JSON object.

Usage: python3 read_with_python.py networkx|igraph EXPORT_DIR

For every file the reader can open it prints the nodes per label, the relationships per type, every node's name by
our id, and every MET_WITH meeting as [smaller id, larger id, date or "", place or ""]. The C# test works out the
same summary from graph.json and compares. A reader that is not installed exits with code 3 and the reason on stderr.
"""
import json
import os
import sys
import warnings
from collections import Counter


def meeting(a, b, date, place):
    a, b = sorted([a, b])
    return [a, b, date or "", place or ""]


def occasions_meetings(a, b, text):
    return [meeting(a, b, o.get("date"), o.get("place")) for o in json.loads(text)]


def summary(labels, types, names, meetings, **extra):
    out = {"labels": dict(labels), "types": dict(types), "names": names, "meetings": sorted(meetings)}
    out.update(extra)
    return out


def nx_graph_graphml(nx, path):
    g = nx.read_graphml(path)
    kgid = {n: d["id"] for n, d in g.nodes(data=True)}
    labels = Counter(d["labels"].strip(":").split(":")[0] for _, d in g.nodes(data=True))
    names = {d["id"]: d["name"] for _, d in g.nodes(data=True)}
    types, meetings, directed = Counter(), [], set()
    for s, t, d in g.edges(data=True):
        types[d["label"]] += 1
        if d["label"] == "MET_WITH":
            meetings.append(meeting(kgid[s], kgid[t], d.get("date"), d.get("place")))
            directed.add(d.get("undirected") is True and kgid[s] < kgid[t])
    return summary(labels, types, names, meetings, directed=g.is_directed(), met_with_marked=sorted(directed))


def nx_graph_gexf(nx, path):
    g = nx.read_gexf(path)
    labels = Counter(d["type"] for _, d in g.nodes(data=True))
    names = {n: d["name"] for n, d in g.nodes(data=True)}
    types, meetings, from_values = Counter(), [], []
    for s, t, d in g.edges(data=True):
        # Edge columns are dynamic: NetworkX gives each as a list of (value, start, end).
        kind = d["type"][0][0]
        occasions = json.loads(d["occasions"][0][0])
        types[kind] += len(occasions)
        if kind == "MET_WITH":
            meetings += occasions_meetings(s, t, d["occasions"][0][0])
            # Each meeting's place holds from its date to its date; an undated meeting's place has no bounds.
            for place, start, end in d.get("place", []):
                from_values.append(meeting(s, t, "" if start in (None, "None") else start, place))
            dated = sorted(v for v, _, _ in d.get("date", []))
            if dated != sorted(start for _, start, _ in d.get("place", []) if start not in (None, "None")):
                raise SystemExit(f"date and place values of {s}-{t} disagree: {d.get('date')} {d.get('place')}")
            spells = sorted(s0 for s0, e0 in d.get("spells", []))
            if spells != sorted(set(dated)):
                raise SystemExit(f"spells of {s}-{t} are {spells}, meetings {dated}")
    return summary(labels, types, names, meetings, directed=g.is_directed(), dynamic_values=sorted(from_values))


def nx_people_graphml(nx, path):
    g = nx.read_graphml(path)
    kgid = {n: d["id"] for n, d in g.nodes(data=True)}
    names = {d["id"]: d["name"] for _, d in g.nodes(data=True)}
    meetings, weight = [], 0.0
    for s, t, d in g.edges(data=True):
        meetings += occasions_meetings(kgid[s], kgid[t], d["occasions"])
        weight += d["weight"]
    return summary({"Person": g.number_of_nodes()}, {"MET_WITH": int(weight)}, names, meetings,
                   directed=g.is_directed(), multigraph=g.is_multigraph())


def nx_people_gexf(nx, path):
    g = nx.read_gexf(path)
    names = {n: d["name"] for n, d in g.nodes(data=True)}
    meetings, from_values, weight = [], [], 0.0
    for s, t, d in g.edges(data=True):
        meetings += occasions_meetings(s, t, d["occasions"][0][0])
        for place, start, end in d.get("place", []):
            from_values.append(meeting(s, t, "" if start in (None, "None") else start, place))
        weight += d["weight"]
    return summary({"Person": g.number_of_nodes()}, {"MET_WITH": int(weight)}, names, meetings,
                   directed=g.is_directed(), multigraph=g.is_multigraph(), dynamic_values=sorted(from_values))


def ig_graphml(ig, path, people):
    with warnings.catch_warnings():
        # igraph keeps the GraphML node ids (n0, n1, ...) in "id" unless the file has an id key: ours has, on purpose.
        warnings.filterwarnings("ignore", message="Could not add vertex ids")
        g = ig.Graph.Read_GraphML(path)
    vid = g.vs["id"]
    if people:
        labels = {"Person": g.vcount()}
        meetings = []
        for e in g.es:
            meetings += occasions_meetings(vid[e.source], vid[e.target], e["occasions"])
        types = {"MET_WITH": int(sum(g.es["weight"]))}
    else:
        labels = Counter(l.strip(":").split(":")[0] for l in g.vs["labels"])
        types = Counter(g.es["label"])
        meetings = [meeting(vid[e.source], vid[e.target], e["date"], e["place"]) for e in g.es if e["label"] == "MET_WITH"]
    names = {i: n for i, n in zip(vid, g.vs["name"])}
    return summary(labels, types, names, meetings, directed=g.is_directed())


def main():
    reader, folder = sys.argv[1], sys.argv[2]
    out = {}
    if reader == "networkx":
        try:
            import networkx as nx
        except ImportError as e:
            print(f"networkx is not installed for {sys.executable}: {e}", file=sys.stderr)
            sys.exit(3)
        out["version"] = nx.__version__
        out["graph.graphml"] = nx_graph_graphml(nx, os.path.join(folder, "graph.graphml"))
        out["people.graphml"] = nx_people_graphml(nx, os.path.join(folder, "people.graphml"))
        # GEXF 1.3 arrived in NetworkX 3.x; 2.x knows only the 1.1 and 1.2 namespaces.
        if "1.3" in nx.readwrite.gexf.GEXF.versions:
            out["graph.gexf"] = nx_graph_gexf(nx, os.path.join(folder, "graph.gexf"))
            out["people.gexf"] = nx_people_gexf(nx, os.path.join(folder, "people.gexf"))
    elif reader == "igraph":
        try:
            import igraph as ig
        except ImportError as e:
            print(f"python-igraph is not installed for {sys.executable}: {e}", file=sys.stderr)
            sys.exit(3)
        out["version"] = ig.__version__
        out["graph.graphml"] = ig_graphml(ig, os.path.join(folder, "graph.graphml"), people=False)
        out["people.graphml"] = ig_graphml(ig, os.path.join(folder, "people.graphml"), people=True)
    else:
        raise SystemExit(f"unknown reader {reader}")
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    main()
