// routes.cypher: all routes from me to people at company X within 3 hops, scored.
// A readable version of search.cypher for exploring by hand: default weights (trust and
// familiarity count fully), no role, and every route listed rather than grouped.
// Parameters:
//   $me       STRING  my person id
//   $company  STRING  the company's key, name or one of its aliases, exactly as stored
// Returns the 25 best routes: people (names, me first), hops, factors (one per hop),
// weight (the target's openness) and score, best first.
// Scoring: the first hop counts trust (will my contact vouch for me?), a middle hop
// trust * familiarity, the last hop familiarity (does the introducer know the target?),
// a one-hop route trust (will my contact refer me?); times the target's openness:
// open 1.0, prefers_email 0.9, no_strangers 0.6.
MATCH (c:Company)
WHERE c.key = $company OR c.name = $company OR $company IN c.aliases
MATCH (c)<-[:WORKS_AT {current: true}]-(t:Person)
WHERE t.id <> $me AND coalesce(t.contact_policy, 'open') <> 'do_not_contact'
WITH DISTINCT t
WITH t, CASE t.contact_policy
          WHEN 'prefers_email' THEN 0.9
          WHEN 'no_strangers' THEN 0.6
          ELSE 1.0
        END AS weight
MATCH route = (:Person {id: $me})-[:KNOWS*1..3]-(t)
WITH route, weight, nodes(route) AS people, relationships(route) AS ties, length(route) AS hops
WHERE all(x IN people[1..] WHERE coalesce(x.contact_policy, 'open') <> 'do_not_contact')
  AND all(i IN range(1, hops) WHERE NOT people[i] IN people[0..i])
WITH people, hops, weight,
     [i IN range(0, hops - 1) |
        CASE
          WHEN hops = 1 OR i = 0 THEN ties[i].trust
          WHEN i = hops - 1 THEN ties[i].familiarity
          ELSE ties[i].trust * ties[i].familiarity
        END] AS factors
WITH people, hops, weight, factors, reduce(s = 1.0, f IN factors | s * f) * weight AS score
WHERE score > 0
RETURN [x IN people | x.name] AS people, hops, factors, weight, score
ORDER BY score DESC, hops ASC
LIMIT 25
