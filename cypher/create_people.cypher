// create_people.cypher: create people into a namespace that holds none yet, one row each.
// Parameters: $rows as in load_people.cypher ({id, props}).
// Returns one row: ids (LIST<STRING>, the people's ids) and nodes (LIST<STRING>, the element
// id of each one's node, in the same order), which create_ties.cypher takes instead of the
// people's ids.
// `intropath neo4j load` runs it instead of load_people.cypher when the network has no
// people when the load starts: nothing can match, so CREATE skips MERGE's look-up and
// locks. A person loaded meanwhile by someone else breaks the uniqueness constraint and
// fails the load, instead of being merged.
UNWIND $rows AS row
CREATE (p:Person {id: row.id})
SET p += row.props
RETURN collect(row.id) AS ids, collect(elementId(p)) AS nodes
