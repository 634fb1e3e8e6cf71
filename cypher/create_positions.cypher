// create_positions.cypher: employment of people created by this load, one row per position.
// Parameters: $rows as in load_positions.cypher ({person, company, ordinal, props}).
// Runs instead of prune_positions.cypher and load_positions.cypher when the load created
// every person (see create_people.cypher): a new person has no WORKS_AT to find or prune.
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MATCH (c:Company {key: row.company})
CREATE (p)-[w:WORKS_AT {ordinal: row.ordinal}]->(c)
SET w += row.props
