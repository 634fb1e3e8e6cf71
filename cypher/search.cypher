// search.cypher: whom to ask, searched entirely in Cypher; for running by hand.
// `intropath find --backend neo4j` gives the same answer another way: it fetches the ties
// a path can use (neighbourhood.cypher) and searches them in Python; tests hold the two
// against each other and against the in-memory store.
//
// Parameters:
//   $me        STRING          the asking person's id
//   $targets   LIST<STRING>    ids of the eligible targets (current employees of the company,
//                              not me, not do_not_contact)
//   $weights   MAP             target id -> weight = openness * role match, > 0
//   $max_hops  INTEGER         the longest path, in ties (1 to 6)
//   $wt, $wf   FLOAT           exponents on trust and familiarity (1.0 = count fully)
//   $top       INTEGER         how many paths the caller lists overall (>= 1)
//   $eps       FLOAT           relative margin for near-ties, e.g. 1.0e-9
//   $skip_contacts  LIST<STRING>  ids never to ask (never the first hop); may be []
//   $skip_pairs     MAP           first-hop id -> LIST<STRING> of targets not to count
//                                 through that contact ({t: [t]} rules out asking t
//                                 directly); may be {}
//   $avoid          LIST<STRING>  ids never on a path, like do_not_contact (e.g. a hiring
//                                 manager the user routes around); may be []
//
// A path me -> c1 -> ... -> t is simple (no one twice), at most $max_hops ties long,
// ends at a target, passes no one marked do_not_contact or in $avoid, and is scored
// left to right:
//   first hop trust^wt; middle hops trust^wt * familiarity^wf; last hop familiarity^wf;
//   a one-hop path (t is my own contact) trust^wt; then times t's weight.
// Every factor and the score must be > 0. The first contact must not be marked
// do_not_ask nor be in $skip_contacts, and (first contact, t) must not be in $skip_pairs.
// No detours: a path that passes, after c1, through another of my own contacts y is not
// a way in through c1 unless its product up to y beats asking y directly (trust(me, y)^wt)
// by more than $eps; c1 is then reported with its best such path and y (see below). A
// contact I may not ask (do_not_ask, $skip_contacts) is no such alternative.
//
// How it runs: one fixed-length pattern per hop count, each anchored at both ends (me,
// and the targets through the index on :Person(id)) and joined in the middle with a hash
// join, so a hub's thousands of ties are expanded once instead of once per path. Paths
// are then grouped by their first contact c1.
//
// Returns one row: contacts, a list with one map per first contact that has a path, a
// detour or not (one list, not one row each: the Python driver spends far more per row
// than per list item):
//   contact  STRING   c1's id
//   reach    INTEGER  how many distinct targets c1 leads to (not counting detours)
//   paths    LIST<MAP> candidate paths through c1, each {people, trust, familiarity,
//            evidence} (ids and the tie numbers, hop by hop). They include every path
//            whose score is within $eps of c1's best, and every path within $eps of the
//            $top-th best path overall; the caller re-scores them exactly and picks
//            the best per contact and the top paths overall (score desc, hops asc, ids asc).
//   detours  LIST<MAP> only when c1 has no other path: c1's detours within $eps of the
//            best one, each as in paths plus `through`: the id of my contact to ask instead.
//   people   LIST<MAP> everyone but me on those paths, each {person, positions} as in
//            people.cypher
MATCH (me:Person {id: $me})
CALL (me) {
    MATCH (me)-[r1:KNOWS]-(t:Person)
    WHERE t.id IN $targets
    RETURN [me, t] AS people, [r1] AS ties, [] AS direct
  UNION ALL
    WITH * WHERE $max_hops >= 2
    MATCH (me)-[r1:KNOWS]-(c1:Person)-[r2:KNOWS]-(t:Person)
    USING JOIN ON c1
    WHERE t.id IN $targets
    RETURN [me, c1, t] AS people, [r1, r2] AS ties, [] AS direct
  UNION ALL
    WITH * WHERE $max_hops >= 3
    MATCH (me)-[r1:KNOWS]-(c1:Person)-[r2:KNOWS]-(c2:Person)-[r3:KNOWS]-(t:Person)
    USING JOIN ON c1
    WHERE t.id IN $targets
    RETURN [me, c1, c2, t] AS people, [r1, r2, r3] AS ties,
           [head([(me)-[d:KNOWS]-(c2) | d.trust])] AS direct
  UNION ALL
    WITH * WHERE $max_hops >= 4
    MATCH (me)-[r1:KNOWS]-(c1:Person)-[r2:KNOWS]-(c2:Person)-[r3:KNOWS]-(c3:Person)
          -[r4:KNOWS]-(t:Person)
    USING JOIN ON c2
    WHERE t.id IN $targets
    RETURN [me, c1, c2, c3, t] AS people, [r1, r2, r3, r4] AS ties,
           [head([(me)-[d:KNOWS]-(c2) | d.trust]), head([(me)-[d:KNOWS]-(c3) | d.trust])]
             AS direct
  UNION ALL
    WITH * WHERE $max_hops >= 5
    MATCH (me)-[r1:KNOWS]-(c1:Person)-[r2:KNOWS]-(c2:Person)-[r3:KNOWS]-(c3:Person)
          -[r4:KNOWS]-(c4:Person)-[r5:KNOWS]-(t:Person)
    USING JOIN ON c2
    WHERE t.id IN $targets
    RETURN [me, c1, c2, c3, c4, t] AS people, [r1, r2, r3, r4, r5] AS ties,
           [head([(me)-[d:KNOWS]-(c2) | d.trust]), head([(me)-[d:KNOWS]-(c3) | d.trust]),
            head([(me)-[d:KNOWS]-(c4) | d.trust])] AS direct
  UNION ALL
    WITH * WHERE $max_hops >= 6
    MATCH (me)-[r1:KNOWS]-(c1:Person)-[r2:KNOWS]-(c2:Person)-[r3:KNOWS]-(c3:Person)
          -[r4:KNOWS]-(c4:Person)-[r5:KNOWS]-(c5:Person)-[r6:KNOWS]-(t:Person)
    USING JOIN ON c3
    WHERE t.id IN $targets
    RETURN [me, c1, c2, c3, c4, c5, t] AS people, [r1, r2, r3, r4, r5, r6] AS ties,
           [head([(me)-[d:KNOWS]-(c2) | d.trust]), head([(me)-[d:KNOWS]-(c3) | d.trust]),
            head([(me)-[d:KNOWS]-(c4) | d.trust]), head([(me)-[d:KNOWS]-(c5) | d.trust])]
             AS direct
}
// Valid paths only: no one but me is do_not_contact, no one appears twice, and the
// first contact may be asked about this target.
WITH people, ties, direct, size(ties) AS hops, people[1] AS contact, last(people) AS target
WHERE all(x IN people[1..] WHERE coalesce(x.contact_policy, 'open') <> 'do_not_contact'
                               AND NOT x.id IN $avoid)
  AND all(i IN range(1, hops) WHERE NOT people[i] IN people[0..i])
  AND NOT coalesce(contact.do_not_ask, false)
  AND NOT contact.id IN $skip_contacts
  AND NOT target.id IN coalesce($skip_pairs[contact.id], [])
// Hop factors, in path order, and the score multiplied left to right.
WITH people, ties, direct,
     [i IN range(0, hops - 1) |
        CASE
          WHEN i = 0 THEN ties[i].trust ^ $wt
          WHEN i = hops - 1 THEN ties[i].familiarity ^ $wf
          ELSE (ties[i].trust ^ $wt) * (ties[i].familiarity ^ $wf)
        END] AS factors
WITH people, ties, direct, factors,
     reduce(s = 1.0, f IN factors | s * f) * $weights[last(people).id] AS score
WHERE all(f IN factors WHERE f > 0) AND score > 0
// No detours: the first middle person who is my own contact and whom asking directly
// (trust^wt) is at least as good as the path so far (within $eps), if any.
WITH people, ties, score,
     head([i IN range(0, size(direct) - 1)
           WHERE direct[i] IS NOT NULL
             AND NOT coalesce(people[i + 2].do_not_ask, false)
             AND NOT people[i + 2].id IN $skip_contacts
             AND reduce(s = 1.0, f IN factors[0..i + 2] | s * f) * (1.0 - $eps)
                 <= direct[i] ^ $wt | people[i + 2].id]) AS through
// Group by first contact, best first (rows are sorted before they are collected).
WITH people[1] AS contact, last(people) AS target, people, ties, score, through
ORDER BY score DESC
WITH contact,
     count(DISTINCT CASE WHEN through IS NULL THEN target END) AS reach,
     collect(CASE WHEN through IS NULL THEN {score: score, people: people, ties: ties} END)
       AS found,
     collect(CASE WHEN through IS NOT NULL
                  THEN {score: score, people: people, ties: ties, through: through} END)
       AS detours
// Keep each contact's $top best paths, and any path within $eps of the last one kept.
WITH contact, reach, found, detours,
     CASE WHEN size(found) < $top THEN size(found) ELSE $top END AS n
WITH contact, reach, detours,
     [p IN found WHERE p.score >= found[n - 1].score * (1.0 - $eps)] AS kept
WITH collect({contact: contact, reach: reach, kept: kept, detours: detours}) AS groups
// The $top-th best score overall.
CALL (groups) {
  UNWIND groups AS g
  UNWIND g.kept AS p
  WITH p.score AS s
  ORDER BY s DESC
  LIMIT $top
  RETURN min(s) AS nth
}
UNWIND groups AS g
WITH g, g.kept[0].score * (1.0 - $eps) AS near, nth * (1.0 - $eps) AS cut,
     CASE WHEN size(g.kept) = 0 THEN g.detours[0].score * (1.0 - $eps) END AS nearest_detour
WITH g, [p IN g.kept WHERE p.score >= near OR p.score >= cut] AS chosen,
     [p IN g.detours WHERE p.score >= nearest_detour] AS detours
RETURN collect({
  contact: g.contact.id,
  reach: g.reach,
  paths: [p IN chosen |
            {people: [x IN p.people | x.id],
             trust: [r IN p.ties | r.trust],
             familiarity: [r IN p.ties | r.familiarity],
             evidence: [r IN p.ties | r.evidence]}],
  detours: [p IN detours |
              {people: [x IN p.people | x.id],
               trust: [r IN p.ties | r.trust],
               familiarity: [r IN p.ties | r.familiarity],
               evidence: [r IN p.ties | r.evidence],
               through: p.through}],
  // Everyone on those paths but me, as people.cypher returns them: the explanations
  // need them, and fetching them here saves a round trip.
  people: [x IN reduce(s = [], p IN chosen + detours | s + [y IN p.people[1..] WHERE NOT y IN s]) |
             {person: properties(x),
              positions: [(x)-[w:WORKS_AT]->(c:Company) | w {.*, company_key: c.key}]}]
}) AS contacts
