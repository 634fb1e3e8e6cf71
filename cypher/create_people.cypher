// create_people.cypher: create people into a namespace that holds none yet, one row each.
// Parameters: $rows as in load_people.cypher ({id, props}).
// `intropath neo4j load` runs it instead of load_people.cypher when the network has no
// people when the load starts: nothing can match, so CREATE skips MERGE's look-up and
// locks. A person loaded meanwhile by someone else breaks the uniqueness constraint and
// fails the load, instead of being merged.
UNWIND $rows AS row
CREATE (p:Person {id: row.id})
SET p += row.props
