/* shou-hub-pg-team.c: the team's tables on the PostgreSQL engine (staff,
 * claims, audit). The engine hands its connection over as object data;
 * these run inside the caller's transaction where there is one. */
#include "config.h"

#include "shou-hub-pg-team.h"

#define CONN(self) ((PGconn *) g_object_get_data (G_OBJECT (self), "shou-hub-pg"))
#define I64(buf, v) (g_snprintf ((buf), sizeof (buf), "%" G_GINT64_FORMAT, (gint64) (v)), (buf))

gboolean
shou_hub_pg_add_staff (ShouHubStore        *self,
                       const ShouHubStaff  *staff,
                       const char          *token,
                       GError             **error)
{
  char a[24], d[24];
  const char *params[] = { staff->merchant_id, staff->staff_id, staff->name, token, staff->role,
                           I64 (a, staff->cap_action_fen), I64 (d, staff->cap_day_fen) };

  return shou_hub_pg_command (CONN (self), FALSE,
                              "INSERT INTO staff (merchant_id, staff_id, name, token, role, cap_action_fen,"
                              " cap_day_fen) VALUES ($1, $2, $3, $4, $5, $6, $7)", 7, params, error);
}

static ShouHubStaff *
staff_from_row (PGresult *res,
                int       row)
{
  ShouHubStaff *staff = g_new0 (ShouHubStaff, 1);

  staff->merchant_id = shou_hub_pg_value_dup (res, row, 0);
  staff->staff_id = shou_hub_pg_value_dup (res, row, 1);
  staff->name = shou_hub_pg_value_dup (res, row, 2);
  staff->role = shou_hub_pg_value_dup (res, row, 3);
  staff->cap_action_fen = shou_hub_pg_value_int (res, row, 4);
  staff->cap_day_fen = shou_hub_pg_value_int (res, row, 5);
  return staff;
}

ShouHubStaff *
shou_hub_pg_lookup_staff (ShouHubStore *self,
                          const char   *token)
{
  PGresult *res = shou_hub_pg_read (CONN (self), "SELECT merchant_id, staff_id, name, role, cap_action_fen,"
                                                 " cap_day_fen, token FROM staff", 0, NULL);
  ShouHubStaff *staff = NULL;

  /* Every token is compared, in constant time, to the end. */
  for (int i = 0; res != NULL && i < PQntuples (res); i++)
    if (shou_hub_token_equal (token, PQgetvalue (res, i, 6)) && staff == NULL)
      staff = staff_from_row (res, i);
  PQclear (res);
  return staff;
}

ShouHubStaff *
shou_hub_pg_get_staff (ShouHubStore *self,
                       const char   *merchant_id,
                       const char   *staff_id)
{
  const char *params[] = { merchant_id, staff_id };
  PGresult *res = shou_hub_pg_read (CONN (self), "SELECT merchant_id, staff_id, name, role, cap_action_fen,"
                                                 " cap_day_fen FROM staff WHERE merchant_id = $1"
                                                 " AND staff_id = $2", 2, params);
  ShouHubStaff *staff = NULL;

  if (res != NULL && PQntuples (res) > 0)
    staff = staff_from_row (res, 0);
  PQclear (res);
  return staff;
}

char *
shou_hub_pg_get_claim (ShouHubStore *self,
                       const char   *merchant_id,
                       const char   *aftersale_id,
                       gint64       *out_expires_at)
{
  const char *params[] = { merchant_id, aftersale_id };
  PGresult *res = shou_hub_pg_read (CONN (self), "SELECT staff_id, expires_at FROM claims"
                                                 " WHERE merchant_id = $1 AND aftersale_id = $2", 2, params);
  char *holder = NULL;

  if (res != NULL && PQntuples (res) > 0)
    {
      holder = shou_hub_pg_value_dup (res, 0, 0);
      if (out_expires_at != NULL)
        *out_expires_at = shou_hub_pg_value_int (res, 0, 1);
    }
  PQclear (res);
  return holder;
}

gboolean
shou_hub_pg_put_claim (ShouHubStore  *self,
                       const char    *merchant_id,
                       const char    *aftersale_id,
                       const char    *staff_id,
                       gint64         expires_at,
                       GError       **error)
{
  char e[24];
  const char *params[] = { merchant_id, aftersale_id, staff_id, I64 (e, expires_at) };

  if (staff_id == NULL)
    return shou_hub_pg_command (CONN (self), FALSE, "DELETE FROM claims WHERE merchant_id = $1"
                                                    " AND aftersale_id = $2", 2, params, error);
  return shou_hub_pg_command (CONN (self), FALSE,
                              "INSERT INTO claims (merchant_id, aftersale_id, staff_id, expires_at)"
                              " VALUES ($1, $2, $3, $4) ON CONFLICT (merchant_id, aftersale_id) DO UPDATE"
                              " SET staff_id = EXCLUDED.staff_id, expires_at = EXCLUDED.expires_at",
                              4, params, error);
}

gboolean
shou_hub_pg_add_audit (ShouHubStore  *self,
                       const char    *merchant_id,
                       const char    *staff_id,
                       const char    *action,
                       const char    *aftersale_id,
                       gint64         amount_fen,
                       const char    *day,
                       guint          status,
                       gint64         at,
                       GError       **error)
{
  char t[24], a[24], s[24];
  const char *params[] = { merchant_id, I64 (t, at), staff_id, action, aftersale_id, I64 (a, amount_fen),
                           day, I64 (s, status) };

  return shou_hub_pg_command (CONN (self), FALSE,
                              "INSERT INTO audit (merchant_id, seq, at, staff_id, action, aftersale_id,"
                              " amount_fen, day, status) VALUES ($1, nextval ('id_audit'), $2, $3, $4, $5,"
                              " $6, $7, $8)", 8, params, error);
}

JsonArray *
shou_hub_pg_list_audit (ShouHubStore *self,
                        const char   *merchant_id,
                        guint         limit)
{
  char l[24];
  const char *params[] = { merchant_id, I64 (l, limit) };
  PGresult *res = shou_hub_pg_read (CONN (self), "SELECT seq, at, staff_id, action, aftersale_id, amount_fen,"
                                                 " status FROM audit WHERE merchant_id = $1"
                                                 " ORDER BY seq DESC LIMIT $2", 2, params);
  JsonArray *entries = json_array_new ();

  for (int i = 0; res != NULL && i < PQntuples (res); i++)
    {
      JsonObject *e = json_object_new ();

      json_object_set_int_member (e, "seq", shou_hub_pg_value_int (res, i, 0));
      json_object_set_int_member (e, "at", shou_hub_pg_value_int (res, i, 1));
      if (PQgetisnull (res, i, 2))
        json_object_set_null_member (e, "staff_id");
      else
        json_object_set_string_member (e, "staff_id", PQgetvalue (res, i, 2));
      json_object_set_string_member (e, "action", PQgetvalue (res, i, 3));
      json_object_set_string_member (e, "aftersale_id", PQgetvalue (res, i, 4));
      json_object_set_int_member (e, "amount_fen", shou_hub_pg_value_int (res, i, 5));
      json_object_set_int_member (e, "status", shou_hub_pg_value_int (res, i, 6));
      json_array_add_object_element (entries, e);
    }
  PQclear (res);
  return entries;
}

gint64
shou_hub_pg_day_total (ShouHubStore *self,
                       const char   *merchant_id,
                       const char   *staff_id,
                       const char   *day)
{
  const char *params[] = { merchant_id, staff_id, day };
  g_autofree char *total = shou_hub_pg_get_text (CONN (self), "SELECT COALESCE (SUM (amount_fen), 0) FROM audit"
                                                              " WHERE merchant_id = $1 AND staff_id = $2"
                                                              " AND day = $3 AND status = 200", 3, params);

  return total ? g_ascii_strtoll (total, NULL, 10) : 0;
}
