// version.cypher: the server's name, version and edition (also a connection check).
// Parameters: none.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
