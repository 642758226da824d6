/* shou-store-schema-sql.h: schema 7's re-keyed tables and their copy, shared
 * by its migration step (shou-store-migrations.c) and by the batched copy
 * that runs before it (shou-store-schema.c). Part of a released step: never
 * edit. */
#pragma once

/* Schema 7's two large tables are copied in batches before its step runs
 * (copy_v7_in_batches), each batch committed on its own: the new tables
 * themselves record how far the copy got (the largest rid or rowid), so a
 * kill resumes where it stopped. The step copies whatever is left. */
#define REQUESTS_V7 \
  "CREATE TABLE IF NOT EXISTS requests_v7 (" \
  "  rid INTEGER PRIMARY KEY," \
  "  key TEXT UNIQUE NOT NULL," \
  "  id TEXT NOT NULL," \
  "  account_id TEXT NOT NULL," \
  "  shop_id TEXT NOT NULL," \
  "  order_id TEXT," \
  "  line_id TEXT," \
  "  platform TEXT NOT NULL," \
  "  type TEXT NOT NULL," \
  "  status TEXT NOT NULL," \
  "  nego_phase TEXT," \
  "  deadline_at INTEGER," \
  "  deadline_key INTEGER NOT NULL," \
  "  deadline_actor TEXT," \
  "  on_lapse TEXT," \
  "  opened_at INTEGER," \
  "  updated_at INTEGER," \
  "  amount_fen INTEGER NOT NULL DEFAULT 0," \
  "  order_no TEXT," \
  "  buyer TEXT," \
  "  goods_title TEXT," \
  "  sku TEXT," \
  "  reason_code TEXT," \
  "  reason_text TEXT," \
  "  last_logistics_at INTEGER," \
  "  view_mask INTEGER NOT NULL," \
  "  version INTEGER NOT NULL," \
  "  pending INTEGER NOT NULL DEFAULT 0," \
  "  conflict TEXT," \
  "  UNIQUE (account_id, id));"

#define ORDERS_V7 \
  "CREATE TABLE IF NOT EXISTS orders_v7 (" \
  "  key TEXT UNIQUE NOT NULL," \
  "  id TEXT NOT NULL," \
  "  account_id TEXT NOT NULL," \
  "  shop_id TEXT NOT NULL," \
  "  order_no TEXT NOT NULL," \
  "  state TEXT NOT NULL," \
  "  buyer TEXT," \
  "  created_at INTEGER," \
  "  version INTEGER NOT NULL," \
  "  data TEXT NOT NULL," \
  "  PRIMARY KEY (account_id, id));"

#define REQUESTS_V7_COLUMNS \
  "rid, id, id, account_id, shop_id, order_id, line_id, platform," \
  "  type, status, nego_phase, deadline_at, deadline_key, deadline_actor, on_lapse, opened_at," \
  "  updated_at, amount_fen, order_no, buyer, goods_title, sku, reason_code, reason_text," \
  "  last_logistics_at, view_mask, version, pending, conflict"

#define COPY_REQUESTS_V7 \
  "INSERT INTO requests_v7 SELECT " REQUESTS_V7_COLUMNS " FROM requests" \
  "  WHERE rid > (SELECT coalesce(max(rid), 0) FROM requests_v7) ORDER BY rid"

/* The rids of requests updated or deleted while the copy runs (the seller
 * acts while the window reads the old tables, see LIVE_VIEWS): the step
 * copies them again. The triggers go with the old table. */
#define REQUESTS_V7_DIRTY \
  "CREATE TABLE IF NOT EXISTS requests_v7_dirty (rid INTEGER PRIMARY KEY);" \
  "CREATE TRIGGER IF NOT EXISTS requests_v7_dirty_au AFTER UPDATE ON requests BEGIN" \
  "  INSERT OR IGNORE INTO requests_v7_dirty VALUES (old.rid);" \
  "END;" \
  "CREATE TRIGGER IF NOT EXISTS requests_v7_dirty_ad AFTER DELETE ON requests BEGIN" \
  "  INSERT OR IGNORE INTO requests_v7_dirty VALUES (old.rid);" \
  "END;"

#define COPY_ORDERS_V7 \
  "INSERT INTO orders_v7 (rowid, key, id, account_id, shop_id, order_no, state, buyer, created_at," \
  "  version, data) SELECT rowid, id, id, account_id, shop_id, order_no, state, buyer, created_at," \
  "  version, data FROM orders" \
  "  WHERE rowid > (SELECT coalesce(max(rowid), 0) FROM orders_v7) ORDER BY rowid"
