// who_i_know_at.cypher: who do I know at company X? My own contacts who work there now.
// Parameters:
//   $me       STRING  my person id
//   $company  STRING  the company's key, name or one of its aliases, exactly as stored
//                     (e.g. 'muse', 'The Muse' or 'Muse')
// Returns one row per contact, strongest first: id, name, title, contact_policy,
// trust and familiarity of our tie.
MATCH (c:Company)
WHERE c.key = $company OR c.name = $company OR $company IN c.aliases
MATCH (:Person {id: $me})-[k:KNOWS]-(p:Person)-[w:WORKS_AT {current: true}]->(c)
RETURN p.id AS id, p.name AS name, w.title AS title, p.contact_policy AS contact_policy,
       k.trust AS trust, k.familiarity AS familiarity
ORDER BY trust DESC, familiarity DESC, id ASC
