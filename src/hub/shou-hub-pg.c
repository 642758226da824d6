/* shou-hub-pg.c: small helpers of the PostgreSQL engine. */
#include "config.h"

#include "shou-hub-pg.h"

void
shou_hub_pg_set_error (PGconn    *conn,
                       PGresult  *res,
                       GError   **error)
{
  const char *msg = res ? PQresultErrorMessage (res) : NULL;

  if (msg == NULL || *msg == '\0')
    msg = PQerrorMessage (conn);
  g_set_error (error, SHOU_HUB_STORE_ERROR, SHOU_HUB_STORE_ERROR_SQL,
               "PostgreSQL: %s", g_strstrip (g_strdup (msg)));
}

/* Runs @sql with text parameters. Returns: (transfer full): the result,
 * or %NULL with @error. A lost connection is reopened once, outside a
 * transaction. */
PGresult *
shou_hub_pg_query (PGconn              *conn,
                   gboolean             may_reconnect,
                   const char          *sql,
                   int                  n,
                   const char * const  *params,
                   GError             **error)
{
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      PGresult *res = PQexecParams (conn, sql, n, NULL, params, NULL, NULL, 0);
      ExecStatusType status = PQresultStatus (res);

      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        return res;
      if (attempt == 0 && PQstatus (conn) == CONNECTION_BAD && may_reconnect)
        {
          PQclear (res);
          PQreset (conn);
          continue;
        }
      shou_hub_pg_set_error (conn, res, error);
      PQclear (res);
      return NULL;
    }
  return NULL;
}

/* Logs what a read that cannot report failed on. */
PGresult *
shou_hub_pg_read (PGconn             *conn,
                  const char         *sql,
                  int                 n,
                  const char * const *params)
{
  g_autoptr(GError) error = NULL;
  PGresult *res = shou_hub_pg_query (conn, FALSE, sql, n, params, &error);

  if (res == NULL)
    g_warning ("shouhou-hub: %s", error->message);
  return res;
}

gboolean
shou_hub_pg_command (PGconn              *conn,
                     gboolean             may_reconnect,
                     const char          *sql,
                     int                  n,
                     const char * const  *params,
                     GError             **error)
{
  PGresult *res = shou_hub_pg_query (conn, may_reconnect, sql, n, params, error);

  PQclear (res);
  return res != NULL;
}

char *
shou_hub_pg_value_dup (PGresult *res,
                       int       row,
                       int       column)
{
  return PQgetisnull (res, row, column) ? NULL : g_strdup (PQgetvalue (res, row, column));
}

gint64
shou_hub_pg_value_int (PGresult *res,
                       int       row,
                       int       column)
{
  return g_ascii_strtoll (PQgetvalue (res, row, column), NULL, 10);
}

/* (transfer full) (element-type utf8): the first column of every row */
GPtrArray *
shou_hub_pg_list_ids (PGconn             *conn,
                      const char         *sql,
                      int                 n,
                      const char * const *params)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  PGresult *res = shou_hub_pg_read (conn, sql, n, params);

  for (int i = 0; res != NULL && i < PQntuples (res); i++)
    g_ptr_array_add (ids, shou_hub_pg_value_dup (res, i, 0));
  PQclear (res);
  return ids;
}

/* (transfer full): the first column of the first row, or %NULL */
char *
shou_hub_pg_get_text (PGconn             *conn,
                      const char         *sql,
                      int                 n,
                      const char * const *params)
{
  PGresult *res = shou_hub_pg_read (conn, sql, n, params);
  char *text = NULL;

  if (res != NULL && PQntuples (res) > 0)
    text = shou_hub_pg_value_dup (res, 0, 0);
  PQclear (res);
  return text;
}

