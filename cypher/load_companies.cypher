// load_companies.cypher: create or update companies, one row each.
// Parameters:
//   $rows  LIST<MAP>  each {key, name, aliases, seq}:
//          key      STRING        the normalised name (intropath.companies.company_key)
//          name     STRING        the display name
//          aliases  LIST<STRING>  other names people use for it
//          seq      INTEGER       position in the graph file (keeps listings in file order)
UNWIND $rows AS row
MERGE (c:Company {key: row.key})
SET c.name = row.name, c.aliases = row.aliases, c.seq = row.seq
