// prune_positions.cypher: drop employment a reloaded person no longer has.
// Parameters:
//   $rows  LIST<MAP>  each {person, keys}:
//          person  STRING        the person's id
//          keys    LIST<STRING>  the company key of each position, in order
// A WORKS_AT whose ordinal is past the end of keys, or whose company differs from
// keys[ordinal], is deleted; load_positions.cypher then writes the current ones.
UNWIND $rows AS row
MATCH (p:Person {id: row.person})-[w:WORKS_AT]->(c:Company)
WHERE w.ordinal >= size(row.keys) OR c.key <> row.keys[w.ordinal]
DELETE w
