// clear.cypher: delete the network (people, companies, groups, asks, their relationships and
// the owner marker), in batches so a large network never needs one huge transaction.
// Parameters: none.
// Other data in the database is left alone, and so are the constraints.
// Must run as an auto-commit transaction (cypher-shell and Neo4j Browser do that;
// in Browser, prefix it with :auto).
MATCH (n)
WHERE n:Person OR n:Company OR n:Group OR n:Intropath OR n:Ask
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
