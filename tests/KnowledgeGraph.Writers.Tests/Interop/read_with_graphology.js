// Reads KnowledgeGraph exports with graphology's GEXF and GraphML importers (the ones Gephi Lite uses) and prints what
// they saw as one JSON object, in the same summary shape as read_with_python.py.
// Usage: NODE_PATH=<folder with node_modules> node read_with_graphology.js EXPORT_DIR
// Exits with code 3 and the reason on stderr when graphology is not installed.
'use strict';
const fs = require('fs');
const path = require('path');

let Graph, gexf, graphml;
try {
  Graph = require('graphology');
  gexf = require('graphology-gexf');
  graphml = require('graphology-graphml');
} catch (e) {
  process.stderr.write(`graphology, graphology-gexf or graphology-graphml is not installed (NODE_PATH=${process.env.NODE_PATH || ''}): ${e.message}\n`);
  process.exit(3);
}

const folder = process.argv[2];
const read = (name) => fs.readFileSync(path.join(folder, name), 'utf8');
const meeting = (a, b, date, place) => {
  const [x, y] = [a, b].sort();
  return [x, y, date || '', place || ''];
};
const occasions = (a, b, text) => JSON.parse(text).map((o) => meeting(a, b, o.date, o.place));
const count = (values) => values.reduce((acc, v) => ((acc[v] = (acc[v] || 0) + 1), acc), {});
const sorted = (list) => list.sort((p, q) => (JSON.stringify(p) < JSON.stringify(q) ? -1 : 1));

function gexfSummary(g, people) {
  const names = {};
  g.forEachNode((n, a) => (names[n] = a.name));
  const types = {};
  const meetings = [];
  g.forEachEdge((e, a, s, t) => {
    // Gephi Lite shows one value per column: the occasions column lists every meeting the edge stands for.
    const list = occasions(s, t, a.occasions);
    types[a.type] = (types[a.type] || 0) + list.length;
    if (a.type === 'MET_WITH') meetings.push(...list);
  });
  const labels = people ? { Person: g.order } : count(g.mapNodes((n, a) => a.type));
  return { labels, types, names, meetings: sorted(meetings), directed: g.type === 'directed', titles: Object.keys(g.getNodeAttributes(g.nodes()[0])).sort() };
}

function graphmlSummary(g, people) {
  const names = {};
  const kgid = {};
  g.forEachNode((n, a) => {
    names[a.id] = a.name;
    kgid[n] = a.id;
  });
  const types = {};
  const meetings = [];
  g.forEachEdge((e, a, s, t) => {
    if (people) {
      const list = occasions(kgid[s], kgid[t], a.occasions);
      types.MET_WITH = (types.MET_WITH || 0) + list.length;
      meetings.push(...list);
    } else {
      types[a.label] = (types[a.label] || 0) + 1;
      if (a.label === 'MET_WITH') meetings.push(meeting(kgid[s], kgid[t], a.date, a.place));
    }
  });
  const labels = people ? { Person: g.order } : count(g.mapNodes((n, a) => a.labels.replace(/^:/, '').split(':')[0]));
  return { labels, types, names, meetings: sorted(meetings), directed: g.type === 'directed' };
}

const out = {
  version: require('graphology-gexf/package.json').version + '/' + require('graphology-graphml/package.json').version,
  'graph.gexf': gexfSummary(gexf.parse(Graph, read('graph.gexf')), false),
  'people.gexf': gexfSummary(gexf.parse(Graph, read('people.gexf')), true),
  'graph.graphml': graphmlSummary(graphml.parse(Graph, read('graph.graphml')), false),
  'people.graphml': graphmlSummary(graphml.parse(Graph, read('people.graphml')), true),
};
process.stdout.write(JSON.stringify(out));
