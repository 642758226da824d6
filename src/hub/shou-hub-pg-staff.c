/* shou-hub-pg-staff.c: staff management on the PostgreSQL engine. */
#include "config.h"

#include "hub/shou-hub-pg.h"
#include "shou-hub-staff.h"

#define CONN(self) ((PGconn *) g_object_get_data (G_OBJECT (self), "shou-hub-pg"))

GPtrArray *
shou_hub_pg_list_staff (ShouHubStore *self,
                        const char   *merchant_id)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_hub_staff_free);
  const char *params[] = { merchant_id };
  PGresult *res = shou_hub_pg_read (CONN (self), "SELECT staff_id, name, role, cap_action_fen, cap_day_fen"
                                                 " FROM staff WHERE merchant_id = $1 ORDER BY staff_id",
                                    1, params);

  for (int i = 0; res != NULL && i < PQntuples (res); i++)
    {
      ShouHubStaff *staff = g_new0 (ShouHubStaff, 1);

      staff->merchant_id = g_strdup (merchant_id);
      staff->staff_id = shou_hub_pg_value_dup (res, i, 0);
      staff->name = shou_hub_pg_value_dup (res, i, 1);
      staff->role = shou_hub_pg_value_dup (res, i, 2);
      staff->cap_action_fen = shou_hub_pg_value_int (res, i, 3);
      staff->cap_day_fen = shou_hub_pg_value_int (res, i, 4);
      g_ptr_array_add (out, staff);
    }
  PQclear (res);
  return out;
}

gboolean
shou_hub_pg_remove_staff (ShouHubStore  *self,
                          const char    *merchant_id,
                          const char    *staff_id,
                          GError       **error)
{
  const char *params[] = { merchant_id, staff_id };
  PGresult *res;
  gboolean found;

  if (!shou_hub_pg_command (CONN (self), FALSE, "DELETE FROM claims WHERE merchant_id = $1 AND staff_id = $2",
                            2, params, error))
    return FALSE;
  res = shou_hub_pg_query (CONN (self), FALSE, "DELETE FROM staff WHERE merchant_id = $1 AND staff_id = $2"
                           " RETURNING staff_id", 2, params, error);
  if (res == NULL)
    return FALSE;
  found = PQntuples (res) > 0;
  PQclear (res);
  return found;
}
