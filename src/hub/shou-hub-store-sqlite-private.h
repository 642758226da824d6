/* shou-hub-store-sqlite-private.h: the SQLite engine's object, shared by
 * the files it is split into: shou-hub-store-sqlite.c (connection,
 * migrations, transactions, counters, merchants, shops, idempotency) and
 * shou-hub-store-sqlite-records.c (orders, requests, addresses, evidence,
 * the change feed). */
#pragma once

#include "hub/shou-hub-sqlite.h"

G_BEGIN_DECLS

#define SHOU_TYPE_HUB_STORE_SQLITE (shou_hub_store_sqlite_get_type ())
G_DECLARE_FINAL_TYPE (ShouHubStoreSqlite, shou_hub_store_sqlite, SHOU, HUB_STORE_SQLITE, ShouHubStore)

struct _ShouHubStoreSqlite
{
  ShouHubStore parent_instance;
  sqlite3    *db;
  GHashTable *stmts;    /* SQL text -> sqlite3_stmt */
  GHashTable *counters; /* key -> gint64*, flushed by commit */
  GHashTable *dirty;    /* keys of counters changed since the last commit */
};

/* A cached statement, reset; @sql must be a string literal: its address
 * is the cache key. */
sqlite3_stmt *shou_hub_store_sqlite_stmt      (ShouHubStoreSqlite  *self,
                                               const char          *sql);
/* Sets @error from the connection's last error; returns %FALSE. */
gboolean      shou_hub_store_sqlite_fail      (ShouHubStoreSqlite  *self,
                                               GError             **error);
/* The merchant's next feed position (flushed by commit). */
gint64        shou_hub_store_sqlite_next_seq  (ShouHubStoreSqlite  *self,
                                               const char          *merchant_id);
/* Points the class's record operations at shou-hub-store-sqlite-records.c. */
void          shou_hub_store_sqlite_records_class_init (ShouHubStoreClass *store_class);

#define bind_text shou_hub_sqlite_bind_text
#define col_dup shou_hub_sqlite_col_dup
#define exec(self, sql, error) shou_hub_sqlite_exec ((self)->db, sql, error)
#define stmt shou_hub_store_sqlite_stmt
#define set_sql_error shou_hub_store_sqlite_fail

G_END_DECLS
