// details.cypher: the people and ties a plan explains, fetched in one round trip.
// Parameters:
//   $ids    LIST<STRING>         people's ids (unknown ids are skipped)
//   $pairs  LIST<LIST<STRING>>   ties as [a, b] pairs of ids (a pair with no tie is skipped)
// Returns one row: people (LIST<MAP>, each {person, positions} as people.cypher returns
// them) and ties (LIST<MAP>, each {a, b, trust, familiarity, evidence}).
CALL () {
  UNWIND $ids AS id
  MATCH (p:Person {id: id})
  RETURN collect({person: properties(p),
                  positions: [(p)-[w:WORKS_AT]->(c:Company) | w {.*, company_key: c.key}]})
           AS people
}
CALL () {
  UNWIND $pairs AS pair
  MATCH (:Person {id: pair[0]})-[k:KNOWS]-(:Person {id: pair[1]})
  RETURN collect({a: pair[0], b: pair[1], trust: k.trust, familiarity: k.familiarity,
                  evidence: k.evidence}) AS ties
}
RETURN people, ties
