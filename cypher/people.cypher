// people.cypher: people by id, each with their positions.
// Parameters:
//   $ids  LIST<STRING>  the people's ids (unknown ids are skipped)
// Returns one row per person found: person (MAP of its properties) and positions
// (LIST<MAP>: each WORKS_AT's properties, with ordinal giving the order, and the
// company key as company_key).
UNWIND $ids AS id
MATCH (p:Person {id: id})
OPTIONAL MATCH (p)-[w:WORKS_AT]->(c:Company)
WITH p, collect(w {.*, company_key: c.key}) AS positions
RETURN properties(p) AS person, positions
