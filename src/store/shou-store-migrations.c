/* shou-store-migrations.c: the cache's schema, one SQL step per version.
 * shou-store-schema.c runs them. */
#include "config.h"

#include "shou-store-private.h"
#include "shou-store-schema-sql.h"
#include "shou-store-stats-schema.h"

/* The requests table's indexes for the list's views and sort keys: the
 * first step (0 -> 1) creates them, schema 7 again with the re-keyed
 * table. Part of released steps: never edit. */
#define REQUESTS_SORT_INDEXES \
  "CREATE INDEX requests_deadline ON requests(deadline_key);" \
  "CREATE INDEX requests_dl_pending ON requests(deadline_key) WHERE view_mask & 1;" \
  "CREATE INDEX requests_dl_nego ON requests(deadline_key) WHERE view_mask & 2;" \
  "CREATE INDEX requests_dl_return ON requests(deadline_key) WHERE view_mask & 4;" \
  "CREATE INDEX requests_dl_interv ON requests(deadline_key) WHERE view_mask & 8;" \
  "CREATE INDEX requests_dl_finished ON requests(deadline_key) WHERE view_mask & 16;" \
  "CREATE INDEX requests_dl_urgent ON requests(deadline_key) WHERE view_mask & 32;" \
  "CREATE INDEX requests_opened ON requests(opened_at);" \
  "CREATE INDEX requests_amount ON requests(amount_fen);" \
  "CREATE INDEX requests_order_no ON requests(order_no);" \
  "CREATE INDEX requests_buyer ON requests(buyer);" \
  "CREATE INDEX requests_status ON requests(status, deadline_key);" \
  "CREATE INDEX requests_platform ON requests(platform, deadline_key);" \
  "CREATE INDEX requests_type ON requests(type, deadline_key);"

/* The triggers that keep the trigram index (requests_fts) in step with the
 * requests table: step 1 -> 2 creates them, schema 7 again with the re-keyed
 * table. Part of released steps: never edit. */
#define REQUESTS_FTS_TRIGGERS \
  "CREATE TRIGGER requests_fts_ai AFTER INSERT ON requests BEGIN" \
  "  INSERT INTO requests_fts(rowid, order_no, buyer, goods_title, sku, reason_text)" \
  "  VALUES (new.rid, new.order_no, new.buyer, new.goods_title, new.sku, new.reason_text);" \
  "END;" \
  "CREATE TRIGGER requests_fts_ad AFTER DELETE ON requests BEGIN" \
  "  INSERT INTO requests_fts(requests_fts, rowid, order_no, buyer, goods_title, sku, reason_text)" \
  "  VALUES ('delete', old.rid, old.order_no, old.buyer, old.goods_title, old.sku, old.reason_text);" \
  "END;" \
  "CREATE TRIGGER requests_fts_au AFTER UPDATE ON requests" \
  "  WHEN old.order_no IS NOT new.order_no OR old.buyer IS NOT new.buyer" \
  "    OR old.goods_title IS NOT new.goods_title OR old.sku IS NOT new.sku" \
  "    OR old.reason_text IS NOT new.reason_text BEGIN" \
  "  INSERT INTO requests_fts(requests_fts, rowid, order_no, buyer, goods_title, sku, reason_text)" \
  "  VALUES ('delete', old.rid, old.order_no, old.buyer, old.goods_title, old.sku, old.reason_text);" \
  "  INSERT INTO requests_fts(rowid, order_no, buyer, goods_title, sku, reason_text)" \
  "  VALUES (new.rid, new.order_no, new.buyer, new.goods_title, new.sku, new.reason_text);" \
  "END;"

/* Each migration takes the schema from version i to i + 1. Never edit a
 * released step: add a new one. tests/store/test-store-migrations.c builds a
 * real file at every older version and migrates it. */

const char * const shou_store_migrations[] = {
  /* 0 -> 1: the cache, the outbox, sync state */
  "CREATE TABLE accounts ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  base_url TEXT NOT NULL,"
  "  label TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE shops ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  platform TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  merchant_id TEXT,"
  "  data TEXT NOT NULL);"
  "CREATE INDEX shops_account ON shops(account_id);"
  "CREATE TABLE orders ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  account_id TEXT NOT NULL,"
  "  shop_id TEXT NOT NULL,"
  "  order_no TEXT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  buyer TEXT,"
  "  created_at INTEGER,"
  "  version INTEGER NOT NULL,"
  "  data TEXT NOT NULL);"
  "CREATE INDEX orders_account ON orders(account_id);"
  "CREATE INDEX orders_created ON orders(shop_id, created_at);"
  "CREATE TABLE order_lines ("
  "  order_id TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  title TEXT,"
  "  sku TEXT,"
  "  quantity INTEGER,"
  "  price_fen INTEGER,"
  "  PRIMARY KEY (order_id, id)) WITHOUT ROWID;"
  "CREATE TABLE requests ("
  "  rid INTEGER PRIMARY KEY,"
  "  id TEXT UNIQUE NOT NULL,"
  "  account_id TEXT NOT NULL,"
  "  shop_id TEXT NOT NULL,"
  "  order_id TEXT,"
  "  line_id TEXT,"
  "  platform TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  nego_phase TEXT,"
  "  deadline_at INTEGER,"
  "  deadline_key INTEGER NOT NULL,"
  "  deadline_actor TEXT,"
  "  on_lapse TEXT,"
  "  opened_at INTEGER,"
  "  updated_at INTEGER,"
  "  amount_fen INTEGER NOT NULL DEFAULT 0,"
  "  order_no TEXT,"
  "  buyer TEXT,"
  "  goods_title TEXT,"
  "  sku TEXT,"
  "  reason_code TEXT,"
  "  reason_text TEXT,"
  "  last_logistics_at INTEGER,"
  "  view_mask INTEGER NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  pending INTEGER NOT NULL DEFAULT 0,"
  "  conflict TEXT,"
  "  server_data TEXT NOT NULL,"
  "  local_data TEXT);"
  "CREATE INDEX requests_account ON requests(account_id);"
  "CREATE INDEX requests_order ON requests(order_id);"
  REQUESTS_SORT_INDEXES
  "CREATE TABLE events ("
  "  rid INTEGER NOT NULL REFERENCES requests(rid) ON DELETE CASCADE,"
  "  seq INTEGER NOT NULL,"
  "  at INTEGER,"
  "  actor TEXT,"
  "  kind TEXT,"
  "  text TEXT,"
  "  PRIMARY KEY (rid, seq)) WITHOUT ROWID;"
  "CREATE TABLE nego_rounds ("
  "  rid INTEGER NOT NULL REFERENCES requests(rid) ON DELETE CASCADE,"
  "  round INTEGER NOT NULL,"
  "  text TEXT,"
  "  proposal TEXT,"
  "  amount_fen INTEGER,"
  "  sent_at INTEGER,"
  "  reply TEXT,"
  "  replied_at INTEGER,"
  "  PRIMARY KEY (rid, round)) WITHOUT ROWID;"
  "CREATE TABLE shipments ("
  "  rid INTEGER NOT NULL REFERENCES requests(rid) ON DELETE CASCADE,"
  "  role TEXT NOT NULL,"
  "  carrier TEXT,"
  "  tracking_no TEXT,"
  "  shipped_at INTEGER,"
  "  last_event_at INTEGER,"
  "  PRIMARY KEY (rid, role)) WITHOUT ROWID;"
  "CREATE TABLE evidence ("
  "  request_id TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  content_type TEXT,"
  "  size INTEGER,"
  "  kind TEXT,"
  "  by TEXT,"
  "  state TEXT NOT NULL,"
  "  error TEXT,"
  "  created_at INTEGER,"
  "  PRIMARY KEY (request_id, sha256)) WITHOUT ROWID;"
  "CREATE TABLE addresses ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  account_id TEXT NOT NULL,"
  "  shop_id TEXT NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 0,"
  "  is_default INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  local_state TEXT,"
  "  data TEXT NOT NULL);"
  "CREATE INDEX addresses_shop ON addresses(shop_id);"
  "CREATE TABLE sync_state ("
  "  account_id TEXT PRIMARY KEY NOT NULL,"
  "  cursor TEXT,"
  "  last_success INTEGER NOT NULL DEFAULT 0,"
  "  clock_offset INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT);"
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  account_id TEXT NOT NULL,"
  "  request_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  params TEXT NOT NULL,"
  "  expected_version INTEGER NOT NULL DEFAULT 0,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  created_at INTEGER NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at INTEGER NOT NULL DEFAULT 0,"
  "  state TEXT NOT NULL DEFAULT 'queued',"
  "  last_error TEXT,"
  "  done_at INTEGER);"
  "CREATE INDEX outbox_state ON outbox(state, account_id, id);"
  "CREATE INDEX outbox_request ON outbox(request_id, state);"
  "CREATE TABLE scripts ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  platform TEXT,"
  "  reason_code TEXT,"
  "  data TEXT NOT NULL);",

  /* 1 -> 2: substring search over order number, buyer, goods and reason;
   * trigrams match Chinese as well as Latin text. */
  "CREATE VIRTUAL TABLE requests_fts USING fts5("
  "  order_no, buyer, goods_title, sku, reason_text,"
  "  content='requests', content_rowid='rid', tokenize='trigram');"
  "INSERT INTO requests_fts(requests_fts) VALUES ('rebuild');"
  REQUESTS_FTS_TRIGGERS,

  /* 2 -> 3: sidebar counts kept in step by triggers, so counting a view
   * costs the same at 200 and 200,000 rows. Bit 64 is "all". */
  "CREATE TABLE view_bits (bit INTEGER PRIMARY KEY);"
  "INSERT INTO view_bits VALUES (1), (2), (4), (8), (16), (64);"
  "CREATE TABLE view_counts ("
  "  shop_id TEXT NOT NULL,"
  "  bit INTEGER NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (shop_id, bit)) WITHOUT ROWID;"
  "UPDATE requests SET view_mask = view_mask | 64;"
  "INSERT INTO view_counts SELECT r.shop_id, b.bit, count(*) FROM requests r, view_bits b"
  "  WHERE r.view_mask & b.bit GROUP BY r.shop_id, b.bit;"
  "CREATE TRIGGER view_counts_ai AFTER INSERT ON requests BEGIN"
  "  INSERT INTO view_counts SELECT new.shop_id, bit, 1 FROM view_bits WHERE new.view_mask & bit"
  "    ON CONFLICT DO UPDATE SET n = n + 1;"
  "END;"
  "CREATE TRIGGER view_counts_ad AFTER DELETE ON requests BEGIN"
  "  UPDATE view_counts SET n = n - 1 WHERE shop_id = old.shop_id AND old.view_mask & bit;"
  "END;"
  "CREATE TRIGGER view_counts_au AFTER UPDATE ON requests"
  "  WHEN old.view_mask != new.view_mask OR old.shop_id != new.shop_id BEGIN"
  "  UPDATE view_counts SET n = n - 1 WHERE shop_id = old.shop_id AND old.view_mask & bit;"
  "  INSERT INTO view_counts SELECT new.shop_id, bit, 1 FROM view_bits WHERE new.view_mask & bit"
  "    ON CONFLICT DO UPDATE SET n = n + 1;"
  "END;",

  /* 3 -> 4: the JSON copies move out of the indexed rows: a list page, a
   * count or a search then reads rows of ~200 bytes instead of ~2 KiB. */
  "CREATE TABLE request_data ("
  "  rid INTEGER PRIMARY KEY REFERENCES requests(rid) ON DELETE CASCADE,"
  "  server_data TEXT NOT NULL,"
  "  local_data TEXT);"
  "INSERT INTO request_data SELECT rid, server_data, local_data FROM requests;"
  "ALTER TABLE requests DROP COLUMN server_data;"
  "ALTER TABLE requests DROP COLUMN local_data;",

  /* 4 -> 5: the 即将超时 count. Requests with a seller deadline are counted
   * per shop and per bucket of deadline_key >> 32 (about 72 minutes), so
   * "due before now + 24 h" sums the whole buckets below and counts rows
   * only inside the one bucket the bound falls in. The shift floors, and
   * the bound moves with the clock without rewriting anything. */
  "CREATE TABLE urgent_buckets ("
  "  shop_id TEXT NOT NULL,"
  "  bucket INTEGER NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (shop_id, bucket)) WITHOUT ROWID;"
  "INSERT INTO urgent_buckets SELECT shop_id, deadline_key >> 32, count(*) FROM requests"
  "  WHERE view_mask & 32 GROUP BY 1, 2;"
  "CREATE TRIGGER urgent_buckets_ai AFTER INSERT ON requests WHEN new.view_mask & 32 BEGIN"
  "  INSERT INTO urgent_buckets SELECT new.shop_id, new.deadline_key >> 32, 1 WHERE 1"
  "    ON CONFLICT DO UPDATE SET n = n + 1;"
  "END;"
  "CREATE TRIGGER urgent_buckets_ad AFTER DELETE ON requests WHEN old.view_mask & 32 BEGIN"
  "  UPDATE urgent_buckets SET n = n - 1 WHERE shop_id = old.shop_id AND bucket = old.deadline_key >> 32;"
  "  DELETE FROM urgent_buckets WHERE shop_id = old.shop_id AND bucket = old.deadline_key >> 32 AND n <= 0;"
  "END;"
  "CREATE TRIGGER urgent_buckets_au AFTER UPDATE ON requests"
  "  WHEN (old.view_mask & 32 OR new.view_mask & 32) AND (old.view_mask & 32 != new.view_mask & 32"
  "    OR old.deadline_key != new.deadline_key OR old.shop_id != new.shop_id) BEGIN"
  "  UPDATE urgent_buckets SET n = n - 1"
  "    WHERE old.view_mask & 32 AND shop_id = old.shop_id AND bucket = old.deadline_key >> 32;"
  "  DELETE FROM urgent_buckets"
  "    WHERE old.view_mask & 32 AND shop_id = old.shop_id AND bucket = old.deadline_key >> 32 AND n <= 0;"
  "  INSERT INTO urgent_buckets SELECT new.shop_id, new.deadline_key >> 32, 1 WHERE new.view_mask & 32"
  "    ON CONFLICT DO UPDATE SET n = n + 1;"
  "END;",

  /* 5 -> 6: two-character words (小明, 退款) through an index, not a scan.
   * requests_grams holds every pair of adjacent characters of buyer, goods,
   * SKU and reason (and of an order number with non-ASCII in it), spaced,
   * as whole tokens: the ascii tokenizer keeps non-ASCII bytes and the
   * listed punctuation in a token and folds ASCII case as LIKE does. A
   * pair across a field's end or with a space in it only yields a
   * one-character token, which no search asks for. No CTE in a trigger:
   * the positions 0..n-1 come from json_each over "[0,0,…]". */
#define GRAMS_OF(R) \
  "(SELECT group_concat(substr(g.t, p.key + 1, 2), ' ')" \
  "  FROM (SELECT iif(length(CAST(" R ".order_no AS BLOB)) > length(" R ".order_no), " R ".order_no, '')" \
  "          || char(10) || coalesce(" R ".buyer, '') || char(10) || coalesce(" R ".goods_title, '')" \
  "          || char(10) || coalesce(" R ".sku, '') || char(10) || coalesce(" R ".reason_text, '') AS t) AS g," \
  "    json_each('[' || replace(hex(zeroblob(length(g.t) - 1)), '00', '0,') || '0]') AS p)"

/* The triggers that keep requests_grams in step with the requests table:
 * step 5 -> 6 creates them, schema 7 again. Never edit. */
#define REQUESTS_GRAMS_TRIGGERS \
  "CREATE TRIGGER requests_grams_ai AFTER INSERT ON requests BEGIN" \
  "  INSERT INTO requests_grams(rowid, g) SELECT new.rid, " GRAMS_OF ("new") ";" \
  "END;" \
  "CREATE TRIGGER requests_grams_ad AFTER DELETE ON requests BEGIN" \
  "  INSERT INTO requests_grams(requests_grams, rowid, g) SELECT 'delete', old.rid, " GRAMS_OF ("old") ";" \
  "END;" \
  "CREATE TRIGGER requests_grams_au AFTER UPDATE ON requests" \
  "  WHEN old.order_no IS NOT new.order_no OR old.buyer IS NOT new.buyer" \
  "    OR old.goods_title IS NOT new.goods_title OR old.sku IS NOT new.sku" \
  "    OR old.reason_text IS NOT new.reason_text BEGIN" \
  "  INSERT INTO requests_grams(requests_grams, rowid, g) SELECT 'delete', old.rid, " GRAMS_OF ("old") ";" \
  "  INSERT INTO requests_grams(rowid, g) SELECT new.rid, " GRAMS_OF ("new") ";" \
  "END;"
  "CREATE VIRTUAL TABLE requests_grams USING fts5(g, content='', columnsize=0, detail=none,"
  "  tokenize='ascii tokenchars ''!#$%&()*+,-./:;<=>?@[\\]^_`{|}~''');"
  "INSERT INTO requests_grams(rowid, g) SELECT r.rid, " GRAMS_OF ("r") " FROM requests r;"
  REQUESTS_GRAMS_TRIGGERS,

  /* 6 -> 7: accounts own their rows. Two accounts on servers that use the
   * same ids keep separate rows: every cached entity is keyed by
   * (account_id, server id). Requests, shops and orders also get a "key",
   * the store's own name for the row, unique across accounts: the server
   * id, unless another account's row had it first (then id || '~' ||
   * account_id). The UI identifies rows by key only. Request rids are kept,
   * so requests_fts, requests_grams and the child tables (events,
   * nego_rounds, shipments, request_data) stay valid as they are; the
   * tables are rebuilt (the SQLite twelve-step way, foreign keys off) and
   * the counts recomputed per account and shop. */
  "CREATE TABLE shops_v7 ("
  "  key TEXT UNIQUE NOT NULL,"
  "  id TEXT NOT NULL,"
  "  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  platform TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  merchant_id TEXT,"
  "  data TEXT NOT NULL,"
  "  PRIMARY KEY (account_id, id));"
  "INSERT INTO shops_v7 SELECT id, id, account_id, platform, name, merchant_id, data FROM shops;"
  "DROP TABLE shops;"
  "ALTER TABLE shops_v7 RENAME TO shops;"

  "CREATE TABLE order_lines_v7 ("
  "  account_id TEXT NOT NULL,"
  "  order_id TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  title TEXT,"
  "  sku TEXT,"
  "  quantity INTEGER,"
  "  price_fen INTEGER,"
  "  PRIMARY KEY (account_id, order_id, id)) WITHOUT ROWID;"
  "INSERT INTO order_lines_v7 SELECT coalesce(o.account_id, ''), l.order_id, l.id, l.title, l.sku,"
  "  l.quantity, l.price_fen FROM order_lines l LEFT JOIN orders o ON o.id = l.order_id;"
  "DROP TABLE order_lines;"
  "ALTER TABLE order_lines_v7 RENAME TO order_lines;"

  ORDERS_V7
  COPY_ORDERS_V7 ";"
  "DROP TABLE orders;"
  "ALTER TABLE orders_v7 RENAME TO orders;"
  "CREATE INDEX orders_created ON orders(account_id, shop_id, created_at);"
  "CREATE INDEX orders_newest ON orders(created_at);"

  REQUESTS_V7
  /* Rows the seller changed (an action during a live migration, see
   * LIVE_VIEWS) after their batch was copied are copied again. */
  REQUESTS_V7_DIRTY
  "DELETE FROM requests_v7 WHERE rid IN (SELECT rid FROM requests_v7_dirty)"
  "  AND rid NOT IN (SELECT rid FROM requests);"
  "INSERT OR REPLACE INTO requests_v7 SELECT " REQUESTS_V7_COLUMNS " FROM requests"
  "  WHERE rid IN (SELECT rid FROM requests_v7_dirty)"
  "  AND rid <= (SELECT coalesce(max(rid), 0) FROM requests_v7);"
  "DROP TABLE requests_v7_dirty;"
  COPY_REQUESTS_V7 ";"
  "DROP TABLE requests;"
  "ALTER TABLE requests_v7 RENAME TO requests;"
  "CREATE INDEX requests_order ON requests(account_id, order_id);"
  REQUESTS_SORT_INDEXES
  /* The search indexes' triggers went with the old table; the indexes
   * themselves are keyed by rid and still hold every row. */
  REQUESTS_FTS_TRIGGERS
  REQUESTS_GRAMS_TRIGGERS

  /* Counts per account and shop: "all shops" sums them all. */
  "DROP TABLE view_counts;"
  "CREATE TABLE view_counts ("
  "  account_id TEXT NOT NULL,"
  "  shop_id TEXT NOT NULL,"
  "  bit INTEGER NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (account_id, shop_id, bit)) WITHOUT ROWID;"
  "INSERT INTO view_counts SELECT r.account_id, r.shop_id, b.bit, count(*) FROM requests r, view_bits b"
  "  WHERE r.view_mask & b.bit GROUP BY r.account_id, r.shop_id, b.bit;"
  "CREATE TRIGGER view_counts_ai AFTER INSERT ON requests BEGIN"
  "  INSERT INTO view_counts SELECT new.account_id, new.shop_id, bit, 1 FROM view_bits"
  "    WHERE new.view_mask & bit ON CONFLICT DO UPDATE SET n = n + 1;"
  "END;"
  "CREATE TRIGGER view_counts_ad AFTER DELETE ON requests BEGIN"
  "  UPDATE view_counts SET n = n - 1"
  "    WHERE account_id = old.account_id AND shop_id = old.shop_id AND old.view_mask & bit;"
  "END;"
  "CREATE TRIGGER view_counts_au AFTER UPDATE ON requests"
  "  WHEN old.view_mask != new.view_mask OR old.shop_id != new.shop_id"
  "    OR old.account_id != new.account_id BEGIN"
  "  UPDATE view_counts SET n = n - 1"
  "    WHERE account_id = old.account_id AND shop_id = old.shop_id AND old.view_mask & bit;"
  "  INSERT INTO view_counts SELECT new.account_id, new.shop_id, bit, 1 FROM view_bits"
  "    WHERE new.view_mask & bit ON CONFLICT DO UPDATE SET n = n + 1;"
  "END;"

  "DROP TABLE urgent_buckets;"
  "CREATE TABLE urgent_buckets ("
  "  account_id TEXT NOT NULL,"
  "  shop_id TEXT NOT NULL,"
  "  bucket INTEGER NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (account_id, shop_id, bucket)) WITHOUT ROWID;"
  "INSERT INTO urgent_buckets SELECT account_id, shop_id, deadline_key >> 32, count(*) FROM requests"
  "  WHERE view_mask & 32 GROUP BY 1, 2, 3;"
  "CREATE TRIGGER urgent_buckets_ai AFTER INSERT ON requests WHEN new.view_mask & 32 BEGIN"
  "  INSERT INTO urgent_buckets SELECT new.account_id, new.shop_id, new.deadline_key >> 32, 1 WHERE 1"
  "    ON CONFLICT DO UPDATE SET n = n + 1;"
  "END;"
  "CREATE TRIGGER urgent_buckets_ad AFTER DELETE ON requests WHEN old.view_mask & 32 BEGIN"
  "  UPDATE urgent_buckets SET n = n - 1 WHERE account_id = old.account_id"
  "    AND shop_id = old.shop_id AND bucket = old.deadline_key >> 32;"
  "  DELETE FROM urgent_buckets WHERE account_id = old.account_id AND shop_id = old.shop_id"
  "    AND bucket = old.deadline_key >> 32 AND n <= 0;"
  "END;"
  "CREATE TRIGGER urgent_buckets_au AFTER UPDATE ON requests"
  "  WHEN (old.view_mask & 32 OR new.view_mask & 32) AND (old.view_mask & 32 != new.view_mask & 32"
  "    OR old.deadline_key != new.deadline_key OR old.shop_id != new.shop_id"
  "    OR old.account_id != new.account_id) BEGIN"
  "  UPDATE urgent_buckets SET n = n - 1 WHERE old.view_mask & 32 AND account_id = old.account_id"
  "    AND shop_id = old.shop_id AND bucket = old.deadline_key >> 32;"
  "  DELETE FROM urgent_buckets WHERE old.view_mask & 32 AND account_id = old.account_id"
  "    AND shop_id = old.shop_id AND bucket = old.deadline_key >> 32 AND n <= 0;"
  "  INSERT INTO urgent_buckets SELECT new.account_id, new.shop_id, new.deadline_key >> 32, 1"
  "    WHERE new.view_mask & 32 ON CONFLICT DO UPDATE SET n = n + 1;"
  "END;"

  /* Evidence belongs to its request's account; a file kept for a request
   * no longer cached goes with the account of its outbox entry. */
  "CREATE TABLE evidence_v7 ("
  "  account_id TEXT NOT NULL,"
  "  request_id TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  content_type TEXT,"
  "  size INTEGER,"
  "  kind TEXT,"
  "  by TEXT,"
  "  state TEXT NOT NULL,"
  "  error TEXT,"
  "  created_at INTEGER,"
  "  PRIMARY KEY (account_id, request_id, sha256)) WITHOUT ROWID;"
  "INSERT INTO evidence_v7 SELECT coalesce((SELECT r.account_id FROM requests r WHERE r.id = e.request_id),"
  "    (SELECT o.account_id FROM outbox o WHERE o.request_id = e.request_id ORDER BY o.id LIMIT 1), ''),"
  "  e.request_id, e.sha256, e.content_type, e.size, e.kind, e.by, e.state, e.error, e.created_at"
  "  FROM evidence e;"
  "DROP TABLE evidence;"
  "ALTER TABLE evidence_v7 RENAME TO evidence;"
  "CREATE INDEX evidence_sha256 ON evidence(sha256);"

  "CREATE TABLE addresses_v7 ("
  "  id TEXT NOT NULL,"
  "  account_id TEXT NOT NULL,"
  "  shop_id TEXT NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 0,"
  "  is_default INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  local_state TEXT,"
  "  data TEXT NOT NULL,"
  "  PRIMARY KEY (account_id, id));"
  "INSERT INTO addresses_v7 SELECT id, account_id, shop_id, version, is_default, deleted,"
  "  local_state, data FROM addresses;"
  "DROP TABLE addresses;"
  "ALTER TABLE addresses_v7 RENAME TO addresses;"
  "CREATE INDEX addresses_shop ON addresses(account_id, shop_id);"

  "DROP INDEX outbox_request;"
  "CREATE INDEX outbox_request ON outbox(account_id, request_id, state);",
#undef REQUESTS_GRAMS_TRIGGERS
#undef GRAMS_OF

  /* 7 -> 8: an account is its base URL plus the identity the server
   * reports for its token (GET /v1/me): the merchant, and the staff member
   * once teams exist. The demo is marked as such instead of by a label
   * stored in the language of the day it was added; a self-signed
   * certificate the seller trusted is kept by its SHA-256. Demo accounts
   * of older versions are recognised by the demo's fixed address or its
   * translated labels. */
  "ALTER TABLE accounts ADD COLUMN merchant_id TEXT;"
  "ALTER TABLE accounts ADD COLUMN staff_id TEXT;"
  "ALTER TABLE accounts ADD COLUMN is_demo INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE accounts ADD COLUMN cert_sha256 TEXT;"
  "UPDATE accounts SET is_demo = 1, label = 'Demo shops'"
  "  WHERE base_url = 'http://127.0.0.1:47370'"
  "     OR label IN ('Demo shops', '演示店铺', '示範店鋪');",

  /* 8 -> 9: changes of a kind this version does not know (a newer
   * server's records) are kept, at their latest state, instead of being
   * skipped while the cursor moves past them. A later version that learns
   * the kind replays them when it opens the cache (shou-store-team.c). */
  "CREATE TABLE unknown_changes ("
  "  account_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  seq INTEGER,"
  "  data TEXT NOT NULL,"
  "  PRIMARY KEY (account_id, kind, id)) WITHOUT ROWID;",

  /* 9 -> 10: claims (a team's staff member handling a request), the
   * feed's kind "claim". Claims kept as unknown changes are replayed. */
  "CREATE TABLE claims ("
  "  account_id TEXT NOT NULL,"
  "  aftersale_id TEXT NOT NULL,"
  "  staff_id TEXT,"
  "  name TEXT,"
  "  expires_at INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (account_id, aftersale_id)) WITHOUT ROWID;",

  /* 10 -> 11: statistics (shou-store-stats-schema.h). */
  SHOU_STATS_SCHEMA_V11,

  /* 11 -> 12: automatic rules run by a lone desktop (issue 26): the
   * rules in order, what they did (one row per derived idempotency key),
   * the tags they add. An action's undo window is its outbox entry's
   * next_attempt_at (shou-outbox-autorules.c). */
  "CREATE TABLE autorules ("
  "  account_id TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  enabled INTEGER NOT NULL DEFAULT 0,"
  "  dry_run_data TEXT,"
  "  data TEXT NOT NULL,"
  "  PRIMARY KEY (account_id, id)) WITHOUT ROWID;"
  "CREATE TABLE autorule_log ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  account_id TEXT NOT NULL,"
  "  rule_id TEXT NOT NULL,"
  "  rule_name TEXT NOT NULL,"
  "  request_key TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  amount_fen INTEGER NOT NULL DEFAULT 0,"
  "  at INTEGER NOT NULL,"
  "  send_at INTEGER NOT NULL DEFAULT 0,"
  "  entry_id INTEGER,"
  "  idempotency_key TEXT UNIQUE NOT NULL,"
  "  cancelled INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX autorule_log_day ON autorule_log(account_id, rule_id, at);"
  "CREATE TABLE request_tags ("
  "  request_key TEXT NOT NULL,"
  "  tag TEXT NOT NULL,"
  "  PRIMARY KEY (request_key, tag)) WITHOUT ROWID;",

  /* 12 -> 13: the queue's filters by reason and by SKU walk these in
   * deadline order (platform and type have theirs since schema 2). */
  "CREATE INDEX requests_reason ON requests(reason_code, deadline_key);"
  "CREATE INDEX requests_sku ON requests(sku, deadline_key);",

  /* 13 -> 14: bad reviews, the feed's kind "review" (shou-store-reviews.c):
   * the server's copy with the seller's queued follow-up applied. Reviews
   * kept as unknown changes are replayed when the cache opens. */
  "CREATE TABLE reviews ("
  "  account_id TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  shop_id TEXT NOT NULL,"
  "  rating TEXT NOT NULL,"
  "  reason_code TEXT NOT NULL,"
  "  reviewed_at INTEGER NOT NULL,"
  "  contacted INTEGER NOT NULL DEFAULT 0,"
  "  settled INTEGER NOT NULL DEFAULT 0,"
  "  replied INTEGER NOT NULL DEFAULT 0,"
  "  version INTEGER NOT NULL DEFAULT 0,"
  "  pending INTEGER NOT NULL DEFAULT 0,"
  "  conflict TEXT,"
  "  data TEXT NOT NULL,"
  "  PRIMARY KEY (account_id, id)) WITHOUT ROWID;"
  "CREATE INDEX reviews_reply ON reviews(replied, reviewed_at);"
  "CREATE INDEX reviews_time ON reviews(reviewed_at);",

  /* 14 -> 15: complaints (the feed's kind "complaint", shou-store-care.c),
   * in one table with the care records still to come (return visits,
   * logistics incidents): the server's copy with the seller's queued steps
   * applied; due_at is the next deadline (0: none), open until finished. */
  "CREATE TABLE care ("
  "  account_id TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  shop_id TEXT NOT NULL,"
  "  opened_at INTEGER NOT NULL DEFAULT 0,"
  "  due_at INTEGER NOT NULL DEFAULT 0,"
  "  open INTEGER NOT NULL DEFAULT 1,"
  "  version INTEGER NOT NULL DEFAULT 0,"
  "  pending INTEGER NOT NULL DEFAULT 0,"
  "  conflict TEXT,"
  "  data TEXT NOT NULL,"
  "  PRIMARY KEY (account_id, id)) WITHOUT ROWID;"
  "CREATE INDEX care_open ON care(kind, open, due_at);"
  "CREATE INDEX care_time ON care(kind, opened_at);",
  /* 15 -> 16: the platform's buyer id (API.md "aftersale" buyer_id), which
   * an automatic rule's buyer history counts by: nicks are masked and
   * differ. It follows the server's copy of the request by itself, so no
   * writer of requests changes. */
  "ALTER TABLE requests ADD COLUMN buyer_id TEXT;"
  "UPDATE requests SET buyer_id = (SELECT json_extract (d.server_data, '$.buyer_id') FROM request_data d"
  "  WHERE d.rid = requests.rid);"
  "CREATE INDEX requests_buyer_id ON requests(account_id, platform, buyer_id) WHERE buyer_id IS NOT NULL;"
  "CREATE TRIGGER request_data_buyer_id_insert AFTER INSERT ON request_data BEGIN"
  "  UPDATE requests SET buyer_id = json_extract (NEW.server_data, '$.buyer_id') WHERE rid = NEW.rid; END;"
  "CREATE TRIGGER request_data_buyer_id_update AFTER UPDATE OF server_data ON request_data BEGIN"
  "  UPDATE requests SET buyer_id = json_extract (NEW.server_data, '$.buyer_id') WHERE rid = NEW.rid; END;",

  /* 16 -> 17: tags and internal notes, the feed's kind "annotation"
   * (shou-store-annotations.c): the server's copy and the one shown, with
   * the seller's queued steps applied. The tags shown are also rows of
   * request_tags (the queue's tag filter), marked synced; a lone desktop's
   * rules add theirs unmarked. Annotations kept as unknown changes are
   * replayed when the cache opens. */
  "CREATE TABLE annotations ("
  "  account_id TEXT NOT NULL,"
  "  aftersale_id TEXT NOT NULL,"
  "  server TEXT,"
  "  data TEXT NOT NULL,"
  "  conflict TEXT,"
  "  PRIMARY KEY (account_id, aftersale_id)) WITHOUT ROWID;"
  "ALTER TABLE request_tags ADD COLUMN synced INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX request_tags_tag ON request_tags(tag);",

  /* 17 -> 18: the global search finds a request by its return's or
   * exchange's tracking number (shou-request-list-search.c); the queue's
   * buyer filter finds a buyer's few requests by the platform's buyer id
   * (shou-request-filter.c), across accounts and platforms. */
  "CREATE INDEX shipments_tracking ON shipments(tracking_no) WHERE tracking_no IS NOT NULL;"
  "CREATE INDEX requests_by_buyer_id ON requests(buyer_id) WHERE buyer_id IS NOT NULL;",

  /* 18 -> 19: a hub's automatic actions, the feed's kind "autorule"
   * (shou-store-autorules.c), are rows of autorule_log too, so that the
   * request's timeline shows them as it shows a lone desktop's: no outbox
   * entry, their state as the hub last said it. */
  "ALTER TABLE autorule_log ADD COLUMN hub_state TEXT;",
};

const guint shou_store_n_migrations = G_N_ELEMENTS (shou_store_migrations);
