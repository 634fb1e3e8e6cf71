// schema.cypher: constraints (and their backing indexes) the other statements rely on.
// Parameters: none.
// Runs: `intropath neo4j load` runs it before loading; IF NOT EXISTS makes it safe to repeat.
// Each uniqueness constraint also creates the range index used to find nodes by key,
// e.g. MATCH (p:Person {id: $id}) is an index seek, not a label scan.
CREATE CONSTRAINT intropath_person_id IF NOT EXISTS
FOR (p:Person) REQUIRE p.id IS UNIQUE;

CREATE CONSTRAINT intropath_company_key IF NOT EXISTS
FOR (c:Company) REQUIRE c.key IS UNIQUE;

CREATE CONSTRAINT intropath_group_id IF NOT EXISTS
FOR (g:Group) REQUIRE g.id IS UNIQUE;

CREATE CONSTRAINT intropath_graph_key IF NOT EXISTS
FOR (n:Intropath) REQUIRE n.key IS UNIQUE;

CREATE CONSTRAINT intropath_ask_key IF NOT EXISTS
FOR (a:Ask) REQUIRE a.key IS UNIQUE;
