// ties_of.cypher: every tie of one person (the planner asks about "me" often).
// Parameters:
//   $id  STRING  the person's id
// Returns one row per tie: other (the other person's id), trust, familiarity, evidence,
// and do_not_ask (BOOLEAN: the other person is never to be the one asked).
MATCH (:Person {id: $id})-[k:KNOWS]-(o:Person)
RETURN o.id AS other, k.trust AS trust, k.familiarity AS familiarity, k.evidence AS evidence,
       coalesce(o.do_not_ask, false) AS do_not_ask
