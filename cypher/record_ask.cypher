// record_ask.cypher: write one ask to the graph, so a team sees each other's asks.
// Parameters:
//   $ask  MAP  {key, me, via, target, company, channel, status, sent_on, followed_up_on,
//              closed_on}: key is "<me>/<id in the asker's outreach log>", dates are
//              ISO strings (YYYY-MM-DD), channel and the later dates may be null
// Runs: `intropath ask record --backend neo4j` and `intropath asks update --backend neo4j`.
// Idempotent: running it again updates the same (:Ask) node and adds no relationship.
// Returns one row (key) if the three people exist, none otherwise.
MATCH (me:Person {id: $ask.me}), (via:Person {id: $ask.via}), (target:Person {id: $ask.target})
MERGE (a:Ask {key: $ask.key})
SET a.company = $ask.company,
    a.channel = $ask.channel,
    a.status = $ask.status,
    a.sent_on = $ask.sent_on,
    a.followed_up_on = $ask.followed_up_on,
    a.closed_on = $ask.closed_on
MERGE (me)-[:ASKED]->(a)
MERGE (a)-[:VIA]->(via)
MERGE (a)-[:FOR]->(target)
RETURN a.key AS key
