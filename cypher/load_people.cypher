// load_people.cypher: create or update people, one row each.
// Parameters:
//   $rows  LIST<MAP>  each {id, props}:
//          id     STRING  the person's id
//          props  MAP     every other field of the person: name, headline, email,
//                         profile_url, contact_policy, recruiter, hiring_manager,
//                         sources, seq (position in the graph file); a null value
//                         removes the property
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
SET p += row.props
