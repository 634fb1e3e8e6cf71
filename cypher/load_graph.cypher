// load_graph.cypher: record who owns the network (the default "me" of `intropath find`).
// Parameters:
//   $me  STRING or null  the owner's person id; null removes it
// The network has one marker node, (:Intropath {key: 'graph'}).
MERGE (n:Intropath {key: 'graph'})
SET n.me = $me
