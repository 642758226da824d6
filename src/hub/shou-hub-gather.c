/* shou-hub-gather.c: agree_refund actions of a shop gathered for the
 * platform's batch calls (see shou-hub-gather.h). The hub serves one
 * request at a time, so a group is the requests that came in while it
 * waited; each is paused until its group has gone. */
#include "config.h"

#include "shou-hub-gather.h"

struct _ShouHubGather
{
  ShouHubContext    *ctx;
  ShouHubGatherFunc  func;
  GHashTable     *groups;   /* "merchant\nshop" → Group */
  GHashTable     *alone;    /* "merchant\nshop" → gint64 *: when its last action went alone */
};

typedef struct
{
  SoupServerMessage *msg;
  ShouHubActionJob   job;
} Waiting;

typedef struct
{
  ShouHubGather *gather;
  char          *name;
  GPtrArray     *waiting;   /* Waiting */
  gint64         first;     /* monotonic usec of the first action */
  guint          max_count; /* a batch call's worth (the profile's) */
  guint          source;
} Group;

void
shou_hub_action_job_clear (ShouHubActionJob *job)
{
  g_clear_pointer (&job->merchant, g_free);
  g_clear_pointer (&job->id, g_free);
  g_clear_pointer (&job->key, g_free);
  g_clear_pointer (&job->body, json_object_unref);
  g_clear_pointer (&job->caller, shou_hub_staff_free);
  g_clear_pointer (&job->text, g_free);
}

static void
waiting_free (gpointer data)
{
  Waiting *w = data;

  shou_hub_action_job_clear (&w->job);
  g_clear_object (&w->msg);
  g_free (w);
}

static void
group_free (gpointer data)
{
  Group *g = data;

  g_clear_handle_id (&g->source, g_source_remove);
  g_ptr_array_unref (g->waiting);
  g_free (g->name);
  g_free (g);
}

static void
answer (ShouHubContext *ctx,
        Waiting        *w)
{
  if (w->job.replayed)
    soup_message_headers_replace (soup_server_message_get_response_headers (w->msg),
                                  "Idempotent-Replayed", "true");
  shou_hub_http_send_text (ctx, w->msg, w->job.status, g_steal_pointer (&w->job.text));
  soup_server_message_unpause (w->msg);
}

static gboolean
on_group_due_cb (gpointer user_data)
{
  Group *g = user_data;
  ShouHubGather *self = g->gather;
  ShouHubContext *ctx = self->ctx;
  g_autoptr(GPtrArray) waiting = g_ptr_array_new_with_free_func (waiting_free);
  g_autofree ShouHubActionJob **jobs = NULL;
  g_autofree char *name = g_strdup (g->name);
  guint take = g->waiting->len;

  g->source = 0;
  /* Full: whole batch calls' worth go, the rest waits for more. */
  if (take >= g->max_count)
    take -= take % g->max_count;
  for (guint i = 0; i < take; i++)
    g_ptr_array_add (waiting, g_ptr_array_steal_index (g->waiting, 0));
  if (g->waiting->len == 0)
    {
      g_hash_table_remove (self->groups, g->name);
      g = NULL;
    }

  jobs = g_new0 (ShouHubActionJob *, waiting->len);
  for (guint i = 0; i < waiting->len; i++)
    jobs[i] = &((Waiting *) g_ptr_array_index (waiting, i))->job;
  self->func (ctx, jobs, waiting->len);
  for (guint i = 0; i < waiting->len; i++)
    answer (ctx, g_ptr_array_index (waiting, i));
  /* A client that sends one action at a time (the desktop's outbox): its
   * next one goes at once instead of waiting for company. */
  if (waiting->len == 1 && g == NULL)
    shou_hub_gather_went_alone (self, name);
  else
    g_hash_table_remove (self->alone, name);
  /* The rest waits on from now: what came in while the calls were made
   * is read first. */
  if (g != NULL)
    {
      g->first = g_get_monotonic_time ();
      g->source = g_timeout_add (SHOU_HUB_GATHER_QUIET_MS, on_group_due_cb, g);
    }
  return G_SOURCE_REMOVE;
}

ShouHubGather *
shou_hub_gather_new (ShouHubContext    *ctx,
                     ShouHubGatherFunc  func)
{
  ShouHubGather *self = g_new0 (ShouHubGather, 1);

  self->ctx = ctx;
  self->func = func;
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  self->alone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
shou_hub_gather_free (ShouHubGather *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self == NULL)
    return;
  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Group *g = value;

      for (guint i = 0; i < g->waiting->len; i++)
        {
          Waiting *w = g_ptr_array_index (g->waiting, i);
          g_autoptr(ShouHubFailure) failure = shou_hub_failure_new (503, "unavailable",
                                                                    "The hub is stopping");

          shou_hub_http_send_failure (self->ctx, w->msg, failure);
          soup_server_message_unpause (w->msg);
        }
    }
  g_hash_table_unref (self->groups);
  g_hash_table_unref (self->alone);
  g_free (self);
}

void
shou_hub_gather_went_alone (ShouHubGather *self,
                            const char    *name)
{
  gint64 *at = g_new (gint64, 1);

  *at = g_get_monotonic_time ();
  g_hash_table_replace (self->alone, g_strdup (name), at);
}

gboolean
shou_hub_gather_add (ShouHubGather     *self,
                     SoupServerMessage *msg,
                     const char        *merchant,
                     const char        *shop,
                     const char        *id,
                     const char        *key,
                     JsonObject        *body,
                     guint              max_count)
{
  g_autofree char *name = g_strconcat (merchant, "\n", shop, NULL);
  Group *g = g_hash_table_lookup (self->groups, name);
  Waiting *w;
  gint64 now = g_get_monotonic_time ();
  gint64 *alone_at = g_hash_table_lookup (self->alone, name);
  gint64 left;

  if (g == NULL && alone_at != NULL && now - *alone_at < SHOU_HUB_GATHER_QUIET_MS * 1000)
    return FALSE;
  w = g_new0 (Waiting, 1);
  if (g == NULL)
    {
      g = g_new0 (Group, 1);
      g->gather = self;
      g->name = g_steal_pointer (&name);
      g->waiting = g_ptr_array_new_with_free_func (waiting_free);
      g->first = now;
      g_hash_table_insert (self->groups, g->name, g);
    }
  w->msg = g_object_ref (msg);
  w->job.merchant = g_strdup (merchant);
  w->job.id = g_strdup (id);
  w->job.key = g_strdup (key);
  w->job.body = json_object_ref (body);
  w->job.caller = g_steal_pointer (&self->ctx->caller);
  g_ptr_array_add (g->waiting, w);
  g->max_count = MAX (max_count, 1);
  soup_server_message_pause (msg);

  /* Due when full, else after a quiet moment, and never later than the
   * longest wait from the first. */
  g_clear_handle_id (&g->source, g_source_remove);
  left = (g->first + SHOU_HUB_GATHER_MAX_MS * 1000 - now) / 1000;
  if (g->waiting->len >= g->max_count)
    left = 0;
  g->source = g_timeout_add (CLAMP (left, 0, SHOU_HUB_GATHER_QUIET_MS), on_group_due_cb, g);
  return TRUE;
}
