// KnowledgeGraph example queries (Cypher 5). Import the graph first (import.cypher, kg push or neo4j-admin).
//
// The queries use parameters. In Neo4j Browser set them once with :param, then run any query below:
//   :param person => "Jens Stoltenberg"
//   :param other => "Lloyd J. Austin III"
//   :param organization => "NATO"
//   :param place => "Oslo"
// (:params shows the current values.) In cypher-shell use the same :param lines, or pass
// --param 'person => "..."' on the command line. The example values are the most connected
// person, organisation and place of this graph.

// 1. Who met whom, where and when (each meeting once; MET_WITH is stored once per pair and occasion).
MATCH (a:Person)-[r:MET_WITH]->(b:Person)
RETURN a.name AS person, b.name AS met, r.date AS date, r.place AS place, size(coalesce(r.documents, [])) AS sources
ORDER BY date, person, met;

// 2. Everyone $person met, with dates and places.
MATCH (p:Person {name: $person})-[r:MET_WITH]-(other:Person)
RETURN other.name AS met, collect(DISTINCT r.date) AS dates, collect(DISTINCT r.place) AS places, count(r) AS times
ORDER BY times DESC, met;

// 3. Meetings held in $place (a Location or Country), with who attended.
MATCH (m:Meeting)-[:HELD_IN]->(pl {name: $place})
OPTIONAL MATCH (p:Person)-[:ATTENDED]->(m)
RETURN m.date AS date, m.name AS meeting, collect(p.name) AS attendees
ORDER BY date;

// 4. Members of the organisation $organization (people and countries), with their roles.
MATCH (x)-[r:MEMBER_OF]->(o:Organization {name: $organization})
RETURN x.name AS member, labels(x)[0] AS kind, r.role AS role
ORDER BY kind, member;

// 5. Shortest chain of meetings between $person and $other.
MATCH path = shortestPath((a:Person {name: $person})-[:MET_WITH*..10]-(b:Person {name: $other}))
RETURN path, length(path) AS hops;

// 6. Most connected people: distinct people met, and all relationships.
MATCH (p:Person)
RETURN p.name AS person, COUNT { (p)-[:MET_WITH]-(:Person) } AS meetings, COUNT { (p)--() } AS relationships
ORDER BY meetings DESC, relationships DESC, person
LIMIT 20;
