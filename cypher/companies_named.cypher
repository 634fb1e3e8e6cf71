// companies_named.cypher: the companies some names can refer to (what a plan looks up,
// instead of every company).
// Parameters:
//   $keys  LIST<STRING>  the names' keys (intropath.companies.company_key of each name)
// Returns one row: companies, a list of {key, name, aliases, seq (file order, may be
// null)}: each company whose key, or the key of one of its names (name_keys: the keys of
// its name and aliases, stored by the load), is in $keys; and each company without
// name_keys (loaded before they were stored), which the caller keys itself.
// One row holding a list: the Python driver spends far more per row than per list item.
MATCH (c:Company)
WHERE c.name_keys IS NULL OR c.key IN $keys OR any(k IN c.name_keys WHERE k IN $keys)
RETURN collect({key: c.key, name: c.name, aliases: c.aliases, seq: c.seq}) AS companies
