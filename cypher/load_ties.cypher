// load_ties.cypher: create or update ties, one row each; a tie is stored once.
// Parameters:
//   $rows  LIST<MAP>  each {a, b, trust, familiarity, evidence, level}:
//          a, b         STRING  the two people's ids (the loader sends a < b)
//          trust        FLOAT   in [0, 1]: how readily each would vouch for the other
//          familiarity  FLOAT   in [0, 1]: how well they know each other now
//          evidence     STRING  a JSON list of the facts behind the numbers, or null
//          level        STRING  what the numbers rest on: rated, interacted, weak or
//                               connected (docs/strength-model.md, "Evidence levels")
// The MERGE pattern has no direction, so it finds the tie whichever way it was stored
// and creates one (in either direction) only when there is none.
UNWIND $rows AS row
MATCH (a:Person {id: row.a})
MATCH (b:Person {id: row.b})
MERGE (a)-[k:KNOWS]-(b)
SET k.trust = row.trust, k.familiarity = row.familiarity, k.evidence = row.evidence,
    k.level = row.level
