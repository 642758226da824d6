/* shou-store-stats-schema.h: the statistics' tables (schema step 10 -> 11)
 * and the SQL that derives a request's facts, shared by the step and by
 * shou-store-stats.c. Part of a released step once shipped: never edit,
 * add a step.
 *
 * request_facts holds one row per request with what the statistics count
 * (derived from the request, its timeline, its negotiation rounds and its
 * server data); triggers add each row to stats_days, counts and sums per
 * account, shop, Asia/Shanghai calendar day the request was opened on
 * (UTC+8, no daylight saving), dimension and key, so that a period's
 * figures read a few rows per day whatever the size of the cache. Orders
 * are counted there too, by the day they were created (dimension
 * "orders"). */
#pragma once

/* Microseconds: UTC+8 and one day. */
#define SHOU_STATS_TZ_US  "28800000000"
#define SHOU_STATS_DAY_US "86400000000"

/* The handling-time histogram: minutes to the bucket's lower bound; one
 * minute wide below an hour, ten below a day, an hour beyond. */
#define SHOU_STATS_BUCKET(M) \
  "CASE WHEN " M " < 60 THEN " M " WHEN " M " < 1440 THEN " M " - " M " % 10" \
  " ELSE " M " - " M " % 60 END"

/* The facts of the requests that @WHERE selects (on "r", the requests row). */
#define SHOU_STATS_FACTS_INSERT(WHERE) \
  "INSERT INTO request_facts (rid, account_id, shop_id, day, platform, type, reason, sku," \
  "  intervened, negotiated, outcome, lapsed, handled_us, before_deadline, refunded_fen," \
  "  compensated_fen, shipping_fen, amount_fen)" \
  " SELECT x.rid, x.account_id, x.shop_id, x.day, x.platform, x.type, x.reason, x.sku," \
  "  x.intervened, x.negotiated, x.outcome, x.lapsed, max(x.hs - x.opened_at, 0)," \
  "  x.hs IS NOT NULL AND (x.lp IS NULL OR x.hs < x.lp)," \
  "  CASE WHEN x.status = 'success' AND x.type IN ('cancel', 'refund_only', 'return_refund')" \
  "    THEN coalesce(iif(x.outcome = 'accepted', x.partial_fen, NULL), x.amount_fen) ELSE 0 END," \
  "  iif(x.outcome = 'accepted', coalesce(x.comp_fen, 0), 0)," \
  "  CASE WHEN x.status = 'success' AND x.type IN ('return_refund', 'exchange')" \
  "    THEN coalesce((SELECT json_extract(d.server_data, '$.shipping_fen') FROM request_data d" \
  "      WHERE d.rid = x.rid), 0) ELSE 0 END," \
  "  x.amount_fen" \
  " FROM (SELECT r.rid, r.account_id, r.shop_id, r.opened_at, r.status, r.amount_fen," \
  "  (r.opened_at + " SHOU_STATS_TZ_US ") / " SHOU_STATS_DAY_US " AS day," \
  "  r.platform, r.type, coalesce(r.reason_code, '') AS reason, coalesce(r.sku, '') AS sku," \
  "  r.status = 'intervention' OR EXISTS (SELECT 1 FROM events e WHERE e.rid = r.rid" \
  "    AND e.kind IN ('buyer_escalate', 'platform_refund', 'platform_close')) AS intervened," \
  "  EXISTS (SELECT 1 FROM nego_rounds n WHERE n.rid = r.rid)" \
  "    OR coalesce(r.nego_phase, 'none') != 'none' AS negotiated," \
  "  CASE WHEN EXISTS (SELECT 1 FROM events e WHERE e.rid = r.rid AND e.kind = 'buyer_accept')" \
  "    THEN 'accepted'" \
  "    WHEN EXISTS (SELECT 1 FROM events e WHERE e.rid = r.rid AND e.kind = 'buyer_cancel')" \
  "    THEN 'withdrawn'" \
  "    WHEN EXISTS (SELECT 1 FROM events e WHERE e.rid = r.rid AND e.kind = 'reject')" \
  "    THEN 'rejected' ELSE 'open' END AS outcome," \
  "  EXISTS (SELECT 1 FROM events e WHERE e.rid = r.rid AND e.kind = 'lapse'" \
  "    AND e.actor = 'platform') AS lapsed," \
  "  (SELECT min(e.at) FROM events e WHERE e.rid = r.rid AND e.actor = 'seller'" \
  "    AND e.kind != 'message') AS hs," \
  "  (SELECT min(e.at) FROM events e WHERE e.rid = r.rid AND e.kind = 'lapse'" \
  "    AND e.actor = 'platform') AS lp," \
  "  (SELECT n.amount_fen FROM nego_rounds n WHERE n.rid = r.rid" \
  "    AND n.proposal = 'partial_refund' ORDER BY n.round DESC LIMIT 1) AS partial_fen," \
  "  (SELECT n.amount_fen FROM nego_rounds n WHERE n.rid = r.rid" \
  "    AND n.proposal = 'compensation' ORDER BY n.round DESC LIMIT 1) AS comp_fen" \
  "  FROM requests r WHERE r.opened_at IS NOT NULL AND (" WHERE ")) x"

/* The stats_days rows of fact @F ("new" or "old"), each with weight @SIGN. */
#define SHOU_STATS_FACT_ROWS(F, SIGN) \
  "INSERT INTO stats_days (account_id, shop_id, day, dim, key, n, sum)" \
  " SELECT " F ".account_id, " F ".shop_id, " F ".day, d.dim, d.key, " SIGN ", " SIGN " * d.s FROM (" \
  "  SELECT 'all' AS dim, '' AS key, " F ".amount_fen AS s, 1 AS w" \
  "  UNION ALL SELECT 'reason', " F ".reason, " F ".amount_fen, 1" \
  "  UNION ALL SELECT 'sku', " F ".sku, " F ".amount_fen, 1" \
  "  UNION ALL SELECT 'platform', " F ".platform, 0, 1" \
  "  UNION ALL SELECT 'type', " F ".type, 0, 1" \
  "  UNION ALL SELECT 'intervened', '', 0, " F ".intervened" \
  "  UNION ALL SELECT 'nego', " F ".outcome, 0, " F ".negotiated" \
  "  UNION ALL SELECT 'lapsed', '', 0, " F ".lapsed" \
  "  UNION ALL SELECT 'decided', '', 0, " F ".handled_us IS NOT NULL OR " F ".lapsed" \
  "  UNION ALL SELECT 'before_deadline', '', 0, " F ".before_deadline" \
  "  UNION ALL SELECT 'handled', " SHOU_STATS_BUCKET (F ".handled_us / 60000000") "," \
  "    " F ".handled_us, " F ".handled_us IS NOT NULL" \
  "  UNION ALL SELECT 'refunded', '', " F ".refunded_fen, " F ".refunded_fen > 0" \
  "  UNION ALL SELECT 'compensated', '', " F ".compensated_fen, " F ".compensated_fen > 0" \
  "  UNION ALL SELECT 'shipping', '', " F ".shipping_fen, " F ".shipping_fen > 0" \
  ") d WHERE d.w ON CONFLICT DO UPDATE SET n = n + excluded.n, sum = sum + excluded.sum;"

#define SHOU_STATS_PRUNE(F) \
  "DELETE FROM stats_days WHERE account_id = " F ".account_id AND shop_id = " F ".shop_id" \
  "  AND day = " F ".day AND n <= 0;"

#define SHOU_STATS_ORDER_ROW(F, SIGN) \
  "INSERT INTO stats_days (account_id, shop_id, day, dim, key, n, sum)" \
  " SELECT " F ".account_id, " F ".shop_id, (" F ".created_at + " SHOU_STATS_TZ_US ") / " \
  SHOU_STATS_DAY_US ", 'orders', '', " SIGN ", 0 WHERE " F ".created_at > 0" \
  " ON CONFLICT DO UPDATE SET n = n + excluded.n;"

#define SHOU_STATS_ORDER_PRUNE(F) \
  "DELETE FROM stats_days WHERE account_id = " F ".account_id AND shop_id = " F ".shop_id" \
  "  AND day = (" F ".created_at + " SHOU_STATS_TZ_US ") / " SHOU_STATS_DAY_US \
  "  AND dim = 'orders' AND n <= 0;"

#define SHOU_STATS_SCHEMA_V11 \
  "CREATE TABLE request_facts (" \
  "  rid INTEGER PRIMARY KEY REFERENCES requests(rid) ON DELETE CASCADE," \
  "  account_id TEXT NOT NULL," \
  "  shop_id TEXT NOT NULL," \
  "  day INTEGER NOT NULL," \
  "  platform TEXT NOT NULL," \
  "  type TEXT NOT NULL," \
  "  reason TEXT NOT NULL," \
  "  sku TEXT NOT NULL," \
  "  intervened INTEGER NOT NULL," \
  "  negotiated INTEGER NOT NULL," \
  "  outcome TEXT NOT NULL," \
  "  lapsed INTEGER NOT NULL," \
  "  handled_us INTEGER," \
  "  before_deadline INTEGER NOT NULL," \
  "  refunded_fen INTEGER NOT NULL," \
  "  compensated_fen INTEGER NOT NULL," \
  "  shipping_fen INTEGER NOT NULL," \
  "  amount_fen INTEGER NOT NULL);" \
  "CREATE TABLE stats_days (" \
  "  account_id TEXT NOT NULL," \
  "  shop_id TEXT NOT NULL," \
  "  day INTEGER NOT NULL," \
  "  dim TEXT NOT NULL," \
  "  key TEXT NOT NULL," \
  "  n INTEGER NOT NULL," \
  "  sum INTEGER NOT NULL," \
  "  PRIMARY KEY (account_id, shop_id, day, dim, key)) WITHOUT ROWID;" \
  "CREATE INDEX stats_days_day ON stats_days(day);" \
  "CREATE TRIGGER request_facts_ai AFTER INSERT ON request_facts BEGIN " \
  SHOU_STATS_FACT_ROWS ("new", "1") \
  "END;" \
  "CREATE TRIGGER request_facts_ad AFTER DELETE ON request_facts BEGIN " \
  SHOU_STATS_FACT_ROWS ("old", "-1") \
  SHOU_STATS_PRUNE ("old") \
  "END;" \
  "CREATE TRIGGER stats_orders_ai AFTER INSERT ON orders BEGIN " \
  SHOU_STATS_ORDER_ROW ("new", "1") \
  "END;" \
  "CREATE TRIGGER stats_orders_ad AFTER DELETE ON orders BEGIN " \
  SHOU_STATS_ORDER_ROW ("old", "-1") \
  SHOU_STATS_ORDER_PRUNE ("old") \
  "END;" \
  "CREATE TRIGGER stats_orders_au AFTER UPDATE ON orders" \
  "  WHEN old.created_at IS NOT new.created_at OR old.shop_id != new.shop_id" \
  "    OR old.account_id != new.account_id BEGIN " \
  SHOU_STATS_ORDER_ROW ("old", "-1") \
  SHOU_STATS_ORDER_PRUNE ("old") \
  SHOU_STATS_ORDER_ROW ("new", "1") \
  "END;" \
  SHOU_STATS_FACTS_INSERT ("1") ";" \
  "INSERT INTO stats_days (account_id, shop_id, day, dim, key, n, sum)" \
  " SELECT account_id, shop_id, (created_at + " SHOU_STATS_TZ_US ") / " SHOU_STATS_DAY_US "," \
  "  'orders', '', count(*), 0 FROM orders WHERE created_at > 0 GROUP BY 1, 2, 3" \
  " ON CONFLICT DO UPDATE SET n = n + excluded.n;"
