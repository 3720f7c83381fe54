#!/bin/sh
# Loads this folder into the database 'neo4j' with neo4j-admin (Neo4j 5). The server must be STOPPED; the
# existing database is REPLACED. Usage: sh import.sh [folder-with-these-csv-files]  (default: this script's folder)
# In Docker (files mounted at /import/neo4j):
#   docker compose run --rm neo4j sh /import/neo4j/import.sh /import/neo4j
# Afterwards start Neo4j and create the uniqueness constraints:
#   cypher-shell -u neo4j -p "$NEO4J_PASSWORD" -f constraints.cypher
set -eu
DIR="${1:-$(cd "$(dirname "$0")" && pwd)}"
neo4j-admin database import full neo4j \
  --overwrite-destination=true --id-type=string --array-delimiter=";" --multiline-fields=true \
  --nodes="$DIR/nodes-Person.csv" \
  --nodes="$DIR/nodes-Organization.csv" \
  --nodes="$DIR/nodes-Country.csv" \
  --nodes="$DIR/nodes-Location.csv" \
  --nodes="$DIR/nodes-Event.csv" \
  --nodes="$DIR/nodes-Meeting.csv" \
  --nodes="$DIR/nodes-Article.csv" \
  --relationships="$DIR/rels-MET_WITH.csv" \
  --relationships="$DIR/rels-VISITED.csv" \
  --relationships="$DIR/rels-MEMBER_OF.csv" \
  --relationships="$DIR/rels-ATTENDED.csv" \
  --relationships="$DIR/rels-HELD_IN.csv" \
  --relationships="$DIR/rels-MENTIONED_IN.csv"
echo "Imported. Start Neo4j, then run: cypher-shell -f $DIR/constraints.cypher"
