/* shou-sim-demo-addresses.c: the demo shops' two return addresses, with
 * their GB/T 2260 area codes (data/divisions).
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shou-sim-demo-addresses.h"

static JsonObject *
make_address (const char  *name,
              const char  *phone,
              const char  *province,
              const char  *city,
              const char  *district,
              const char  *street,
              const char  *postcode,
              const char  *division_code,
              gboolean     is_default)
{
  JsonObject *a = json_object_new ();

  json_object_set_string_member (a, "name", name);
  json_object_set_string_member (a, "phone", phone);
  json_object_set_string_member (a, "province", province);
  json_object_set_string_member (a, "city", city);
  json_object_set_string_member (a, "district", district);
  json_object_set_string_member (a, "street", street);
  json_object_set_string_member (a, "postcode", postcode);
  json_object_set_string_member (a, "division_code", division_code);
  json_object_set_boolean_member (a, "is_default", is_default);
  return a;
}

gboolean
shou_sim_demo_add_addresses (ShouHubStore  *db,
                             const char    *shop_id,
                             const char    *merchant,
                             JsonObject   **out_first,
                             GError       **error)
{
  g_autoptr(JsonObject) a = make_address ("周敏（售后仓）", "13857196624", "浙江省", "杭州市",
                                          "余杭区", "仓前街道文一西路1500号 3号仓 售后组", "311121", "330110", TRUE);
  g_autoptr(JsonObject) b = make_address ("刘强（退货处）", "0571-88812345", "浙江省", "金华市",
                                          "义乌市", "福田街道商城大道88号 B座退货处", "322000", "330782", FALSE);
  g_autofree char *id_a = g_strdup_printf ("addr-%" G_GINT64_FORMAT, shou_hub_store_next_id (db, "address"));
  g_autofree char *id_b = g_strdup_printf ("addr-%" G_GINT64_FORMAT, shou_hub_store_next_id (db, "address"));

  if (!shou_hub_store_put_address (db, id_a, shop_id, merchant, a, 1, FALSE, error) ||
      !shou_hub_store_put_address (db, id_b, shop_id, merchant, b, 1, FALSE, error))
    return FALSE;
  *out_first = shou_hub_store_get_address (db, merchant, id_a);
  return TRUE;
}

