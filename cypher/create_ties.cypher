// create_ties.cypher: ties between people created by this load; each tie is given once.
// Parameters: the columns of load_ties.cypher ($a, $b, $trust, $familiarity, $evidence,
// $level; the loader sends a < b).
// Runs instead of load_ties.cypher when the load created every person (see
// create_people.cypher): no tie between two new people can exist yet, so CREATE skips
// MERGE's search of both directions and its locks (a quarter of the server's work).
UNWIND range(0, size($a) - 1) AS i
MATCH (a:Person {id: $a[i]})
MATCH (b:Person {id: $b[i]})
CREATE (a)-[:KNOWS {trust: $trust[i], familiarity: $familiarity[i], evidence: $evidence[i],
                    level: $level[i]}]->(b)
