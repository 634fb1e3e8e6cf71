// shared_groups.cypher: the groups a person is in that hold any of some other people, each
// with only those of them who are members (what `find` lists as shared groups).
// Parameters:
//   $id      STRING        the person's id
//   $others  LIST<STRING>  the other people's ids
// Returns one row: groups, a list of {id, name, kind, seq, members} where members lists
// the ids among $others in the group's order (by the ordinal stored on MEMBER_OF, those
// without one last, then by id).
// It walks from each of $others to their groups, never from a group to its members: a
// school may have tens of thousands.
MATCH (:Person {id: $id})-[:MEMBER_OF]->(g:Group)
WITH collect(g) AS mine
UNWIND CASE WHEN size(mine) = 0 THEN [] ELSE $others END AS other
MATCH (:Person {id: other})-[m:MEMBER_OF]->(g:Group)
WHERE g IN mine
WITH g, m.ordinal AS ordinal, other
ORDER BY ordinal, other
WITH g, collect(other) AS members
RETURN collect({id: g.id, name: g.name, kind: g.kind, seq: g.seq, members: members}) AS groups
