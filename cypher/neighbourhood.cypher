// neighbourhood.cypher: every tie a path search of up to $max_hops can use, as columns.
// What `intropath find --backend neo4j` fetches; intropath then searches these ties in
// Python exactly as the in-memory store does (search.cypher is the same search in Cypher).
//
// Parameters:
//   $me        STRING         the asking person's id
//   $targets   LIST<STRING>   ids of the eligible targets
//   $max_hops  INTEGER        the longest path, in ties (1 to 6)
//   $avoid     LIST<STRING>   ids never on a path (like do_not_contact); may be []
//
// "Open" below means: not me, not marked do_not_contact, not in $avoid; only open people
// are ever on a path past me. The ties returned are
//   - all of my own ties (the detour rule compares a path with asking my contact directly,
//     and the do_not_ask list is read from them);
//   - for each position i = 1 .. $max_hops - 1 on a path, the ties from R(i) to B(k-1-i),
//     where k = $max_hops, R(1) is my open contacts who may be asked (not do_not_ask),
//     R(i+1) the people those ties reach,
//     and B(j) the open people within j ties of an open target (by breadth-first layers).
// Every tie of every qualifying path is among them: on a path me = x0, x1, ..., xL = t
// (L <= k) the tie (xi, xi+1) has xi in R(i) and xi+1 within L-i-1 <= k-1-i ties of t.
// Each layer is expanded once, from the smaller of its two sides, with DISTINCT, so a
// hub's ties are read once and no path is ever enumerated. A tie's far end is checked
// for its label once per person (in a layer) or not at all (a layer's people are known).
//
// Returns one row of parallel lists (the Python driver spends far more per row than per
// list item):
//   mine, mine_trust, mine_familiarity, mine_evidence, mine_do_not_ask, mine_blocked
//       my ties: the other person's id, the tie's numbers and evidence (JSON string, or ''
//       for none), whether they are marked do_not_ask, and whether do_not_contact
//   a, b, trust, familiarity
//       the other ties, as the two ids and the numbers (a tie may come more than once)
// No row when $me is unknown.
MATCH (me:Person {id: $me})
CALL (me) {
  MATCH (me)-[k:KNOWS]-(c:Person)
  WITH c, k, coalesce(c.contact_policy, 'open') = 'do_not_contact' AS blocked
  RETURN collect(c.id) AS mine, collect(k.trust) AS mine_trust,
         collect(k.familiarity) AS mine_familiarity,
         collect(coalesce(k.evidence, '')) AS mine_evidence,
         collect(coalesce(c.do_not_ask, false)) AS mine_do_not_ask,
         collect(blocked) AS mine_blocked,
         collect(CASE WHEN NOT blocked AND NOT c.id IN $avoid AND NOT coalesce(c.do_not_ask, false)
                      THEN c END) AS contacts
}
// B(0): the open targets; then each further layer, only as deep as the search needs.
CALL (me) {
  MATCH (t:Person)
  WHERE t.id IN $targets AND t <> me
    AND coalesce(t.contact_policy, 'open') <> 'do_not_contact' AND NOT t.id IN $avoid
  RETURN collect(t) AS b0
}
CALL (me, b0) {
  UNWIND CASE WHEN $max_hops >= 3 THEN b0 ELSE [] END AS y
  MATCH (y)-[:KNOWS]-(x)
  WHERE NOT x IN b0
  WITH collect(DISTINCT x) AS found
  RETURN b0 + [x IN found WHERE x:Person AND x <> me
                         AND coalesce(x.contact_policy, 'open') <> 'do_not_contact'
                         AND NOT x.id IN $avoid] AS b1
}
CALL (me, b0, b1) {
  UNWIND CASE WHEN $max_hops >= 4 THEN b1[size(b0)..] ELSE [] END AS y
  MATCH (y)-[:KNOWS]-(x)
  WHERE NOT x IN b1
  WITH collect(DISTINCT x) AS found
  RETURN b1 + [x IN found WHERE x:Person AND x <> me
                         AND coalesce(x.contact_policy, 'open') <> 'do_not_contact'
                         AND NOT x.id IN $avoid] AS b2
}
CALL (me, b1, b2) {
  UNWIND CASE WHEN $max_hops >= 5 THEN b2[size(b1)..] ELSE [] END AS y
  MATCH (y)-[:KNOWS]-(x)
  WHERE NOT x IN b2
  WITH collect(DISTINCT x) AS found
  RETURN b2 + [x IN found WHERE x:Person AND x <> me
                         AND coalesce(x.contact_policy, 'open') <> 'do_not_contact'
                         AND NOT x.id IN $avoid] AS b3
}
CALL (me, b2, b3) {
  UNWIND CASE WHEN $max_hops >= 6 THEN b3[size(b2)..] ELSE [] END AS y
  MATCH (y)-[:KNOWS]-(x)
  WHERE NOT x IN b3
  WITH collect(DISTINCT x) AS found
  RETURN b3 + [x IN found WHERE x:Person AND x <> me
                         AND coalesce(x.contact_policy, 'open') <> 'do_not_contact'
                         AND NOT x.id IN $avoid] AS b4
}
WITH mine, mine_trust, mine_familiarity, mine_evidence, mine_do_not_ask, mine_blocked,
     contacts, [b0, b1, b2, b3, b4] AS within
// Position i = 1 .. 5: the ties from R(i) to B(k-1-i), expanded from the smaller side.
CALL (contacts, within) {
  WITH contacts AS r, CASE WHEN $max_hops > 1 THEN within[$max_hops - 2] ELSE [] END AS b
  CALL (r, b) {
    UNWIND CASE WHEN size(r) <= size(b) THEN r ELSE [] END AS u
    MATCH (u)-[k:KNOWS]-(v)
    WHERE v IN b
    RETURN u, k, v
    UNION ALL
    UNWIND CASE WHEN size(r) > size(b) THEN b ELSE [] END AS v
    MATCH (v)-[k:KNOWS]-(u)
    WHERE u IN r
    RETURN u, k, v
  }
  RETURN collect(u.id) AS a1, collect(v.id) AS b1, collect(k.trust) AS t1,
         collect(k.familiarity) AS f1, collect(DISTINCT v) AS r2
}
CALL (r2, within) {
  WITH r2 AS r, CASE WHEN $max_hops > 2 THEN within[$max_hops - 3] ELSE [] END AS b
  CALL (r, b) {
    UNWIND CASE WHEN size(r) <= size(b) THEN r ELSE [] END AS u
    MATCH (u)-[k:KNOWS]-(v)
    WHERE v IN b
    RETURN u, k, v
    UNION ALL
    UNWIND CASE WHEN size(r) > size(b) THEN b ELSE [] END AS v
    MATCH (v)-[k:KNOWS]-(u)
    WHERE u IN r
    RETURN u, k, v
  }
  RETURN collect(u.id) AS a2, collect(v.id) AS b2, collect(k.trust) AS t2,
         collect(k.familiarity) AS f2, collect(DISTINCT v) AS r3
}
CALL (r3, within) {
  WITH r3 AS r, CASE WHEN $max_hops > 3 THEN within[$max_hops - 4] ELSE [] END AS b
  CALL (r, b) {
    UNWIND CASE WHEN size(r) <= size(b) THEN r ELSE [] END AS u
    MATCH (u)-[k:KNOWS]-(v)
    WHERE v IN b
    RETURN u, k, v
    UNION ALL
    UNWIND CASE WHEN size(r) > size(b) THEN b ELSE [] END AS v
    MATCH (v)-[k:KNOWS]-(u)
    WHERE u IN r
    RETURN u, k, v
  }
  RETURN collect(u.id) AS a3, collect(v.id) AS b3, collect(k.trust) AS t3,
         collect(k.familiarity) AS f3, collect(DISTINCT v) AS r4
}
CALL (r4, within) {
  WITH r4 AS r, CASE WHEN $max_hops > 4 THEN within[$max_hops - 5] ELSE [] END AS b
  CALL (r, b) {
    UNWIND CASE WHEN size(r) <= size(b) THEN r ELSE [] END AS u
    MATCH (u)-[k:KNOWS]-(v)
    WHERE v IN b
    RETURN u, k, v
    UNION ALL
    UNWIND CASE WHEN size(r) > size(b) THEN b ELSE [] END AS v
    MATCH (v)-[k:KNOWS]-(u)
    WHERE u IN r
    RETURN u, k, v
  }
  RETURN collect(u.id) AS a4, collect(v.id) AS b4, collect(k.trust) AS t4,
         collect(k.familiarity) AS f4, collect(DISTINCT v) AS r5
}
CALL (r5, within) {
  WITH r5 AS r, CASE WHEN $max_hops > 5 THEN within[$max_hops - 6] ELSE [] END AS b
  CALL (r, b) {
    UNWIND CASE WHEN size(r) <= size(b) THEN r ELSE [] END AS u
    MATCH (u)-[k:KNOWS]-(v)
    WHERE v IN b
    RETURN u, k, v
    UNION ALL
    UNWIND CASE WHEN size(r) > size(b) THEN b ELSE [] END AS v
    MATCH (v)-[k:KNOWS]-(u)
    WHERE u IN r
    RETURN u, k, v
  }
  RETURN collect(u.id) AS a5, collect(v.id) AS b5, collect(k.trust) AS t5,
         collect(k.familiarity) AS f5
}
RETURN mine, mine_trust, mine_familiarity, mine_evidence, mine_do_not_ask, mine_blocked,
       a1 + a2 + a3 + a4 + a5 AS a, b1 + b2 + b3 + b4 + b5 AS b,
       t1 + t2 + t3 + t4 + t5 AS trust, f1 + f2 + f3 + f4 + f5 AS familiarity
