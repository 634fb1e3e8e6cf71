// tie.cypher: the tie between two people, if any.
// Parameters:
//   $a, $b  STRING  the two people's ids (either order)
// Returns at most one row: trust, familiarity, evidence (a JSON string, or null).
MATCH (:Person {id: $a})-[k:KNOWS]-(:Person {id: $b})
RETURN k.trust AS trust, k.familiarity AS familiarity, k.evidence AS evidence
LIMIT 1
