// ties_of.cypher: every tie of one person (the planner asks about "me" often).
// Parameters:
//   $id  STRING  the person's id
// Returns one row: ties, a list with one map per tie: other (the other person's id), trust,
// familiarity, evidence, and do_not_ask (BOOLEAN: the other person is never to be asked).
// One row holding a list: the Python driver spends far more per row than per list item.
MATCH (:Person {id: $id})-[k:KNOWS]-(o:Person)
RETURN collect({other: o.id, trust: k.trust, familiarity: k.familiarity, evidence: k.evidence,
                do_not_ask: coalesce(o.do_not_ask, false)}) AS ties
