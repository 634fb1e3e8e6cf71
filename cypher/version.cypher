// version.cypher: the server's name, version and edition, and the database this runs in
// (the store pins it: no home-database lookup per query). Also a connection check.
// Parameters: none.
CALL dbms.components() YIELD name, versions, edition
CALL db.info() YIELD name AS database
RETURN name, versions[0] AS version, edition, database
