// create_ties.cypher: ties between people created by this load; each tie is given once.
// Parameters: the columns of load_ties.cypher ($a, $b, $trust, $familiarity, $evidence,
// $level), except that $a and $b hold the element ids of the two people's nodes, as
// create_people.cypher returned them, and $ida and $idb the two people's ids: an element
// id is only sure to name the same node within one transaction (a node deleted meanwhile
// frees its id for another), so each end must still be that person, or the tie is not
// written (and the load, counting, fails with one line).
// Runs instead of load_ties.cypher when the load created every person (see
// create_people.cypher): no tie between two new people can exist yet, so CREATE skips
// MERGE's search of both directions and its locks (a quarter of the server's work), and
// finding a node by its element id skips the index seek (another quarter of what is left).
// The loader sends one person's ties after another, which spares the server a little more.
UNWIND range(0, size($a) - 1) AS i
MATCH (a:Person) WHERE elementId(a) = $a[i]
MATCH (b:Person) WHERE elementId(b) = $b[i]
// Checked after the match: in the MATCH, the planner would find a and b by the id
// index instead (a locking seek, as slow as merging).
WITH i, a, b, a.id = $ida[i] AND b.id = $idb[i] AS same
WHERE same
CREATE (a)-[:KNOWS {trust: $trust[i], familiarity: $familiarity[i], evidence: $evidence[i],
                    level: $level[i]}]->(b)
