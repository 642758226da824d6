/* shou-autorules-window-hub.c: the rules window for an account whose team
 * hub runs the rules (API.md "GET /v1/autorules" and after). The window
 * lists, edits, orders, dry-runs and switches the hub's rules and watches
 * its log. A change reads the hub's list, applies the one change and puts
 * the list back, so a colleague's edit made meanwhile is kept. When the
 * hub cannot be reached nothing is changed, the window says so, and the
 * editor keeps what the seller wrote. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-autorule-editor.h"
#include "shou-autorules-window-private.h"
#include "ui/shou-ui-util.h"

char *
shou_autorules_hub_error_text (const GError *error)
{
  const char *reason = shou_api_error_get_reason (error);

  if (g_error_matches (error, SHOU_API_ERROR, SHOU_API_ERROR_NOT_ALLOWED) &&
      g_strcmp0 (reason, "dry_run_needed") == 0)
    return g_strdup (_("Run a dry run of the rule as it is now before turning it on"));
  if (g_error_matches (error, SHOU_API_ERROR, SHOU_API_ERROR_NOT_ALLOWED) &&
      g_strcmp0 (reason, "scripts_on_desktop") == 0)
    return g_strdup (_("On the team’s hub a rule cannot send a negotiation: the scripts are kept on each desktop."));
  if (g_error_matches (error, SHOU_API_ERROR, SHOU_API_ERROR_FORBIDDEN))
    return g_strdup (_("Only the shop’s owner can change the rules on the team’s hub."));
  if (error->domain == SHOU_API_ERROR && !shou_api_error_is_transient (error) &&
      !g_error_matches (error, SHOU_API_ERROR, SHOU_API_ERROR_CERTIFICATE))
    return g_strdup (_("The team’s hub refused the change. Nothing was changed."));
  return g_strdup (_("This account’s rules are kept and run on the team’s hub, which cannot be reached now. "
                     "Nothing was changed: try again once it is connected."));
}

char *
shou_autorules_hub_order_no (ShouAutorulesWindow *self,
                             const char          *server_id)
{
  g_autofree char *key = shou_store_request_key (self->store, self->account_id, server_id);
  g_autoptr(JsonObject) request = key ? shou_store_get_request (self->store, key, NULL) : NULL;
  JsonNode *order = request ? json_object_get_member (request, "order") : NULL;

  if (order == NULL || !JSON_NODE_HOLDS_OBJECT (order))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (order), "order_no", NULL));
}

static ShouApiClient *
client_of (ShouAutorulesWindow  *self,
           GError              **error)
{
  if (self->client == NULL)
    self->client = shou_sync_engine_get_client (self->engine, self->account_id, error);
  return self->client;
}

static void
show_status (ShouAutorulesWindow *self,
             const char          *text)
{
  gtk_label_set_label (GTK_LABEL (self->hub_status_label), text);
  gtk_widget_set_visible (self->hub_status, text != NULL);
}

/* The hub answered its list: show it. */
static void
take_rules (ShouAutorulesWindow *self,
            ShouApiAutorules    *answer)
{
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->hub_dry_run, g_hash_table_unref);
  self->rules = g_steal_pointer (&answer->rules);
  self->hub_dry_run = g_steal_pointer (&answer->dry_run);
  self->hub_loaded = TRUE;
  show_status (self, NULL);
  shou_autorules_window_render_rules (self);
}

/* ---- the list ------------------------------------------------------------ */

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ShouAutorulesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouApiAutorules) answer = shou_api_client_autorules_finish (SHOU_API_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* No rules on this server (an older one), or the server leaves them to
   * this desktop: they are the cache's. */
  if (g_error_matches (error, SHOU_API_ERROR, SHOU_API_ERROR_NOT_FOUND) || (answer != NULL && !answer->hub))
    {
      self->hub = FALSE;
      show_status (self, NULL);
      g_clear_pointer (&self->rules, g_ptr_array_unref);
      self->rules = shou_store_list_autorules (self->store, self->account_id);
      shou_autorules_window_render_rules (self);
      shou_autorules_log_refresh (self);
      return;
    }
  if (answer == NULL)
    {
      g_autofree char *text = shou_autorules_hub_error_text (error);

      show_status (self, text);
      shou_autorules_window_render_rules (self);
      return;
    }
  take_rules (self, answer);
}

void
shou_autorules_hub_load (ShouAutorulesWindow *self)
{
  g_autoptr(GError) error = NULL;
  ShouApiClient *client = client_of (self, &error);

  if (client == NULL)
    {
      g_autofree char *text = shou_autorules_hub_error_text (error);

      show_status (self, text);
      shou_autorules_window_render_rules (self);
      return;
    }
  shou_api_client_autorules_async (client, NULL, self->cancellable, on_loaded_cb, g_object_ref (self));
}

/* ---- changes: read, change one rule, put back ----------------------------- */

typedef enum { OP_SAVE, OP_DELETE, OP_MOVE, OP_ENABLE, OP_REPLACE } OpKind;

typedef struct
{
  ShouAutorulesWindow *self;
  OpKind               kind;
  ShouAutorule        *rule;       /* OP_SAVE */
  char                *rule_id;
  guint                position;   /* OP_MOVE */
  gboolean             enabled;    /* OP_ENABLE */
  GtkWindow           *editor;     /* OP_SAVE: waits for the answer */
  GtkWidget           *dry_run;    /* OP_ENABLE from a dry run: closes after */
  GPtrArray           *rules;      /* OP_REPLACE: an imported file's, all off */
} Op;

static void
op_free (Op *op)
{
  g_clear_object (&op->self);
  g_clear_pointer (&op->rule, shou_autorule_free);
  g_free (op->rule_id);
  g_clear_pointer (&op->rules, g_ptr_array_unref);
  if (op->editor != NULL)
    g_object_remove_weak_pointer (G_OBJECT (op->editor), (gpointer *) &op->editor);
  if (op->dry_run != NULL)
    g_object_remove_weak_pointer (G_OBJECT (op->dry_run), (gpointer *) &op->dry_run);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

/* What a rule does, without its name and switch: a change of it needs a
 * new dry run. */
static char *
rule_text (const ShouAutorule *rule)
{
  g_autoptr(JsonObject) o = shou_autorule_to_json (rule);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_object_remove_member (o, "name");
  json_object_remove_member (o, "enabled");
  json_node_set_object (node, o);
  return json_to_string (node, FALSE);
}

static int
index_of (GPtrArray  *rules,
          const char *id)
{
  for (guint i = 0; i < rules->len; i++)
    if (g_strcmp0 (((ShouAutorule *) rules->pdata[i])->id, id) == 0)
      return (int) i;
  return -1;
}

/* Applies @op to @rules (the hub's list as just read). */
static void
apply (Op        *op,
       GPtrArray *rules)
{
  int i = op->kind == OP_REPLACE ? -1 : index_of (rules, op->kind == OP_SAVE ? op->rule->id : op->rule_id);
  gpointer moved;

  switch (op->kind)
    {
    case OP_REPLACE:
      g_ptr_array_set_size (rules, 0);
      for (guint k = 0; k < op->rules->len; k++)
        {
          ShouAutorule *copy = shou_autorule_copy (op->rules->pdata[k]);

          copy->enabled = FALSE;
          g_ptr_array_add (rules, copy);
        }
      break;
    case OP_SAVE:
      {
        ShouAutorule *copy = shou_autorule_copy (op->rule);

        if (i < 0)
          {
            copy->enabled = FALSE;
            g_ptr_array_add (rules, copy);
            break;
          }
        {
          g_autofree char *before = rule_text (rules->pdata[i]);
          g_autofree char *after = rule_text (copy);

          /* Renamed: it stays as it was. Changed: off until a dry run. */
          copy->enabled = ((ShouAutorule *) rules->pdata[i])->enabled && g_strcmp0 (before, after) == 0;
        }
        shou_autorule_free (rules->pdata[i]);
        rules->pdata[i] = copy;
      }
      break;
    case OP_DELETE:
      if (i >= 0)
        g_ptr_array_remove_index (rules, i);
      break;
    case OP_MOVE:
      if (i >= 0 && op->position < rules->len)
        {
          moved = g_ptr_array_steal_index (rules, i);
          g_ptr_array_insert (rules, op->position, moved);
        }
      break;
    case OP_ENABLE:
    default:
      if (i >= 0)
        ((ShouAutorule *) rules->pdata[i])->enabled = op->enabled;
      break;
    }
}

static void
op_failed (Op           *op,
           const GError *error)
{
  g_autofree char *text = shou_autorules_hub_error_text (error);

  if (op->editor != NULL)
    shou_autorule_editor_finish (op->editor, text);
  else
    shou_ui_toast (op->self->toasts, text, SHOU_TOAST_TIMEOUT);
  /* Unreachable: the rules page says so until it is reached again. */
  if (error->domain != SHOU_API_ERROR || shou_api_error_is_transient (error))
    show_status (op->self, text);
  /* A refused switch goes back to what the hub has. */
  shou_autorules_window_render_rules (op->self);
}

static void
on_put_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouApiAutorules) answer = shou_api_client_autorules_finish (SHOU_API_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (answer == NULL)
    {
      op_failed (op, error);
      return;
    }
  take_rules (op->self, answer);
  if (op->kind == OP_ENABLE && op->enabled)
    shou_ui_toast (op->self->toasts, _("The rule is on"), SHOU_TOAST_TIMEOUT);
  if (op->kind == OP_REPLACE)
    shou_autorules_window_imported (op->self, op->rules->len);
  if (op->editor != NULL)
    shou_autorule_editor_finish (op->editor, NULL);
  if (op->dry_run != NULL)
    gtk_window_destroy (GTK_WINDOW (op->dry_run));
}

static void
on_read_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouApiAutorules) answer = shou_api_client_autorules_finish (SHOU_API_CLIENT (object), result, &error);
  GCancellable *cancellable;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (answer == NULL)
    {
      op_failed (op, error);
      return;
    }
  apply (op, answer->rules);
  cancellable = op->self->cancellable;
  shou_api_client_autorules_async (SHOU_API_CLIENT (object), answer->rules, cancellable, on_put_cb,
                                   g_steal_pointer (&op));
}

static void
run_op (ShouAutorulesWindow *self,
        Op                  *op)
{
  g_autoptr(GError) error = NULL;
  ShouApiClient *client = client_of (self, &error);

  op->self = g_object_ref (self);
  if (op->editor != NULL)
    g_object_add_weak_pointer (G_OBJECT (op->editor), (gpointer *) &op->editor);
  if (op->dry_run != NULL)
    g_object_add_weak_pointer (G_OBJECT (op->dry_run), (gpointer *) &op->dry_run);
  if (client == NULL)
    {
      op_failed (op, error);
      op_free (op);
      return;
    }
  shou_api_client_autorules_async (client, NULL, self->cancellable, on_read_cb, op);
}

void
shou_autorules_hub_save (ShouAutorulesWindow *self,
                         GtkWindow           *editor,
                         const ShouAutorule  *rule)
{
  Op *op = g_new0 (Op, 1);

  op->kind = OP_SAVE;
  op->rule = shou_autorule_copy (rule);
  op->editor = editor;
  run_op (self, op);
}

void
shou_autorules_hub_delete (ShouAutorulesWindow *self,
                           const char          *rule_id)
{
  Op *op = g_new0 (Op, 1);

  op->kind = OP_DELETE;
  op->rule_id = g_strdup (rule_id);
  run_op (self, op);
}

void
shou_autorules_hub_move (ShouAutorulesWindow *self,
                         const char          *rule_id,
                         guint                position)
{
  Op *op = g_new0 (Op, 1);

  op->kind = OP_MOVE;
  op->rule_id = g_strdup (rule_id);
  op->position = position;
  run_op (self, op);
}

void
shou_autorules_hub_enable (ShouAutorulesWindow *self,
                           const char          *rule_id,
                           gboolean             enabled,
                           GtkWidget           *dry_run_window)
{
  Op *op = g_new0 (Op, 1);

  op->kind = OP_ENABLE;
  op->rule_id = g_strdup (rule_id);
  op->enabled = enabled;
  op->dry_run = dry_run_window;
  run_op (self, op);
}

void
shou_autorules_hub_replace (ShouAutorulesWindow *self,
                            GPtrArray           *rules)
{
  Op *op = g_new0 (Op, 1);

  op->kind = OP_REPLACE;
  op->rules = g_ptr_array_ref (rules);
  run_op (self, op);
}

/* ---- the dry run ---------------------------------------------------------- */

typedef struct
{
  ShouAutorulesWindow *self;
  ShouAutorule        *rule;
} DryRun;

static void
dry_run_free (DryRun *d)
{
  g_object_unref (d->self);
  shou_autorule_free (d->rule);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DryRun, dry_run_free)

static void
on_dry_run_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DryRun) d = user_data;
  ShouAutorulesWindow *self = d->self;
  const ShouAutorule *rule = d->rule;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouAutoruleDryRun) run = shou_api_client_autorule_dry_run_finish (SHOU_API_CLIENT (object), result,
                                                                              &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (run == NULL)
    {
      g_autofree char *text = shou_autorules_hub_error_text (error);

      shou_ui_toast (self->toasts, text, SHOU_TOAST_TIMEOUT);
      return;
    }
  shou_autorules_window_present_dry_run (self, rule, run);
}

void
shou_autorules_hub_dry_run (ShouAutorulesWindow *self,
                            const ShouAutorule  *rule)
{
  g_autoptr(GError) error = NULL;
  ShouApiClient *client = client_of (self, &error);
  DryRun *d;

  if (client == NULL)
    {
      g_autofree char *text = shou_autorules_hub_error_text (error);

      shou_ui_toast (self->toasts, text, SHOU_TOAST_TIMEOUT);
      return;
    }
  d = g_new0 (DryRun, 1);
  d->self = g_object_ref (self);
  d->rule = shou_autorule_copy (rule);
  shou_api_client_autorule_dry_run_async (client, rule, self->cancellable, on_dry_run_cb, d);
}

/* ---- the log -------------------------------------------------------------- */

static void
on_log_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ShouAutorulesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouApiAutoruleLog) log = shou_api_client_autorule_log_finish (SHOU_API_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->log_fetching = FALSE;
  if (log == NULL)
    return;
  self->hub_offset = log->now - g_get_real_time ();
  for (guint i = 0; i < log->entries->len; i++)
    {
      ShouAutoruleLogEntry *e = log->entries->pdata[i];

      e->order_no = shou_autorules_hub_order_no (self, e->request_key);
    }
  shou_autorules_log_show (self, g_steal_pointer (&log->entries));
}

void
shou_autorules_hub_fetch_log (ShouAutorulesWindow *self)
{
  ShouApiClient *client = client_of (self, NULL);

  if (client == NULL || self->log_fetching)
    return;
  self->log_fetching = TRUE;
  shou_api_client_autorule_log_async (client, 200, self->cancellable, on_log_cb, g_object_ref (self));
}

static void
on_undo_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ShouAutorulesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 n = shou_api_client_autorule_undo_finish (SHOU_API_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (n < 0)
    {
      g_autofree char *text = shou_autorules_hub_error_text (error);

      shou_ui_toast (self->toasts, text, SHOU_TOAST_TIMEOUT);
    }
  else
    shou_ui_toast_printf (self->toasts, SHOU_TOAST_TIMEOUT,
                          ngettext ("%u action undone", "%u actions undone", (guint) n), (guint) n);
  /* Read the log after the answer: the undone rows change their state. */
  self->log_fetching = FALSE;
  g_clear_pointer (&self->log_signature, g_free);
  shou_autorules_hub_fetch_log (self);
}

void
shou_autorules_hub_undo (ShouAutorulesWindow *self,
                         const char          *key)
{
  g_autoptr(GError) error = NULL;
  ShouApiClient *client = client_of (self, &error);

  if (client == NULL)
    {
      g_autofree char *text = shou_autorules_hub_error_text (error);

      shou_ui_toast (self->toasts, text, SHOU_TOAST_TIMEOUT);
      return;
    }
  shou_api_client_autorule_undo_async (client, key, self->cancellable, on_undo_cb, g_object_ref (self));
}
