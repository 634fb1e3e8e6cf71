// load_memberships.cypher: people's membership of groups, one row per member.
// Parameters:
//   $rows  LIST<MAP>  each {person, group, ordinal}:
//          person   STRING   the member's id
//          group    STRING   the group's id
//          ordinal  INTEGER  the member's position in the group's member list
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MATCH (g:Group {id: row.group})
MERGE (p)-[m:MEMBER_OF]->(g)
SET m.ordinal = row.ordinal
