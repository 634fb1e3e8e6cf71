// ties_of.cypher: every tie of one person (the planner asks about "me" often).
// Parameters:
//   $id  STRING  the person's id
// Returns one row per tie: other (the other person's id), trust, familiarity, evidence.
MATCH (:Person {id: $id})-[k:KNOWS]-(o:Person)
RETURN o.id AS other, k.trust AS trust, k.familiarity AS familiarity, k.evidence AS evidence
