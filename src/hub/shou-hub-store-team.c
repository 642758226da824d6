/* shou-hub-store-team.c: the team's tables (staff, claims, audit), one
 * implementation for both engines through shou_hub_store_query(). Claims
 * are change-feed entities: taking, renewing, releasing and expiry each give
 * the claim a new position from the merchant's feed counter. */
#include "config.h"

#include "shou-hub-store-private.h"

#define I64 SHOU_HUB_I64

gboolean
shou_hub_store_add_staff (ShouHubStore        *self,
                          const ShouHubStaff  *staff,
                          const char          *token,
                          GError             **error)
{
  char a[24], d[24];
  const char *params[] = { staff->merchant_id, staff->staff_id, staff->name, token, staff->role,
                           I64 (a, staff->cap_action_fen), I64 (d, staff->cap_day_fen) };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  rows = shou_hub_store_query (self, "INSERT INTO staff (merchant_id, staff_id, name, token, role,"
                                     " cap_action_fen, cap_day_fen) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                               "sssssii", params, error);
  return rows != NULL;
}

static ShouHubStaff *
staff_from_row (ShouHubRows *rows,
                guint        row)
{
  ShouHubStaff *staff = g_new0 (ShouHubStaff, 1);

  staff->merchant_id = g_strdup (shou_hub_rows_text (rows, row, 0));
  staff->staff_id = g_strdup (shou_hub_rows_text (rows, row, 1));
  staff->name = g_strdup (shou_hub_rows_text (rows, row, 2));
  staff->role = g_strdup (shou_hub_rows_text (rows, row, 3));
  staff->cap_action_fen = shou_hub_rows_int (rows, row, 4);
  staff->cap_day_fen = shou_hub_rows_int (rows, row, 5);
  return staff;
}

ShouHubStaff *
shou_hub_store_lookup_staff (ShouHubStore *self,
                             const char   *token)
{
  g_autofree char *merchant = NULL;
  g_autoptr(ShouHubRows) rows = NULL;
  ShouHubStaff *staff = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);

  /* The one lookup across merchants. Both lists are compared in full, in
   * constant time per token, whichever matches. */
  merchant = shou_hub_store_lookup_token (self, token);
  rows = shou_hub_store_read (self, "SELECT merchant_id, staff_id, name, role, cap_action_fen, cap_day_fen,"
                                    " token FROM staff", NULL, NULL);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    if (shou_hub_token_equal (token, shou_hub_rows_text (rows, i, 6)) && staff == NULL)
      staff = staff_from_row (rows, i);
  if (merchant != NULL && staff == NULL)
    {
      staff = g_new0 (ShouHubStaff, 1);
      staff->merchant_id = g_steal_pointer (&merchant);
      staff->name = shou_hub_store_get_merchant_name (self, staff->merchant_id);
      staff->role = g_strdup ("owner");
    }
  return staff;
}

ShouHubStaff *
shou_hub_store_get_staff (ShouHubStore *self,
                          const char   *merchant_id,
                          const char   *staff_id)
{
  const char *params[] = { merchant_id, staff_id };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  rows = shou_hub_store_read (self, "SELECT merchant_id, staff_id, name, role, cap_action_fen, cap_day_fen"
                                    " FROM staff WHERE merchant_id = $1 AND staff_id = $2", "ss", params);
  return shou_hub_rows_count (rows) > 0 ? staff_from_row (rows, 0) : NULL;
}

GPtrArray *
shou_hub_store_list_staff (ShouHubStore *self,
                           const char   *merchant_id)
{
  const char *params[] = { merchant_id };
  g_autoptr(ShouHubRows) rows = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_hub_staff_free);

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), out);
  rows = shou_hub_store_read (self, "SELECT merchant_id, staff_id, name, role, cap_action_fen, cap_day_fen"
                                    " FROM staff WHERE merchant_id = $1 ORDER BY staff_id", "s", params);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    g_ptr_array_add (out, staff_from_row (rows, i));
  return out;
}

gboolean
shou_hub_store_remove_staff (ShouHubStore  *self,
                             const char    *merchant_id,
                             const char    *staff_id,
                             gint64         now,
                             GError       **error)
{
  const char *params[] = { merchant_id, staff_id };
  g_autoptr(ShouHubRows) held = NULL;
  g_autoptr(ShouHubRows) gone = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  held = shou_hub_store_query (self, "SELECT aftersale_id FROM claims WHERE merchant_id = $1"
                                     " AND staff_id = $2 AND state = 'held'", "ss", params, error);
  if (held == NULL)
    return FALSE;
  for (guint i = 0; i < shou_hub_rows_count (held); i++)
    if (!shou_hub_store_put_claim (self, merchant_id, shou_hub_rows_text (held, i, 0), NULL, 0, now, error))
      return FALSE;
  gone = shou_hub_store_query (self, "DELETE FROM staff WHERE merchant_id = $1 AND staff_id = $2"
                                     " RETURNING staff_id", "ss", params, error);
  return gone != NULL && shou_hub_rows_count (gone) > 0;
}

/* Claims */

char *
shou_hub_store_get_claim (ShouHubStore *self,
                          const char   *merchant_id,
                          const char   *aftersale_id,
                          gint64       *out_expires_at)
{
  const char *params[] = { merchant_id, aftersale_id };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  rows = shou_hub_store_read (self, "SELECT staff_id, expires_at FROM claims WHERE merchant_id = $1"
                                    " AND aftersale_id = $2 AND state = 'held'", "ss", params);
  if (shou_hub_rows_count (rows) == 0)
    return NULL;
  if (out_expires_at != NULL)
    *out_expires_at = shou_hub_rows_int (rows, 0, 1);
  return g_strdup (shou_hub_rows_text (rows, 0, 0));
}

gboolean
shou_hub_store_put_claim (ShouHubStore  *self,
                          const char    *merchant_id,
                          const char    *aftersale_id,
                          const char    *staff_id,
                          gint64         expires_at,
                          gint64         now,
                          GError       **error)
{
  g_autoptr(ShouHubRows) rows = NULL;
  char e[24], s[24], n[24];
  gint64 seq;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);

  if (staff_id == NULL)
    {
      g_autofree char *holder = shou_hub_store_get_claim (self, merchant_id, aftersale_id, NULL);

      if (holder == NULL)
        return TRUE;
    }
  /* The counter first, as every writer takes it: one lock order. */
  seq = shou_hub_store_next_seq (self, merchant_id, error);
  if (seq <= 0)
    return FALSE;
  if (staff_id == NULL)
    {
      const char *params[] = { merchant_id, aftersale_id, I64 (s, seq), I64 (n, now) };

      rows = shou_hub_store_query (self, "UPDATE claims SET state = 'released', expires_at = $4,"
                                         " change_seq = $3, updated_at = $4 WHERE merchant_id = $1"
                                         " AND aftersale_id = $2 AND state = 'held'", "ssii", params, error);
    }
  else
    {
      const char *params[] = { merchant_id, aftersale_id, staff_id, I64 (e, expires_at), I64 (s, seq),
                               I64 (n, now) };

      rows = shou_hub_store_query (self, "INSERT INTO claims (merchant_id, aftersale_id, staff_id, expires_at,"
                                         " state, change_seq, updated_at) VALUES ($1, $2, $3, $4, 'held', $5, $6)"
                                         " ON CONFLICT (merchant_id, aftersale_id) DO UPDATE SET"
                                         " staff_id = EXCLUDED.staff_id, expires_at = EXCLUDED.expires_at,"
                                         " state = 'held', change_seq = EXCLUDED.change_seq,"
                                         " updated_at = EXCLUDED.updated_at", "sssiii", params, error);
    }
  return rows != NULL;
}

gboolean
shou_hub_store_expire_claims (ShouHubStore  *self,
                              const char    *merchant_id,
                              gint64         now,
                              GError       **error)
{
  char n[24];
  const char *params[] = { merchant_id, I64 (n, now) };
  g_autoptr(ShouHubRows) due = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);

  due = shou_hub_store_query (self, "SELECT aftersale_id FROM claims WHERE merchant_id = $1"
                                    " AND state = 'held' AND expires_at <= $2", "si", params, error);
  if (due == NULL)
    return FALSE;
  for (guint i = 0; i < shou_hub_rows_count (due); i++)
    {
      g_autoptr(ShouHubRows) rows = NULL;
      char s[24];
      const char *update[] = { merchant_id, shou_hub_rows_text (due, i, 0), NULL, n };
      gint64 seq;

      /* Another hub may expire it first: then this position stays unused
       * (a gap in numbers, no entity skipped). */
      if (!shou_hub_store_begin (self, error))
        return FALSE;
      seq = shou_hub_store_next_seq (self, merchant_id, error);
      update[2] = I64 (s, seq);
      if (seq > 0)
        rows = shou_hub_store_query (self, "UPDATE claims SET state = 'expired', change_seq = $3,"
                                           " updated_at = $4 WHERE merchant_id = $1 AND aftersale_id = $2"
                                           " AND state = 'held' AND expires_at <= $4", "ssii", update, error);
      if (rows == NULL || !shou_hub_store_commit (self, error))
        {
          shou_hub_store_rollback (self);
          return FALSE;
        }
    }
  return TRUE;
}

char *
shou_hub_store_get_claim_text (ShouHubStore *self,
                               const char   *merchant_id,
                               const char   *aftersale_id)
{
  const char *params[] = { merchant_id, aftersale_id };
  g_autoptr(ShouHubRows) rows = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *staff_id;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  rows = shou_hub_store_read (self, "SELECT c.staff_id, c.state, c.expires_at, c.updated_at,"
                                    " COALESCE (s.name, m.name) FROM claims c"
                                    " JOIN merchants m ON m.merchant_id = c.merchant_id"
                                    " LEFT JOIN staff s ON s.merchant_id = c.merchant_id AND s.staff_id = c.staff_id"
                                    " WHERE c.merchant_id = $1 AND c.aftersale_id = $2", "ss", params);
  if (shou_hub_rows_count (rows) == 0)
    return NULL;
  staff_id = shou_hub_rows_text (rows, 0, 0);
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "aftersale_id");
  json_builder_add_string_value (b, aftersale_id);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, shou_hub_rows_text (rows, 0, 1));
  json_builder_set_member_name (b, "holder");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "staff_id");
  if (staff_id == NULL || *staff_id == '\0')
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, staff_id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, shou_hub_rows_text (rows, 0, 4));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "expires_at");
  json_builder_add_int_value (b, shou_hub_rows_int (rows, 0, 2));
  json_builder_set_member_name (b, "updated_at");
  json_builder_add_int_value (b, shou_hub_rows_int (rows, 0, 3));
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return json_to_string (node, FALSE);
}

/* Audit */

gboolean
shou_hub_store_add_audit (ShouHubStore  *self,
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
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  /* PostgreSQL: a sequence (hub processes write at once); SQLite has one
   * writer. */
  if (shou_hub_store_is_pg (self))
    rows = shou_hub_store_query (self, "INSERT INTO audit (merchant_id, seq, at, staff_id, action, aftersale_id,"
                                       " amount_fen, day, status) VALUES ($1, nextval ('id_audit'), $2, $3, $4,"
                                       " $5, $6, $7, $8)", "sisssisi", params, error);
  else
    rows = shou_hub_store_query (self, "INSERT INTO audit (merchant_id, seq, at, staff_id, action, aftersale_id,"
                                       " amount_fen, day, status) VALUES ($1, (SELECT COALESCE (MAX (seq), 0) + 1"
                                       " FROM audit WHERE merchant_id = $1), $2, $3, $4, $5, $6, $7, $8)",
                                 "sisssisi", params, error);
  return rows != NULL;
}

JsonArray *
shou_hub_store_list_audit (ShouHubStore *self,
                           const char   *merchant_id,
                           guint         limit)
{
  char l[24];
  const char *params[] = { merchant_id, I64 (l, limit) };
  g_autoptr(ShouHubRows) rows = NULL;
  JsonArray *entries = json_array_new ();

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), entries);
  rows = shou_hub_store_read (self, "SELECT seq, at, staff_id, action, aftersale_id, amount_fen, status"
                                    " FROM audit WHERE merchant_id = $1 ORDER BY seq DESC LIMIT $2", "si", params);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    {
      JsonObject *e = json_object_new ();
      const char *staff_id = shou_hub_rows_text (rows, i, 2);

      json_object_set_int_member (e, "seq", shou_hub_rows_int (rows, i, 0));
      json_object_set_int_member (e, "at", shou_hub_rows_int (rows, i, 1));
      if (staff_id == NULL)
        json_object_set_null_member (e, "staff_id");
      else
        json_object_set_string_member (e, "staff_id", staff_id);
      json_object_set_string_member (e, "action", shou_hub_rows_text (rows, i, 3));
      json_object_set_string_member (e, "aftersale_id", shou_hub_rows_text (rows, i, 4));
      json_object_set_int_member (e, "amount_fen", shou_hub_rows_int (rows, i, 5));
      json_object_set_int_member (e, "status", shou_hub_rows_int (rows, i, 6));
      json_array_add_object_element (entries, e);
    }
  return entries;
}

gint64
shou_hub_store_day_total (ShouHubStore *self,
                          const char   *merchant_id,
                          const char   *staff_id,
                          const char   *day)
{
  const char *params[] = { merchant_id, staff_id, day };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), 0);
  rows = shou_hub_store_read (self, "SELECT COALESCE (SUM (amount_fen), 0) FROM audit WHERE merchant_id = $1"
                                    " AND staff_id = $2 AND day = $3 AND status = 200", "sss", params);
  return shou_hub_rows_int (rows, 0, 0);
}
