/* shou-claim-bar.c: see shou-claim-bar.h. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "store/shou-store-team.h"
#include "shou-claim-bar.h"

struct _ShouClaimBar
{
  GtkBox      parent_instance;

  ShouStore  *store;
  ShouClock  *clock;
  char       *request_key;
  char       *holder;        /* another staff member's name, or NULL */
  gint64      holder_until;  /* when that claim's lease ends (UTC usec) */
  char       *taken_over;    /* the key whose claim the seller took over */
  GtkLabel   *label;
  guint       claim_id;      /* claiming the request once it stayed shown */
};

/* Moving through the queue shows each request for a moment: the claim is
 * asked for once one stays shown this long. */
#define CLAIM_DELAY_MS 700

G_DEFINE_FINAL_TYPE (ShouClaimBar, shou_claim_bar, GTK_TYPE_BOX)

static void
update (ShouClaimBar *self)
{
  g_autoptr(ShouClaim) claim = NULL;

  if (self->store != NULL && self->request_key != NULL)
    claim = shou_store_get_claim (self->store, self->request_key,
                                  self->clock ? shou_clock_get_now (self->clock) : g_get_real_time ());
  g_clear_pointer (&self->holder, g_free);
  if (claim != NULL && !claim->mine && claim->name != NULL && claim->name[0] != '\0')
    {
      g_autofree char *text = NULL;

      self->holder = g_strdup (claim->name);
      self->holder_until = claim->expires_at;
      /* Translators: %s is a staff member's name; the queue and the
       * request say so while they work on it ("张三 处理中"). */
      text = g_strdup_printf (_("%s is handling this"), claim->name);
      /* The name comes from the hub: plain text, never markup. */
      gtk_label_set_text (self->label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->holder != NULL);
}

/* A claim comes and changes with the store's "changed"; the clock only
 * ends the lease of the one shown, so the tick reads nothing until then. */
static void
on_clock_tick_cb (ShouClaimBar *self)
{
  if (self->holder != NULL && self->holder_until > 0 &&
      shou_clock_get_now (self->clock) >= self->holder_until)
    update (self);
}

static void
on_store_changed_cb (ShouClaimBar *self,
                     const char   *key)
{
  if (key == NULL || g_strcmp0 (key, self->request_key) == 0)
    update (self);
}

void
shou_claim_bar_setup (ShouClaimBar *self,
                      ShouStore    *store,
                      ShouClock    *clock)
{
  g_return_if_fail (SHOU_IS_CLAIM_BAR (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->clock = clock ? g_object_ref (clock) : NULL;
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  if (clock != NULL)
    g_signal_connect_object (clock, "tick", G_CALLBACK (on_clock_tick_cb), self, G_CONNECT_SWAPPED);
}

static gboolean
on_claim_timeout_cb (gpointer user_data)
{
  ShouClaimBar *self = user_data;

  self->claim_id = 0;
  shou_store_want_claim (self->store, self->request_key, FALSE);
  return G_SOURCE_REMOVE;
}

void
shou_claim_bar_set_request (ShouClaimBar *self,
                            const char   *request_key)
{
  g_return_if_fail (SHOU_IS_CLAIM_BAR (self));

  if (g_strcmp0 (request_key, self->request_key) != 0)
    {
      g_free (self->request_key);
      self->request_key = g_strdup (request_key);
      g_clear_pointer (&self->taken_over, g_free);
      g_clear_handle_id (&self->claim_id, g_source_remove);
      if (self->store != NULL && request_key == NULL)
        shou_store_want_claim (self->store, NULL, FALSE);
      else if (self->store != NULL)
        self->claim_id = g_timeout_add (CLAIM_DELAY_MS, on_claim_timeout_cb, self);
    }
  update (self);
}

const char *
shou_claim_bar_get_holder (ShouClaimBar *self)
{
  g_return_val_if_fail (SHOU_IS_CLAIM_BAR (self), NULL);
  return self->holder;
}

typedef struct
{
  ShouClaimBar *self;
  GtkWidget    *widget;
  char         *key;
  char         *action_name;
} AskData;

static void
ask_data_free (AskData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->widget);
  g_free (data->key);
  g_free (data->action_name);
  g_free (data);
}

static void
on_ask_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AskData          *data)
{
  ShouClaimBar *self = data->self;

  if (g_str_equal (response, "take-over") && g_strcmp0 (data->key, self->request_key) == 0)
    {
      /* The hub hands the claim over; the action goes on now (it waits in
       * the outbox like any other if the hub cannot be reached). */
      g_free (self->taken_over);
      self->taken_over = g_strdup (data->key);
      shou_store_want_claim (self->store, data->key, TRUE);
      gtk_widget_activate_action (data->widget, data->action_name, NULL);
    }
}

gboolean
shou_claim_bar_ask_first (ShouClaimBar *self,
                          GtkWidget    *widget,
                          const char   *action_name)
{
  AdwMessageDialog *dialog;
  GtkRoot *root;
  AskData *data;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (SHOU_IS_CLAIM_BAR (self), FALSE);

  update (self);
  if (self->holder == NULL || g_strcmp0 (self->taken_over, self->request_key) == 0)
    return FALSE;

  root = gtk_widget_get_root (widget);
  /* Translators: %s is the name of the staff member handling the request */
  heading = g_strdup_printf (_("Take Over from %s?"), self->holder);
  body = g_strdup_printf (_("%s is handling this request. If you go on, the request becomes yours "
                            "and %s can no longer act on it."), self->holder, self->holder);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "take-over", _("_Take Over"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "take-over", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  data = g_new0 (AskData, 1);
  data->self = g_object_ref (self);
  data->widget = g_object_ref (widget);
  data->key = g_strdup (self->request_key);
  data->action_name = g_strdup (action_name);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_ask_response_cb), data,
                         (GClosureNotify) ask_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
shou_claim_bar_dispose (GObject *object)
{
  ShouClaimBar *self = SHOU_CLAIM_BAR (object);

  g_clear_handle_id (&self->claim_id, g_source_remove);
  /* Leaving the window leaves the request: its claim is released. */
  if (self->store != NULL && self->request_key != NULL)
    shou_store_want_claim (self->store, NULL, FALSE);
  g_clear_pointer (&self->request_key, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  G_OBJECT_CLASS (shou_claim_bar_parent_class)->dispose (object);
}

static void
shou_claim_bar_finalize (GObject *object)
{
  ShouClaimBar *self = SHOU_CLAIM_BAR (object);

  g_free (self->holder);
  g_free (self->taken_over);
  G_OBJECT_CLASS (shou_claim_bar_parent_class)->finalize (object);
}

static void
shou_claim_bar_class_init (ShouClaimBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shou_claim_bar_dispose;
  object_class->finalize = shou_claim_bar_finalize;
}

static void
shou_claim_bar_init (ShouClaimBar *self)
{
  GtkWidget *image = gtk_image_new_from_icon_name ("system-users-symbolic");

  gtk_box_set_spacing (GTK_BOX (self), 8);
  gtk_widget_add_css_class (GTK_WIDGET (self), "pending-banner");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_box_append (GTK_BOX (self), image);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_use_markup (self->label, FALSE);
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_wrap (self->label, TRUE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->label));
}
