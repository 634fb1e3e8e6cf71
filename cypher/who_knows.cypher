// who_knows.cypher: who knows person Y, and how well?
// Parameters:
//   $person  STRING  the person's id
// Returns one row per acquaintance, best known first: id, name, contact_policy,
// familiarity, trust, and evidence (a JSON list, or null).
MATCH (:Person {id: $person})-[k:KNOWS]-(p:Person)
RETURN p.id AS id, p.name AS name, p.contact_policy AS contact_policy,
       k.familiarity AS familiarity, k.trust AS trust, k.evidence AS evidence
ORDER BY familiarity DESC, trust DESC, id ASC
