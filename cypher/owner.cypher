// owner.cypher: the network's owner, the default "me".
// Parameters: none.
// Returns: me (STRING, or null when no owner was loaded); no row on an empty database.
MATCH (n:Intropath {key: 'graph'})
RETURN n.me AS me
