// team_asks.cypher: every ask the team has recorded, newest first.
// Parameters: none.
// Returns one row per ask: key, me, via, target, company, channel, status, sent_on,
// followed_up_on, closed_on (dates as ISO strings).
// intropath reads it so that one member's ask puts the contact in cooldown for everyone.
MATCH (me:Person)-[:ASKED]->(a:Ask)-[:VIA]->(via:Person),
      (a)-[:FOR]->(target:Person)
RETURN a.key AS key, me.id AS me, via.id AS via, target.id AS target, a.company AS company,
       a.channel AS channel, a.status AS status, a.sent_on AS sent_on,
       a.followed_up_on AS followed_up_on, a.closed_on AS closed_on
ORDER BY sent_on DESC, key ASC
