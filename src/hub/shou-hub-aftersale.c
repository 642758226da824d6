/* shou-hub-aftersale.c: one after-sales request as the hub stores it. */
#include "config.h"

#include "shou-hub-aftersale.h"

ShouHubAftersale *
shou_hub_aftersale_new (void)
{
  ShouHubAftersale *as = g_new0 (ShouHubAftersale, 1);

  as->doc = json_object_new ();
  return as;
}

void
shou_hub_aftersale_free (ShouHubAftersale *as)
{
  if (as == NULL)
    return;
  g_free (as->id);
  g_free (as->shop_id);
  g_free (as->merchant_id);
  g_free (as->order_id);
  g_free (as->line_id);
  g_free (as->platform_id);
  g_free (as->reason_code);
  g_free (as->reason_text);
  g_free (as->buyer_text);
  g_free (as->return_address_id);
  g_free (as->rendered);
  g_clear_pointer (&as->doc, json_object_unref);
  g_free (as);
}
