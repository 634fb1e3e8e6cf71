// groups_of.cypher: the groups a person is in, each with its full member list.
// Parameters:
//   $id  STRING  the person's id
// Returns one row per group: id, name, kind, seq, and members (LIST<STRING> of ids, in the
// group's order: by the ordinal stored on MEMBER_OF, those without one last, then by id).
// Rows are sorted before they are collected, so each list keeps that order.
MATCH (:Person {id: $id})-[:MEMBER_OF]->(g:Group)
MATCH (g)<-[m:MEMBER_OF]-(q:Person)
WITH g, m.ordinal AS ordinal, q.id AS member
ORDER BY ordinal, member
RETURN g.id AS id, g.name AS name, g.kind AS kind, g.seq AS seq, collect(member) AS members
