// employees.cypher: everyone with a position, current or past, at a company.
// Parameters:
//   $key  STRING  the company key (intropath.companies.company_key of its name)
// Returns one row per person, as people.cypher does.
MATCH (:Company {key: $key})<-[:WORKS_AT]-(p:Person)
WITH DISTINCT p
OPTIONAL MATCH (p)-[w:WORKS_AT]->(c:Company)
WITH p, collect(w {.*, company_key: c.key}) AS positions
RETURN properties(p) AS person, positions
