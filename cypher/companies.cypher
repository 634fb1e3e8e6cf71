// companies.cypher: every company with its aliases.
// Parameters: none.
// Returns one row per company: key, name, aliases, seq (file order, may be null).
MATCH (c:Company)
RETURN c.key AS key, c.name AS name, c.aliases AS aliases, c.seq AS seq
