// companies.cypher: every company with its aliases.
// Parameters: none.
// Returns one row: companies, a list of {key, name, aliases, seq (file order, may be null)}.
// One row holding a list: the Python driver spends far more per row than per list item.
MATCH (c:Company)
RETURN collect({key: c.key, name: c.name, aliases: c.aliases, seq: c.seq}) AS companies
