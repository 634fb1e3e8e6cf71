// load_ties.cypher: create or update ties; a tie is stored once.
// Parameters: columns, one list entry per tie (the driver sends them faster than maps):
//   $a, $b          LIST<STRING>  the two people's ids (the loader sends a < b)
//   $trust          LIST<FLOAT>   in [0, 1]: how readily each would vouch for the other
//   $familiarity    LIST<FLOAT>   in [0, 1]: how well they know each other now
//   $evidence       LIST<STRING>  a JSON list of the facts behind the numbers, or null
//   $level          LIST<STRING>  what the numbers rest on: rated, interacted, weak or
//                                 connected (docs/strength-model.md, "Evidence levels")
// The MERGE pattern has no direction, so it finds the tie whichever way it was stored
// and creates one (in either direction) only when there is none.
UNWIND range(0, size($a) - 1) AS i
MATCH (a:Person {id: $a[i]})
MATCH (b:Person {id: $b[i]})
MERGE (a)-[k:KNOWS]-(b)
SET k.trust = $trust[i], k.familiarity = $familiarity[i], k.evidence = $evidence[i],
    k.level = $level[i]
