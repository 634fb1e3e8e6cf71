// load_positions.cypher: create or update employment, one row per position.
// Parameters:
//   $rows  LIST<MAP>  each {person, company, ordinal, props}:
//          person   STRING   the person's id
//          company  STRING   the company key the position resolves to
//          ordinal  INTEGER  the position's index in the person's list (0 = first)
//          props    MAP      company (the name as written), title, team, current,
//                            start, end; a null value removes the property
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MATCH (c:Company {key: row.company})
MERGE (p)-[w:WORKS_AT {ordinal: row.ordinal}]->(c)
SET w += row.props
