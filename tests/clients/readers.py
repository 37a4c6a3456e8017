"""Loads a newsgraph export with a real Python client and prints what the client read as JSON.

Usage: python readers.py MODE PATH

MODE is one of:
  graphml-networkx   networkx.read_graphml (a multigraph, edge keys = GraphML edge ids)
  graphml-igraph     igraph.Graph.Read_GraphML
  json-networkx      networkx.readwrite.json_graph.node_link_graph
  gexf-networkx      networkx.read_gexf
  neo4j-ladybug      Ladybug COPY of neo4j/entities.csv and neo4j/relations.csv (PATH = the
                     neo4j folder), then Cypher queries
  jsonl              json.loads of every line of a JSON Lines file (evidence.jsonl); prints
                     {"lines": [...]}

Every value is printed with its Python type name, so the Rust test can check types as well as
values: {"nodes": [[id, {attr: [type, value]}]], "edges": [[source, target, key, {attr: ...}]]}.
"""

import json
import os
import sys
import tempfile


def typed(attrs):
    return {k: [type(v).__name__, v] for k, v in sorted(attrs.items())}


def dump_networkx(g):
    edges = []
    for u, v, k, d in g.edges(keys=True, data=True):
        edges.append([u, v, str(k), typed(d)])
    return {
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
        "nodes": [[n, typed(d)] for n, d in g.nodes(data=True)],
        "edges": edges,
    }


def graphml_networkx(path):
    import networkx as nx

    g = nx.read_graphml(path, force_multigraph=True, edge_key_type=str)
    return dump_networkx(g)


def graphml_igraph(path):
    import igraph

    g = igraph.Graph.Read_GraphML(path)
    nodes = []
    for v in g.vs:
        nodes.append([v["id"], typed(v.attributes())])
    edges = []
    for e in g.es:
        edges.append(
            [g.vs[e.source]["id"], g.vs[e.target]["id"], "", typed(e.attributes())]
        )
    return {
        "directed": g.is_directed(),
        "multigraph": True,
        "nodes": nodes,
        "edges": edges,
    }


def json_networkx(path):
    from networkx.readwrite import json_graph

    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    return dump_networkx(json_graph.node_link_graph(doc))


def gexf_networkx(path):
    import xml.etree.ElementTree as ET

    import networkx as nx

    doc = dump_networkx(nx.read_gexf(path, node_type=str))
    # networkx drops the edge `kind` (Gephi's edge type); read it with ElementTree.
    ns = {"g": "http://gexf.net/1.3"}
    kinds = {
        e.get("id"): e.get("kind")
        for e in ET.parse(path).getroot().iterfind(".//g:edges/g:edge", ns)
    }
    for edge in doc["edges"]:
        if kinds.get(edge[2]) is not None:
            edge[3]["gexf_kind"] = ["str", kinds[edge[2]]]
    return doc


def jsonl_json(path):
    """Every line of a JSON Lines file (split at LF only, as the format says) through json.loads."""
    with open(path, "rb") as f:
        data = f.read()
    if data and not data.endswith(b"\n"):
        raise SystemExit(f"{path}: the last line does not end with a newline")
    lines = []
    for no, raw in enumerate(data.split(b"\n")[:-1], 1):
        try:
            lines.append(json.loads(raw.decode("utf-8")))
        except ValueError as e:
            raise SystemExit(f"{path}:{no}: {e}")
    return {"lines": lines}


def neo4j_ladybug(folder):
    with tempfile.TemporaryDirectory(prefix="newsgraph-ladybug-") as db_dir:
        return ladybug_load(folder, os.path.join(db_dir, "kg.db"))


def ladybug_load(folder, db_path):
    import ladybug as lb

    db = lb.Database(db_path)
    c = lb.Connection(db)
    # COPY maps CSV columns by position; these tables follow the export's header order.
    c.execute(
        "CREATE NODE TABLE Entity(id STRING PRIMARY KEY, name STRING, kind STRING, "
        "aliases STRING, mentions INT64, articles INT64, first_seen DATE, last_seen DATE, "
        "labels STRING)"
    )
    c.execute(
        "CREATE REL TABLE R(FROM Entity TO Entity, rtype STRING, relation STRING, "
        "label STRING, directed BOOLEAN, weight INT64, articles INT64, first_seen DATE, "
        "last_seen DATE, modality STRING, article_ids STRING, evidence STRING)"
    )
    for table, name in (("Entity", "entities.csv"), ("R", "relations.csv")):
        path = os.path.join(folder, name).replace("'", "''")
        c.execute(f"COPY {table} FROM '{path}' (HEADER=true, PARALLEL=false)")

    def rows(query):
        res = c.execute(query)
        out = []
        while res.has_next():
            out.append(res.get_next())
        return out

    nodes = []
    for r in rows(
        "MATCH (n:Entity) RETURN n.id, n.name, n.kind, n.aliases, n.mentions, "
        "n.articles, n.first_seen, n.last_seen, n.labels ORDER BY n.id"
    ):
        keys = ["name", "kind", "aliases", "mentions", "articles", "first_seen",
                "last_seen", "labels"]
        nodes.append([r[0], typed(dict(zip(keys, r[1:])))])
    edges = []
    for r in rows(
        "MATCH (a:Entity)-[e:R]->(b:Entity) RETURN a.id, b.id, e.rtype, e.relation, "
        "e.label, e.directed, e.weight, e.articles, e.first_seen, e.last_seen, e.modality, "
        "string_split(e.article_ids, ';'), e.evidence"
    ):
        keys = ["type", "relation", "label", "directed", "weight", "articles",
                "first_seen", "last_seen", "modality", "article_ids", "evidence"]
        edges.append([r[0], r[1], r[2], typed(dict(zip(keys, r[2:])))])
    c.close()
    db.close()
    return {"directed": True, "multigraph": True, "nodes": nodes, "edges": edges}


MODES = {
    "graphml-networkx": graphml_networkx,
    "graphml-igraph": graphml_igraph,
    "json-networkx": json_networkx,
    "gexf-networkx": gexf_networkx,
    "neo4j-ladybug": neo4j_ladybug,
    "jsonl": jsonl_json,
}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in MODES:
        sys.exit(f"usage: readers.py {{{'|'.join(MODES)}}} PATH")
    doc = MODES[sys.argv[1]](sys.argv[2])
    json.dump(doc, sys.stdout, ensure_ascii=True, default=str, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
