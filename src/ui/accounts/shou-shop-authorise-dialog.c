/* shou-shop-authorise-dialog.c: see shou-shop-authorise-dialog.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "sync/shou-api-error.h"
#include "sync/shou-api-errors.h"
#include "shou-shop-authorise-dialog.h"

typedef struct
{
  GtkWidget      *window;
  ShouSyncEngine *engine;
  GCancellable   *cancellable;
  char           *account_id;
  char           *path;          /* /v1/shops/{id}/authorisation */
  char           *url;           /* the platform's page, once the hub gave it */
  gboolean        loading;
  gboolean        sending;
  gboolean        open_after;    /* the seller asked to open it before it came */
  GtkWidget      *open_button;
  GtkWidget      *copy_button;
  GtkWidget      *page_status;
  GtkWidget      *entry;
  GtkWidget      *error;
  GtkWidget      *spinner;
  GtkWidget      *authorise_button;
} Authorise;

static void
authorise_free (Authorise *auth)
{
  /* Answers still under way find the dialog gone and do nothing. */
  g_cancellable_cancel (auth->cancellable);
  g_object_unref (auth->cancellable);
  g_object_unref (auth->engine);
  g_free (auth->account_id);
  g_free (auth->path);
  g_free (auth->url);
  g_free (auth);
}

static gboolean
cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* What went wrong, in the UI's words: an agent's token may not authorise. */
static char *
describe (const GError *error)
{
  if (error == NULL)
    return g_strdup (_("The hub’s answer could not be read."));
  if (g_error_matches (error, SHOU_API_ERROR, SHOU_API_ERROR_FORBIDDEN))
    return g_strdup (_("Only the shop’s owner can authorise it. Ask the owner to do it in Accounts and Shops."));
  return shou_api_error_describe_error (error);
}

static void
set_status (Authorise  *auth,
            const char *text)
{
  gtk_label_set_text (GTK_LABEL (auth->page_status), text ? text : "");
  gtk_widget_set_visible (auth->page_status, text != NULL);
}

static void
update_sensitivity (Authorise *auth)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (auth->entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  gtk_widget_set_sensitive (auth->open_button, !auth->loading);
  gtk_widget_set_sensitive (auth->copy_button, auth->url != NULL);
  gtk_widget_set_sensitive (auth->authorise_button, !auth->sending && *stripped != '\0');
  gtk_widget_set_visible (auth->spinner, auth->sending || auth->loading);
  gtk_spinner_set_spinning (GTK_SPINNER (auth->spinner), auth->sending || auth->loading);
}

static void open_page (Authorise *auth);

static void
on_page_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Authorise *auth = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = shou_sync_engine_team_call_finish (SHOU_SYNC_ENGINE (object), result, &error);
  const char *url;

  if (cancelled (error))
    return;
  auth->loading = FALSE;
  url = answer ? json_object_get_string_member_with_default (answer, "url", NULL) : NULL;
  if (url == NULL || !g_str_has_prefix (url, "https://"))
    {
      g_autofree char *text = describe (error);

      set_status (auth, text);
      update_sensitivity (auth);
      return;
    }
  g_free (auth->url);
  auth->url = g_strdup (url);
  set_status (auth, NULL);
  update_sensitivity (auth);
  if (auth->open_after)
    open_page (auth);
}

static void
load_page (Authorise *auth,
           gboolean   open_after)
{
  auth->loading = TRUE;
  set_status (auth, _("Getting the authorisation page…"));
  update_sensitivity (auth);
  auth->open_after = open_after;
  shou_sync_engine_team_call_async (auth->engine, auth->account_id, "GET", auth->path, NULL,
                                    auth->cancellable, on_page_cb, auth);
}

static void
on_shown_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Authorise *auth = user_data;
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    return;
  if (cancelled (error))
    return;
  g_debug ("Opening the authorisation page failed: %s", error->message);
  set_status (auth, _("The browser did not open. Copy the link and open it in a browser where you can sign in as the shop."));
}

static void
open_page (Authorise *auth)
{
  if (auth->url == NULL)
    {
      load_page (auth, TRUE);
      return;
    }
  set_status (auth, NULL);
  /* gtk_show_uri() would only log a failure; the seller must see it. */
  gtk_show_uri_full (GTK_WINDOW (auth->window), auth->url, GDK_CURRENT_TIME, auth->cancellable,
                     on_shown_cb, auth);
  gtk_widget_grab_focus (auth->entry);
}

static void
on_open_clicked_cb (GtkButton *button,
                    Authorise *auth)
{
  open_page (auth);
}

static void
on_copy_clicked_cb (GtkButton *button,
                    Authorise *auth)
{
  if (auth->url == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (auth->window), auth->url);
  set_status (auth, _("The link is copied. Open it in a browser where you can sign in as the shop."));
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Authorise *auth = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = shou_sync_engine_team_call_finish (SHOU_SYNC_ENGINE (object), result, &error);
  g_autofree char *text = NULL;

  if (cancelled (error))
    return;
  auth->sending = FALSE;
  if (error == NULL && g_strcmp0 (json_object_get_string_member_with_default (answer, "authorisation", NULL),
                                  "authorised") == 0)
    {
      /* The shop's new state and its requests come with the next sync;
       * its waiting actions go with it. */
      shou_sync_engine_sync_now (auth->engine);
      gtk_window_destroy (GTK_WINDOW (auth->window));
      return;
    }
  /* What the seller pasted stays in the entry, to correct or replace. */
  text = describe (error);
  gtk_label_set_text (GTK_LABEL (auth->error), text);
  gtk_widget_set_visible (auth->error, TRUE);
  update_sensitivity (auth);
  gtk_widget_grab_focus (auth->entry);
}

static void
send_code (Authorise *auth)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (auth->entry))));
  g_autoptr(JsonObject) body = NULL;

  if (auth->sending || *text == '\0')
    return;
  body = json_object_new ();
  json_object_set_string_member (body, "code", text);
  auth->sending = TRUE;
  gtk_widget_set_visible (auth->error, FALSE);
  update_sensitivity (auth);
  shou_sync_engine_team_call_async (auth->engine, auth->account_id, "POST", auth->path, body,
                                    auth->cancellable, on_sent_cb, auth);
}

static void
on_authorise_clicked_cb (GtkButton *button,
                         Authorise *auth)
{
  send_code (auth);
}

static void
on_entry_activated_cb (AdwEntryRow *row,
                       Authorise   *auth)
{
  send_code (auth);
}

static void
on_entry_changed_cb (GtkEditable *editable,
                     Authorise   *auth)
{
  update_sensitivity (auth);
}

static GtkWidget *
step_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

GtkWindow *
shou_shop_authorise_dialog_new (GtkWindow      *parent,
                                ShouSyncEngine *engine,
                                const char     *account_id,
                                const char     *shop_id,
                                const char     *shop_name)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (_("Authorise Shop"), shop_name);
  g_autofree char *escaped = g_uri_escape_string (shop_id, NULL, FALSE);
  g_autofree char *first = NULL;
  GtkEventController *keys;
  Authorise *auth = g_new0 (Authorise, 1);

  g_return_val_if_fail (SHOU_IS_SYNC_ENGINE (engine), NULL);

  auth->window = window;
  auth->engine = g_object_ref (engine);
  auth->cancellable = g_cancellable_new ();
  auth->account_id = g_strdup (account_id);
  auth->path = g_strdup_printf ("/v1/shops/%s/authorisation", escaped);
  g_object_set_data_full (G_OBJECT (window), "shou-authorise", auth, (GDestroyNotify) authorise_free);

  gtk_window_set_title (GTK_WINDOW (window), _("Authorise Shop"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 520, -1);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), inner);
  gtk_widget_set_margin_top (inner, 12);
  gtk_widget_set_margin_bottom (inner, 18);
  gtk_widget_set_margin_start (inner, 18);
  gtk_widget_set_margin_end (inner, 18);

  /* Translators: %s is the shop's name */
  first = g_strdup_printf (_("1. Open the platform’s authorisation page, sign in as the shop “%s” and agree."),
                           shop_name);
  gtk_box_append (GTK_BOX (inner), step_label (first));
  auth->open_button = gtk_button_new_with_mnemonic (_("_Open Authorisation Page"));
  gtk_widget_set_name (auth->open_button, "open_button");
  g_signal_connect (auth->open_button, "clicked", G_CALLBACK (on_open_clicked_cb), auth);
  auth->copy_button = gtk_button_new_with_mnemonic (_("Copy _Link"));
  gtk_widget_set_name (auth->copy_button, "copy_button");
  g_signal_connect (auth->copy_button, "clicked", G_CALLBACK (on_copy_clicked_cb), auth);
  gtk_box_append (GTK_BOX (buttons), auth->open_button);
  gtk_box_append (GTK_BOX (buttons), auth->copy_button);
  gtk_box_append (GTK_BOX (inner), buttons);
  auth->page_status = step_label (NULL);
  gtk_widget_add_css_class (auth->page_status, "dim-label");
  gtk_widget_set_visible (auth->page_status, FALSE);
  gtk_box_append (GTK_BOX (inner), auth->page_status);

  gtk_box_append (GTK_BOX (inner),
                  step_label (_("2. The browser then goes to the app’s registered address. Copy the whole address "
                                "from its address bar (or only the code it shows) and paste it here.")));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  auth->entry = adw_entry_row_new ();
  gtk_widget_set_name (auth->entry, "code_row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (auth->entry), _("Address or Code"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (auth->entry), FALSE);
  g_signal_connect (auth->entry, "entry-activated", G_CALLBACK (on_entry_activated_cb), auth);
  g_signal_connect (auth->entry, "changed", G_CALLBACK (on_entry_changed_cb), auth);
  gtk_list_box_append (GTK_LIST_BOX (list), auth->entry);
  gtk_box_append (GTK_BOX (inner), list);
  auth->error = step_label (NULL);
  gtk_widget_set_name (auth->error, "authorise_error");
  gtk_widget_add_css_class (auth->error, "error");
  gtk_widget_set_visible (auth->error, FALSE);
  gtk_box_append (GTK_BOX (inner), auth->error);

  auth->spinner = gtk_spinner_new ();
  gtk_widget_set_halign (bottom, GTK_ALIGN_END);
  auth->authorise_button = gtk_button_new_with_mnemonic (_("_Authorise"));
  gtk_widget_set_name (auth->authorise_button, "authorise_button");
  gtk_widget_add_css_class (auth->authorise_button, "suggested-action");
  g_signal_connect (auth->authorise_button, "clicked", G_CALLBACK (on_authorise_clicked_cb), auth);
  gtk_box_append (GTK_BOX (bottom), auth->spinner);
  gtk_box_append (GTK_BOX (bottom), auth->authorise_button);
  gtk_box_append (GTK_BOX (inner), bottom);
  adw_window_set_content (ADW_WINDOW (window), box);

  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);

  update_sensitivity (auth);
  load_page (auth, FALSE);
  return GTK_WINDOW (window);
}
