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

const char *
shou_hub_aftersale_get_profile_version (ShouHubAftersale *as)
{
  g_return_val_if_fail (as != NULL, NULL);
  if (as->doc == NULL)
    return NULL;
  return json_object_get_string_member_with_default (as->doc, "profile_version", NULL);
}

const ShouProfile *
shou_hub_aftersale_resolve_profile (ShouHubAftersale  *as,
                                    const ShouProfile *current,
                                    ShouProfiles      *set)
{
  const char *version = shou_hub_aftersale_get_profile_version (as);
  const ShouProfile *older;

  g_return_val_if_fail (as != NULL, current);
  if (version == NULL || set == NULL || current == NULL ||
      g_strcmp0 (version, shou_profile_get_version (current)) == 0)
    return current;
  older = shou_profiles_get_version (set, as->state.platform, version);
  if (older == NULL && as->state.platform == SHOU_PLATFORM_TMALL)
    older = shou_profiles_get_version (set, SHOU_PLATFORM_TAOBAO, version);
  return older != NULL ? older : current;
}
