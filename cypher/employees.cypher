// employees.cypher: everyone with a position, current or past, at a company.
// Parameters:
//   $key  STRING  the company key (intropath.companies.company_key of its name)
// Returns one row: people, a list of {person, positions}, as people.cypher returns them.
// One row holding a list: the Python driver spends far more per row than per list item.
MATCH (:Company {key: $key})<-[:WORKS_AT]-(p:Person)
WITH DISTINCT p
OPTIONAL MATCH (p)-[w:WORKS_AT]->(c:Company)
WITH p, collect(w {.*, company_key: c.key}) AS positions
RETURN collect({person: properties(p), positions: positions}) AS people
