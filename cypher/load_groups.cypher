// load_groups.cypher: create or update groups (schools, communities...), one row each.
// Parameters:
//   $rows  LIST<MAP>  each {id, name, kind, seq}:
//          id    STRING   the group's id
//          name  STRING   its name
//          kind  STRING   'school', 'community' or 'group'
//          seq   INTEGER  position in the graph file
UNWIND $rows AS row
MERGE (g:Group {id: row.id})
SET g.name = row.name, g.kind = row.kind, g.seq = row.seq
