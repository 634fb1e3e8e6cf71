// create_memberships.cypher: group memberships of people created by this load.
// Parameters: $rows as in load_memberships.cypher ({person, group, ordinal}).
// Runs instead of load_memberships.cypher when the load created every person
// (see create_people.cypher): a new person is no member of anything yet.
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MATCH (g:Group {id: row.group})
CREATE (p)-[:MEMBER_OF {ordinal: row.ordinal}]->(g)
