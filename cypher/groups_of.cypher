// groups_of.cypher: the groups a person is in, each with its full member list.
// Parameters:
//   $id  STRING  the person's id
// Returns one row per group: id, name, kind, seq, and members (LIST<MAP> of
// {id, ordinal}; ordinal is the member's position in the group's list).
MATCH (:Person {id: $id})-[:MEMBER_OF]->(g:Group)
MATCH (g)<-[m:MEMBER_OF]-(q:Person)
RETURN g.id AS id, g.name AS name, g.kind AS kind, g.seq AS seq,
       collect({id: q.id, ordinal: m.ordinal}) AS members
