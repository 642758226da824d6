/* shou-hub-schema.c: the migrations. Version 1 is the simulator's first
 * schema; version 2 puts the merchant first in every table's key, so that
 * a hosted hub can shard its tables by merchant (API.md "Scale"). Tables
 * keep an index on the id alone for the lookups that do not carry the
 * merchant yet (the simulated platform's own). */
#include "config.h"

#include "shou-hub-schema.h"

#define AFTERSALE_COLUMNS(INT, TEXT) \
  "  shop_id " TEXT " NOT NULL, order_id " TEXT " NOT NULL, line_id " TEXT " NOT NULL," \
  "  platform_id " TEXT " NOT NULL, reason_code " TEXT ", reason_text " TEXT ", buyer_text " TEXT "," \
  "  return_address_id " TEXT ", shipping_fen " INT " NOT NULL, updated_at " INT " NOT NULL," \
  "  platform " INT " NOT NULL, type " INT " NOT NULL, status " INT " NOT NULL," \
  "  order_state " INT " NOT NULL, cod " INT " NOT NULL, opened_at " INT " NOT NULL," \
  "  status_since " INT " NOT NULL, amount_fen " INT " NOT NULL, paid_fen " INT " NOT NULL," \
  "  good_status " INT " NOT NULL, nego_phase " INT " NOT NULL, nego_sent_at " INT " NOT NULL," \
  "  return_shipped " INT " NOT NULL, last_logistics_at " INT " NOT NULL," \
  "  status_before " INT " NOT NULL, version " INT " NOT NULL, exchange_shipped " INT " NOT NULL," \
  "  nego_proposal " INT " NOT NULL, nego_amount_fen " INT " NOT NULL, doc " TEXT " NOT NULL," \
  "  lapse_at " INT ", change_seq " INT " NOT NULL"

#define AFTERSALE_NAMES \
  "shop_id, order_id, line_id, platform_id, reason_code, reason_text, buyer_text," \
  " return_address_id, shipping_fen, updated_at, platform, type, status, order_state, cod," \
  " opened_at, status_since, amount_fen, paid_fen, good_status, nego_phase, nego_sent_at," \
  " return_shipped, last_logistics_at, status_before, version, exchange_shipped, nego_proposal," \
  " nego_amount_fen, doc, lapse_at, change_seq"

static const char sqlite_1[] =
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS merchants (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
  "  token TEXT NOT NULL UNIQUE, ord INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS shops (id TEXT PRIMARY KEY, merchant_id TEXT NOT NULL,"
  "  platform TEXT NOT NULL, name TEXT NOT NULL, ord INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, shop_id TEXT NOT NULL,"
  "  merchant_id TEXT NOT NULL, data TEXT NOT NULL, version INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL, change_seq INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS orders_feed ON orders (merchant_id, change_seq);"
  "CREATE TABLE IF NOT EXISTS aftersales (id TEXT PRIMARY KEY, merchant_id TEXT NOT NULL,"
  AFTERSALE_COLUMNS ("INTEGER", "TEXT") ");"
  "CREATE INDEX IF NOT EXISTS aftersales_feed ON aftersales (merchant_id, change_seq);"
  "CREATE INDEX IF NOT EXISTS aftersales_lapse ON aftersales (lapse_at) WHERE lapse_at IS NOT NULL;"
  "CREATE INDEX IF NOT EXISTS aftersales_line ON aftersales (line_id);"
  "CREATE INDEX IF NOT EXISTS aftersales_status ON aftersales (status);"
  "CREATE INDEX IF NOT EXISTS aftersales_address ON aftersales (return_address_id) WHERE return_address_id IS NOT NULL;"
  "CREATE TABLE IF NOT EXISTS addresses (id TEXT PRIMARY KEY, shop_id TEXT NOT NULL,"
  "  merchant_id TEXT NOT NULL, data TEXT NOT NULL, version INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL, change_seq INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS addresses_feed ON addresses (merchant_id, change_seq);"
  "CREATE INDEX IF NOT EXISTS addresses_shop ON addresses (shop_id);"
  "CREATE TABLE IF NOT EXISTS evidence (sha256 TEXT PRIMARY KEY, content_type TEXT NOT NULL,"
  "  size INTEGER NOT NULL, data BLOB NOT NULL);"
  "CREATE TABLE IF NOT EXISTS idempotency (merchant_id TEXT NOT NULL, key TEXT NOT NULL,"
  "  body_hash TEXT NOT NULL, status INTEGER NOT NULL, response TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL, PRIMARY KEY (merchant_id, key));"
  "INSERT OR IGNORE INTO meta (key, value) VALUES ('seq', 0);";

/* SQLite cannot change a primary key: each table is copied into its new
 * shape. Evidence belongs to the merchants whose requests list it. */
static const char sqlite_2[] =
  "CREATE TABLE merchants2 (merchant_id TEXT PRIMARY KEY, name TEXT NOT NULL,"
  "  token TEXT NOT NULL UNIQUE, ord INTEGER NOT NULL);"
  "INSERT INTO merchants2 SELECT id, name, token, ord FROM merchants;"
  "DROP TABLE merchants; ALTER TABLE merchants2 RENAME TO merchants;"
  "CREATE TABLE shops2 (merchant_id TEXT NOT NULL, id TEXT NOT NULL, platform TEXT NOT NULL,"
  "  name TEXT NOT NULL, ord INTEGER NOT NULL, PRIMARY KEY (merchant_id, id));"
  "INSERT INTO shops2 SELECT merchant_id, id, platform, name, ord FROM shops ORDER BY rowid;"
  "DROP TABLE shops; ALTER TABLE shops2 RENAME TO shops;"
  "CREATE UNIQUE INDEX shops_id ON shops (id);"
  "CREATE TABLE orders2 (merchant_id TEXT NOT NULL, id TEXT NOT NULL, shop_id TEXT NOT NULL,"
  "  data TEXT NOT NULL, version INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
  "  change_seq INTEGER NOT NULL, PRIMARY KEY (merchant_id, id));"
  "INSERT INTO orders2 SELECT merchant_id, id, shop_id, data, version, updated_at, change_seq"
  "  FROM orders ORDER BY rowid;"
  "DROP TABLE orders; ALTER TABLE orders2 RENAME TO orders;"
  "CREATE INDEX orders_feed ON orders (merchant_id, change_seq);"
  "CREATE UNIQUE INDEX orders_id ON orders (id);"
  "CREATE TABLE aftersales2 (merchant_id TEXT NOT NULL, id TEXT NOT NULL,"
  AFTERSALE_COLUMNS ("INTEGER", "TEXT") ", PRIMARY KEY (merchant_id, id));"
  "INSERT INTO aftersales2 (merchant_id, id, " AFTERSALE_NAMES ") SELECT merchant_id, id, "
  AFTERSALE_NAMES " FROM aftersales ORDER BY rowid;"
  "DROP TABLE aftersales; ALTER TABLE aftersales2 RENAME TO aftersales;"
  "CREATE INDEX aftersales_feed ON aftersales (merchant_id, change_seq);"
  "CREATE UNIQUE INDEX aftersales_id ON aftersales (id);"
  "CREATE INDEX aftersales_lapse ON aftersales (lapse_at) WHERE lapse_at IS NOT NULL;"
  "CREATE INDEX aftersales_line ON aftersales (line_id);"
  "CREATE INDEX aftersales_status ON aftersales (status);"
  "CREATE INDEX aftersales_address ON aftersales (return_address_id) WHERE return_address_id IS NOT NULL;"
  "CREATE TABLE addresses2 (merchant_id TEXT NOT NULL, id TEXT NOT NULL, shop_id TEXT NOT NULL,"
  "  data TEXT NOT NULL, version INTEGER NOT NULL, deleted INTEGER NOT NULL,"
  "  change_seq INTEGER NOT NULL, PRIMARY KEY (merchant_id, id));"
  "INSERT INTO addresses2 SELECT merchant_id, id, shop_id, data, version, deleted, change_seq"
  "  FROM addresses ORDER BY rowid;"
  "DROP TABLE addresses; ALTER TABLE addresses2 RENAME TO addresses;"
  "CREATE INDEX addresses_feed ON addresses (merchant_id, change_seq);"
  "CREATE INDEX addresses_shop ON addresses (merchant_id, shop_id);"
  "CREATE UNIQUE INDEX addresses_id ON addresses (id);"
  "CREATE TABLE evidence2 (merchant_id TEXT NOT NULL, sha256 TEXT NOT NULL,"
  "  content_type TEXT NOT NULL, size INTEGER NOT NULL, data BLOB NOT NULL,"
  "  PRIMARY KEY (merchant_id, sha256));"
  "INSERT OR IGNORE INTO evidence2 SELECT a.merchant_id, e.sha256, e.content_type, e.size, e.data"
  "  FROM evidence e JOIN aftersales a ON instr (a.doc, e.sha256) > 0;"
  "DROP TABLE evidence; ALTER TABLE evidence2 RENAME TO evidence;"
  "CREATE TABLE feed_counters (merchant_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);"
  "INSERT INTO feed_counters SELECT merchant_id, MAX (change_seq) FROM (SELECT merchant_id, change_seq"
  "  FROM orders UNION ALL SELECT merchant_id, change_seq FROM aftersales UNION ALL"
  "  SELECT merchant_id, change_seq FROM addresses) AS c GROUP BY merchant_id;";

/* PostgreSQL: the same tables; ids come from sequences, feed positions
 * from feed_counters (shou-hub-store-pg.c). */
static const char postgresql_1[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL);"
  "CREATE TABLE merchants (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
  "  token TEXT NOT NULL UNIQUE, ord BIGSERIAL);"
  "CREATE TABLE shops (id TEXT PRIMARY KEY, merchant_id TEXT NOT NULL,"
  "  platform TEXT NOT NULL, name TEXT NOT NULL, ord BIGSERIAL);"
  "CREATE TABLE orders (id TEXT PRIMARY KEY, shop_id TEXT NOT NULL,"
  "  merchant_id TEXT NOT NULL, data TEXT NOT NULL, version BIGINT NOT NULL,"
  "  updated_at BIGINT NOT NULL, change_seq BIGINT NOT NULL);"
  "CREATE TABLE aftersales (id TEXT PRIMARY KEY, merchant_id TEXT NOT NULL,"
  AFTERSALE_COLUMNS ("BIGINT", "TEXT") ");"
  "CREATE TABLE addresses (id TEXT PRIMARY KEY, shop_id TEXT NOT NULL,"
  "  merchant_id TEXT NOT NULL, data TEXT NOT NULL, version BIGINT NOT NULL,"
  "  deleted INTEGER NOT NULL, change_seq BIGINT NOT NULL, ord BIGSERIAL);"
  "CREATE TABLE evidence (sha256 TEXT PRIMARY KEY, content_type TEXT NOT NULL,"
  "  size BIGINT NOT NULL, data BYTEA NOT NULL);"
  "CREATE TABLE idempotency (merchant_id TEXT NOT NULL, key TEXT NOT NULL,"
  "  body_hash TEXT NOT NULL, status INTEGER NOT NULL, response TEXT NOT NULL,"
  "  created_at BIGINT NOT NULL, PRIMARY KEY (merchant_id, key));"
  "CREATE SEQUENCE id_order; CREATE SEQUENCE id_aftersale; CREATE SEQUENCE id_address;";

static const char postgresql_2[] =
  "ALTER TABLE merchants RENAME COLUMN id TO merchant_id;"
  "ALTER TABLE shops DROP CONSTRAINT shops_pkey, ADD PRIMARY KEY (merchant_id, id);"
  "CREATE UNIQUE INDEX shops_id ON shops (id);"
  "ALTER TABLE orders DROP CONSTRAINT orders_pkey, ADD PRIMARY KEY (merchant_id, id);"
  "CREATE INDEX orders_feed ON orders (merchant_id, change_seq);"
  "CREATE UNIQUE INDEX orders_id ON orders (id);"
  "ALTER TABLE aftersales DROP CONSTRAINT aftersales_pkey, ADD PRIMARY KEY (merchant_id, id);"
  "CREATE INDEX aftersales_feed ON aftersales (merchant_id, change_seq);"
  "CREATE UNIQUE INDEX aftersales_id ON aftersales (id);"
  "CREATE INDEX aftersales_lapse ON aftersales (lapse_at) WHERE lapse_at IS NOT NULL;"
  "CREATE INDEX aftersales_line ON aftersales (line_id);"
  "CREATE INDEX aftersales_status ON aftersales (status);"
  "CREATE INDEX aftersales_address ON aftersales (return_address_id) WHERE return_address_id IS NOT NULL;"
  "ALTER TABLE addresses DROP CONSTRAINT addresses_pkey, ADD PRIMARY KEY (merchant_id, id);"
  "CREATE INDEX addresses_feed ON addresses (merchant_id, change_seq);"
  "CREATE INDEX addresses_shop ON addresses (merchant_id, shop_id);"
  "CREATE UNIQUE INDEX addresses_id ON addresses (id);"
  "CREATE TABLE evidence2 (merchant_id TEXT NOT NULL, sha256 TEXT NOT NULL,"
  "  content_type TEXT NOT NULL, size BIGINT NOT NULL, data BYTEA NOT NULL,"
  "  PRIMARY KEY (merchant_id, sha256));"
  "INSERT INTO evidence2 SELECT DISTINCT a.merchant_id, e.sha256, e.content_type, e.size, e.data"
  "  FROM evidence e JOIN aftersales a ON strpos (a.doc, e.sha256) > 0;"
  "DROP TABLE evidence; ALTER TABLE evidence2 RENAME TO evidence;"
  "CREATE TABLE feed_counters (merchant_id TEXT PRIMARY KEY, seq BIGINT NOT NULL);"
  "INSERT INTO feed_counters SELECT merchant_id, MAX (change_seq) FROM (SELECT merchant_id, change_seq"
  "  FROM orders UNION ALL SELECT merchant_id, change_seq FROM aftersales UNION ALL"
  "  SELECT merchant_id, change_seq FROM addresses) AS c GROUP BY merchant_id;";

/* Version 3: a team on one merchant. Staff members have their own tokens
 * and a role (owner, or agent with amount caps); claims lease a request to
 * one of them; the audit lists who did what. */
#define TEAM_TABLES(INT) \
  "CREATE TABLE staff (merchant_id TEXT NOT NULL, staff_id TEXT NOT NULL, name TEXT NOT NULL," \
  "  token TEXT NOT NULL UNIQUE, role TEXT NOT NULL, cap_action_fen " INT " NOT NULL," \
  "  cap_day_fen " INT " NOT NULL, PRIMARY KEY (merchant_id, staff_id));" \
  "CREATE TABLE claims (merchant_id TEXT NOT NULL, aftersale_id TEXT NOT NULL," \
  "  staff_id TEXT NOT NULL, expires_at " INT " NOT NULL, PRIMARY KEY (merchant_id, aftersale_id));" \
  "CREATE TABLE audit (merchant_id TEXT NOT NULL, seq " INT " NOT NULL, at " INT " NOT NULL," \
  "  staff_id TEXT, action TEXT NOT NULL, aftersale_id TEXT, amount_fen " INT " NOT NULL," \
  "  day TEXT NOT NULL, status INTEGER NOT NULL, PRIMARY KEY (merchant_id, seq));" \
  "CREATE INDEX audit_day ON audit (merchant_id, staff_id, day);"

static const char sqlite_3[] = TEAM_TABLES ("INTEGER");
static const char postgresql_3[] = TEAM_TABLES ("BIGINT") "CREATE SEQUENCE id_audit;";

/* Version 4: claims are change-feed entities (API.md "GET /v1/changes"):
 * a released or expired claim stays as a row with its state, and every
 * change takes a feed position. Ids are unique per merchant only. A
 * request's row keeps its rendered JSON (the change feed serves it). */
#define CLAIM_FEED(INT) \
  "ALTER TABLE claims ADD COLUMN state TEXT NOT NULL DEFAULT 'held';" \
  "ALTER TABLE claims ADD COLUMN change_seq " INT " NOT NULL DEFAULT 0;" \
  "ALTER TABLE claims ADD COLUMN updated_at " INT " NOT NULL DEFAULT 0;" \
  "CREATE INDEX claims_feed ON claims (merchant_id, change_seq);" \
  "CREATE INDEX claims_held ON claims (merchant_id, expires_at) WHERE state = 'held';" \
  "ALTER TABLE aftersales ADD COLUMN rendered TEXT;" \
  "ALTER TABLE aftersales ADD COLUMN rendered_until " INT " NOT NULL DEFAULT 0;" \
  ID_INDEXES

/* Ids are unique per merchant only (two merchants' platforms may use the
 * same id; a sharded database can only enforce keys that hold the
 * merchant). The indexes on id alone serve the simulated platform. */
#define ID_INDEXES \
  "DROP INDEX orders_id; CREATE INDEX orders_id ON orders (id);" \
  "DROP INDEX aftersales_id; CREATE INDEX aftersales_id ON aftersales (id);" \
  "DROP INDEX addresses_id; CREATE INDEX addresses_id ON addresses (id);"

static const char sqlite_4[] = CLAIM_FEED ("INTEGER");
static const char postgresql_4[] = CLAIM_FEED ("BIGINT");

/* Version 5: bad reviews (中差评), a change-feed entity of their own
 * (API.md "review"). The row keeps the review as the contract renders it;
 * the buyer's nick and rating count a buyer's bad reviews. */
#define REVIEWS(INT) \
  "CREATE TABLE reviews (merchant_id TEXT NOT NULL, id TEXT NOT NULL, shop_id TEXT NOT NULL," \
  "  buyer_nick TEXT NOT NULL, rating TEXT NOT NULL, data TEXT NOT NULL, version " INT " NOT NULL," \
  "  change_seq " INT " NOT NULL, PRIMARY KEY (merchant_id, id));" \
  "CREATE INDEX reviews_feed ON reviews (merchant_id, change_seq);" \
  "CREATE INDEX reviews_buyer ON reviews (merchant_id, buyer_nick);"

static const char sqlite_5[] = REVIEWS ("INTEGER");
static const char postgresql_5[] = REVIEWS ("BIGINT") "CREATE SEQUENCE id_review;";

/* Version 6: after-sales care beyond reviews (API.md "complaint"): one
 * table for the feed kinds "complaint", "visit" and "incident", each row
 * the object as the contract renders it. */
#define CARE(INT) \
  "CREATE TABLE care (merchant_id TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL," \
  "  shop_id TEXT NOT NULL, data TEXT NOT NULL, version " INT " NOT NULL," \
  "  change_seq " INT " NOT NULL, PRIMARY KEY (merchant_id, id));" \
  "CREATE INDEX care_feed ON care (merchant_id, change_seq);"

static const char sqlite_6[] = CARE ("INTEGER");
static const char postgresql_6[] = CARE ("BIGINT")
  "CREATE SEQUENCE id_complaint; CREATE SEQUENCE id_visit; CREATE SEQUENCE id_incident;";

/* Version 7: automatic rules run in the hub (API.md "Automatic rules"):
 * the merchant's rules in order, the rule text each last dry run judged,
 * one log row per derived idempotency key (the undo window is its
 * send_at), the buyers seen (history by buyer id, else nick) and how far
 * the runner has read the feed on which Asia/Shanghai day (a new day
 * reads everything again: what a cap held back yesterday may go today). */
#define AUTORULES(INT) \
  "CREATE TABLE autorules (merchant_id TEXT NOT NULL, id TEXT NOT NULL, ord " INT " NOT NULL," \
  "  data TEXT NOT NULL, PRIMARY KEY (merchant_id, id));" \
  "CREATE TABLE autorule_dry_runs (merchant_id TEXT NOT NULL, rule_id TEXT NOT NULL," \
  "  text TEXT NOT NULL, PRIMARY KEY (merchant_id, rule_id));" \
  "CREATE TABLE autorule_log (merchant_id TEXT NOT NULL, key TEXT NOT NULL, rule_id TEXT NOT NULL," \
  "  rule_name TEXT NOT NULL, aftersale_id TEXT NOT NULL, version " INT " NOT NULL," \
  "  action TEXT NOT NULL, params TEXT NOT NULL, amount_fen " INT " NOT NULL," \
  "  queued_at " INT " NOT NULL, send_at " INT " NOT NULL, state TEXT NOT NULL," \
  "  status " INT " NOT NULL, PRIMARY KEY (merchant_id, key));" \
  "CREATE INDEX autorule_log_due ON autorule_log (state, send_at);" \
  "CREATE INDEX autorule_log_rule ON autorule_log (merchant_id, rule_id, queued_at);" \
  "CREATE TABLE autorule_buyers (merchant_id TEXT NOT NULL, aftersale_id TEXT NOT NULL," \
  "  platform TEXT NOT NULL, buyer TEXT NOT NULL, opened_at " INT " NOT NULL," \
  "  PRIMARY KEY (merchant_id, aftersale_id));" \
  "CREATE INDEX autorule_buyers_buyer ON autorule_buyers (merchant_id, platform, buyer);" \
  "CREATE TABLE autorule_cursors (merchant_id TEXT PRIMARY KEY, seq " INT " NOT NULL," \
  "  day " INT " NOT NULL);"

static const char sqlite_7[] = AUTORULES ("INTEGER");
static const char postgresql_7[] = AUTORULES ("BIGINT");

/* Version 8: an order may have something due by itself (an unpaid order
 * cancelled after 24 h, Douyin; a group refunded 24 h after it started,
 * Pinduoduo): the platform's housekeeping finds it by lapse_at. */
#define ORDER_LAPSE(INT) \
  "ALTER TABLE orders ADD COLUMN lapse_at " INT ";" \
  "CREATE INDEX orders_lapse ON orders (lapse_at) WHERE lapse_at IS NOT NULL;"

static const char sqlite_8[] = ORDER_LAPSE ("INTEGER");
static const char postgresql_8[] = ORDER_LAPSE ("BIGINT");

/* Version 9: tags and internal notes on a request (API.md "annotation"),
 * merchant-internal, a change-feed entity of their own keyed by the
 * request; the row keeps the annotation as the contract renders it. */
#define ANNOTATIONS(INT) \
  "CREATE TABLE annotations (merchant_id TEXT NOT NULL, aftersale_id TEXT NOT NULL," \
  "  data TEXT NOT NULL, version " INT " NOT NULL, change_seq " INT " NOT NULL," \
  "  PRIMARY KEY (merchant_id, aftersale_id));" \
  "CREATE INDEX annotations_feed ON annotations (merchant_id, change_seq);"

static const char sqlite_9[] = ANNOTATIONS ("INTEGER");
static const char postgresql_9[] = ANNOTATIONS ("BIGINT");

/* Version 10: an automatic action is a change-feed entity of its own
 * (API.md "autorule"), keyed by its log key: each of its steps (held,
 * sending, done, failed, undone) moves it to the feed's end, so that the
 * desktops show it in the request's timeline. Rows from before have
 * position 0 (the feed starts after it): they stay in GET /v1/autorules/log. */
#define AUTORULE_FEED(INT) \
  "ALTER TABLE autorule_log ADD COLUMN change_seq " INT " NOT NULL DEFAULT 0;" \
  "CREATE INDEX autorule_log_feed ON autorule_log (merchant_id, change_seq);"

static const char sqlite_10[] = AUTORULE_FEED ("INTEGER");
static const char postgresql_10[] = AUTORULE_FEED ("BIGINT");

static const ShouHubMigration migrations[] = {
  { sqlite_1, postgresql_1 },
  { sqlite_2, postgresql_2 },
  { sqlite_3, postgresql_3 },
  { sqlite_4, postgresql_4 },
  { sqlite_5, postgresql_5 },
  { sqlite_6, postgresql_6 },
  { sqlite_7, postgresql_7 },
  { sqlite_8, postgresql_8 },
  { sqlite_9, postgresql_9 },
  { sqlite_10, postgresql_10 },
};

const ShouHubMigration *
shou_hub_schema_get_migrations (guint *n)
{
  *n = G_N_ELEMENTS (migrations);
  return migrations;
}
