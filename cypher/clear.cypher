// clear.cypher: delete the network (people, companies, groups, asks, their relationships and
// the owner marker), in batches so a large network never needs one huge transaction
// (1,000 people a batch: 10,000 with their ties overran the transaction memory pool of
// a server with a 2 GB heap on 2,000,000 ties).
// Parameters: none.
// Other data in the database is left alone, and so are the constraints.
// Must run as an auto-commit transaction (cypher-shell and Neo4j Browser do that;
// in Browser, prefix it with :auto).
MATCH (n)
WHERE n:Person OR n:Company OR n:Group OR n:Intropath OR n:Ask
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 1000 ROWS
