/* shou-platform-pull.c: one shop's incremental pull and daily audit. */
#include "config.h"

#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-platform-pull.h"

/* Details of the window's changed requests, then one store transaction. */
static gboolean
store_window (const ShouPlatformPull *pull,
              const char             *shop_id,
              const char             *merchant_id,
              const char             *token,
              GPtrArray              *entries,
              GError                **error)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_hub_aftersale_free);

  for (guint i = 0; i < entries->len; i++)
    {
      JsonObject *entry = entries->pdata[i];
      g_autofree char *platform_id = pull->entry_id (entry);
      g_autofree char *id = platform_id ? g_strconcat (pull->id_prefix, platform_id, NULL) : NULL;
      g_autoptr(ShouHubAftersale) as = id ? shou_hub_store_get_aftersale (pull->store, merchant_id, id) : NULL;

      if (id == NULL || pull->is_unchanged (as, entry))
        continue;
      /* A request listed twice in one window: its last entry counts. */
      for (guint k = 0; k < changed->len; k++)
        if (changed->pdata[k] != NULL && g_str_equal (((ShouHubAftersale *) changed->pdata[k])->id, id))
          g_clear_pointer (&changed->pdata[k], shou_hub_aftersale_free);
      if (as == NULL)
        {
          as = shou_hub_aftersale_new ();
          as->id = g_strdup (id);
          as->platform_id = g_strdup (platform_id);
          as->shop_id = g_strdup (shop_id);
          as->merchant_id = g_strdup (merchant_id);
        }
      if (!pull->fill (pull->data, shop_id, token, as, entry, error))
        return FALSE;
      g_ptr_array_add (changed, g_steal_pointer (&as));
    }
  if (!shou_hub_store_begin (pull->store, error))
    return FALSE;
  for (guint i = 0; i < changed->len; i++)
    if (changed->pdata[i] != NULL &&
        !shou_hub_store_put_aftersale (pull->store, changed->pdata[i], 0, error))
      {
        shou_hub_store_rollback (pull->store);
        return FALSE;
      }
  return shou_hub_store_commit (pull->store, error);
}

/* Every page of the window [@from, @to]; %NULL with @error when any page
 * failed or the window has more than max_pages. */
static GPtrArray *
read_window (const ShouPlatformPull *pull,
             const char             *shop_id,
             const char             *token,
             gint64                  from,
             gint64                  to,
             GError                **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint page = 1; page <= pull->max_pages; page++)
    {
      gboolean more = FALSE;

      if (!pull->read_page (pull->data, shop_id, token, from, to, page, entries, &more, error))
        return NULL;
      if (!more)
        return g_steal_pointer (&entries);
    }
  g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
               "More than %u pages in one window", pull->max_pages);
  return NULL;
}

static gboolean
within_budget (const ShouPlatformPull *pull)
{
  return pull->deadline == 0 || pull->pace_clock->now (pull->pace_clock->user_data) < pull->deadline;
}

/* Reads the window after the checkpoint named @key and commits it; %FALSE
 * (with @error, or none when there is no window before @until) otherwise. */
static gboolean
step (const ShouPlatformPull *pull,
      const char             *shop_id,
      const char             *merchant_id,
      const char             *token,
      const char             *key,
      gint64                  until,
      GError                **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  gint64 from, to;

  if (!within_budget (pull) ||
      !shou_platform_window_next (pull->policy, shou_platform_checkpoints_get (pull->checkpoints, key),
                                  until, &from, &to))
    return FALSE;
  entries = read_window (pull, shop_id, token, from, to, error);
  /* The checkpoint moves only past a window read and stored in full. */
  return entries != NULL && store_window (pull, shop_id, merchant_id, token, entries, error) &&
         shou_platform_checkpoints_commit (pull->checkpoints, key, to, error);
}

guint
shou_platform_pull_shop (const ShouPlatformPull *pull,
                         const char             *shop_id,
                         const char             *merchant_id,
                         const char             *token,
                         gint64                  now,
                         GError                **error)
{
  g_autofree char *audit = g_strconcat ("audit:", shop_id, NULL);
  g_autofree char *audit_start = g_strconcat ("audit-start:", shop_id, NULL);
  g_autoptr(GError) local = NULL;
  gint64 started;
  guint read = 0;

  while (read < pull->windows_per_pull && step (pull, shop_id, merchant_id, token, shop_id, now, &local))
    read++;
  /* Once a day (the first a day after the first pull), the last 48 hours
   * again up to where that audit began. Only what changed is fetched again. */
  started = shou_platform_checkpoints_get (pull->checkpoints, audit_start);
  if (local == NULL && read < pull->windows_per_pull &&
      shou_platform_checkpoints_get (pull->checkpoints, shop_id) > 0 &&
      (started == 0 || now - started >= SHOU_PLATFORM_AUDIT_EVERY) &&
      (!shou_platform_checkpoints_reset (pull->checkpoints, audit_start, now, &local) ||
       !shou_platform_checkpoints_reset (pull->checkpoints, audit,
                                         started == 0 ? now : now - SHOU_PLATFORM_AUDIT_SPAN, &local)))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return read;
    }
  started = shou_platform_checkpoints_get (pull->checkpoints, audit_start);
  while (local == NULL && started > 0 && read < pull->windows_per_pull &&
         step (pull, shop_id, merchant_id, token, audit, started + pull->policy->settle, &local))
    read++;
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return read;
}

void
shou_platform_pull_add_entries (GPtrArray *entries,
                                JsonArray *list)
{
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);

      if (entry != NULL)
        g_ptr_array_add (entries, json_object_ref (entry));
    }
}
