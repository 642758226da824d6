/* shou-hub-sqlite.h: small helpers of the SQLite engine. */
#pragma once

#include <sqlite3.h>

#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

gboolean shou_hub_sqlite_exec      (sqlite3       *db,
                                    const char    *sql,
                                    GError       **error);
void     shou_hub_sqlite_bind_text (sqlite3_stmt  *st,
                                    int            i,
                                    const char    *text);
char    *shou_hub_sqlite_col_dup   (sqlite3_stmt  *st,
                                    int            i);
/* SHA-256 over every table's rows. */
char    *shou_hub_sqlite_checksum  (sqlite3       *db);

G_END_DECLS
