// status.cypher: how much of the network is stored.
// Parameters: none.
// Returns one row: people, companies, groups, ties, positions, memberships (INTEGER).
RETURN COUNT { (:Person) } AS people,
       COUNT { (:Company) } AS companies,
       COUNT { (:Group) } AS groups,
       COUNT { (:Person)-[:KNOWS]->() } AS ties,
       COUNT { (:Person)-[:WORKS_AT]->() } AS positions,
       COUNT { (:Person)-[:MEMBER_OF]->() } AS memberships
