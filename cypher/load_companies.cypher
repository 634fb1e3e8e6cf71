// load_companies.cypher: create or update companies, one row each.
// Parameters:
//   $rows  LIST<MAP>  each {key, name, aliases, name_keys, seq}:
//          key        STRING        the normalised name (intropath.companies.company_key)
//          name       STRING        the display name
//          aliases    LIST<STRING>  other names people use for it
//          name_keys  LIST<STRING>  the keys of its name and aliases (companies_named.cypher
//                                   finds a company by any of them)
//          seq        INTEGER       position in the graph file (keeps listings in file order)
UNWIND $rows AS row
MERGE (c:Company {key: row.key})
SET c.name = row.name, c.aliases = row.aliases, c.name_keys = row.name_keys, c.seq = row.seq
