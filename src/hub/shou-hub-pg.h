/* shou-hub-pg.h: small helpers of the PostgreSQL engine. */
#pragma once

#include <libpq-fe.h>

#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

void       shou_hub_pg_set_error  (PGconn             *conn,
                                   PGresult           *res,
                                   GError            **error);
/* Runs @sql with text parameters. Returns: (transfer full): the result,
 * or %NULL with @error. With @may_reconnect (outside a transaction), a
 * lost connection is reopened once. */
PGresult  *shou_hub_pg_query      (PGconn             *conn,
                                   gboolean            may_reconnect,
                                   const char         *sql,
                                   int                 n,
                                   const char * const *params,
                                   GError            **error);
/* The same for reads that cannot report failure: logs it. */
PGresult  *shou_hub_pg_read       (PGconn             *conn,
                                   const char         *sql,
                                   int                 n,
                                   const char * const *params);
gboolean   shou_hub_pg_command    (PGconn             *conn,
                                   gboolean            may_reconnect,
                                   const char         *sql,
                                   int                 n,
                                   const char * const *params,
                                   GError            **error);
char      *shou_hub_pg_value_dup  (PGresult           *res,
                                   int                 row,
                                   int                 column);
gint64     shou_hub_pg_value_int  (PGresult           *res,
                                   int                 row,
                                   int                 column);
/* (transfer full) (element-type utf8): the first column of every row */
GPtrArray *shou_hub_pg_list_ids   (PGconn             *conn,
                                   const char         *sql,
                                   int                 n,
                                   const char * const *params);
/* (transfer full): the first column of the first row, or %NULL */
char      *shou_hub_pg_get_text   (PGconn             *conn,
                                   const char         *sql,
                                   int                 n,
                                   const char * const *params);

G_END_DECLS
