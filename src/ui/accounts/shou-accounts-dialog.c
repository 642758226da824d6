/* shou-accounts-dialog.c: the list of accounts, adding one after a
 * connection test, removing one after confirmation. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "core/shou-core.h"
#include "store/shou-store-accounts.h"
#include "sync/shou-api-client.h"
#include "sync/shou-secrets.h"
#include "ui/shou-ui-util.h"
#include "shou-audit-dialog.h"
#include "shou-shop-authorise-dialog.h"
#include "shou-staff-dialog.h"
#include "shou-account-rows.h"
#include "shou-account-status.h"
#include "shou-accounts.h"
#include "shou-accounts-dialog.h"

struct _ShouAccountsDialog
{
  AdwWindow         parent_instance;

  ShouStore        *store;
  ShouSyncEngine   *engine;         /* nullable: per-account states */
  /* The certificate the seller chose to trust for the next test, and the
   * one the last test was refused (untrusted) */
  char             *trusted_sha256;
  char             *untrusted_sha256;
  /* Cancels the running connection test */
  GCancellable     *cancellable;
  gboolean          busy;
  /* Shops and identity of the last successful test; NULL when the entries
   * changed since */
  ShouAccountIdentity *tested;
  GPtrArray        *account_rows;
  GPtrArray        *shop_rows;
  /* account id -> account id: removal waits for its outbox to drain */
  GHashTable       *waiting;
  guint             waiting_id;

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkStack         *stack;
  AdwPreferencesGroup *accounts_group;
  GtkWidget        *back_button;
  AdwEntryRow      *url_row;
  AdwPasswordEntryRow *token_row;
  AdwEntryRow      *label_row;
  GtkSpinner       *spinner;
  GtkWidget        *error_box;
  GtkLabel         *error_label;
  GtkWidget        *trust_button;
  AdwPreferencesGroup *shops_group;
};

G_DEFINE_FINAL_TYPE (ShouAccountsDialog, shou_accounts_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (ShouAccountsDialog *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
  if (message == NULL)
    gtk_widget_set_visible (self->trust_button, FALSE);
}

static char *
account_label (ShouAccountsDialog *self,
               const char         *account_id)
{
  g_autoptr(JsonObject) account = shou_store_get_account (self->store, account_id);

  if (account == NULL)
    return NULL;
  return g_strdup (shou_accounts_get_display_label (account));
}

static void
refresh_accounts (ShouAccountsDialog *self)
{
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (self->store);
  g_autoptr(GPtrArray) shops = shou_store_list_shops (self->store);
  gboolean any = accounts != NULL && accounts->len > 0;
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* The rows are made anew: an account the seller opened stays open. */
  for (guint i = 0; i < self->account_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->account_rows, i);
      const char *id = g_object_get_data (G_OBJECT (row), "account-id");

      if (id != NULL && ADW_IS_EXPANDER_ROW (row) && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        g_hash_table_add (expanded, g_strdup (id));
    }
  for (guint i = 0; i < self->account_rows->len; i++)
    adw_preferences_group_remove (self->accounts_group, g_ptr_array_index (self->account_rows, i));
  g_ptr_array_set_size (self->account_rows, 0);

  for (guint i = 0; any && i < accounts->len; i++)
    {
      GtkWidget *row = shou_account_row_new (self->store, self->engine,
                                             g_ptr_array_index (accounts, i), shops,
                                             self->waiting);
      const char *id = g_object_get_data (G_OBJECT (row), "account-id");

      if (id != NULL && g_hash_table_contains (expanded, id))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

      adw_preferences_group_add (self->accounts_group, row);
      g_ptr_array_add (self->account_rows, row);
    }

  if (!any)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No accounts yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add the account of your after-sales API to see your shops."));
      adw_preferences_group_add (self->accounts_group, row);
      g_ptr_array_add (self->account_rows, row);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.show-list", any);
  gtk_widget_set_visible (self->back_button, any);
}

static void
clear_shops (ShouAccountsDialog *self)
{
  for (guint i = 0; i < self->shop_rows->len; i++)
    adw_preferences_group_remove (self->shops_group, g_ptr_array_index (self->shop_rows, i));
  g_ptr_array_set_size (self->shop_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->shops_group), FALSE);
}

static void
set_busy (ShouAccountsDialog *self,
          gboolean            busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.test", !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
invalidate_test (ShouAccountsDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->tested, shou_account_identity_free);
  g_clear_pointer (&self->untrusted_sha256, g_free);
  set_busy (self, FALSE);
  show_error (self, NULL);
  clear_shops (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.add", FALSE);
}

static void
on_url_row_changed_cb (GtkEditable        *editable,
                       ShouAccountsDialog *self)
{
  invalidate_test (self);
  /* A certificate is trusted for one server only. */
  g_clear_pointer (&self->trusted_sha256, g_free);
}

static void
on_token_row_changed_cb (GtkEditable        *editable,
                         ShouAccountsDialog *self)
{
  invalidate_test (self);
}

static void
on_token_row_entry_activated_cb (AdwEntryRow        *row,
                                 ShouAccountsDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "accounts.test", NULL);
}

static void
on_check_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ShouAccountsDialog *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouAccountIdentity) identity = NULL;
  g_autofree char *untrusted = NULL;
  GPtrArray *shops;

  identity = shou_accounts_check_identity_finish (result, &untrusted, &error);
  /* Cancelled: the entries changed or the dialog is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SHOU_ACCOUNTS_DIALOG (user_data);
  set_busy (self, FALSE);
  g_clear_object (&self->cancellable);

  if (identity == NULL)
    {
      show_error (self, error->message);
      /* A server of the seller's own with a self-signed certificate: it
       * may be trusted by its fingerprint, after a look. */
      if (untrusted != NULL &&
          (g_error_matches (error, SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_CERTIFICATE) ||
           g_error_matches (error, SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_CERTIFICATE_CHANGED)))
        {
          self->untrusted_sha256 = g_steal_pointer (&untrusted);
          gtk_widget_set_visible (self->trust_button, TRUE);
        }
      return;
    }
  shops = identity->shops;

  for (guint i = 0; i < shops->len; i++)
    {
      GtkWidget *row = shou_account_shop_row_new (g_ptr_array_index (shops, i), TRUE);

      adw_preferences_group_add (self->shops_group, row);
      g_ptr_array_add (self->shop_rows, row);
    }
  if (shops->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("The connection works, but this token sees no shops yet."));
      adw_preferences_group_add (self->shops_group, row);
      g_ptr_array_add (self->shop_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->shops_group), TRUE);

  self->tested = g_steal_pointer (&identity);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.add", TRUE);
}

static void
test_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ShouAccountsDialog *self = SHOU_ACCOUNTS_DIALOG (widget);

  invalidate_test (self);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  shou_accounts_check_identity_async (gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                                      gtk_editable_get_text (GTK_EDITABLE (self->token_row)),
                                      self->trusted_sha256,
                                      self->cancellable,
                                      on_check_cb,
                                      self);
}

static void
reset_form (ShouAccountsDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->label_row), "");
  invalidate_test (self);
  g_clear_pointer (&self->trusted_sha256, g_free);
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShouAccountsDialog *self = SHOU_ACCOUNTS_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *label = NULL;

  if (self->tested == NULL)
    return;

  label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_row))));
  if (*label == '\0' && self->tested->shops != NULL && self->tested->shops->len == 1)
    {
      g_free (label);
      label = g_strdup (json_object_get_string_member_with_default (g_ptr_array_index (self->tested->shops, 0),
                                                                    "name", ""));
    }

  /* The same merchant (and staff member) on the same server is the same
   * account: its token is renewed, no second account appears. */
  account_id = shou_accounts_save (self->store,
                                   gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                                   gtk_editable_get_text (GTK_EDITABLE (self->token_row)),
                                   label,
                                   self->tested,
                                   0,
                                   &error);
  if (account_id == NULL)
    {
      show_error (self, error->message);
      return;
    }

  reset_form (self);
  refresh_accounts (self);
  gtk_stack_set_visible_child_name (self->stack, "list");

  g_free (label);
  label = account_label (self, account_id);
  shou_ui_toast_printf (self->toast_overlay, SHOU_TOAST_TIMEOUT, _("Account “%s” saved"),
                           label != NULL ? label : "");
}

/* The certificate review: the fingerprint, in full, before anything is
 * trusted. Cancel is the default. */
static GtkWidget *
certificate_dialog_new (ShouAccountsDialog *self,
                        const char         *host,
                        const char         *sha256,
                        gboolean            changed)
{
  g_autofree char *fingerprint = shou_api_format_fingerprint (sha256);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* 32 bytes in four lines of 8, so the dialog never breaks a line
   * inside a pair. */
  if (fingerprint != NULL && strlen (fingerprint) == 95)
    fingerprint[23] = fingerprint[47] = fingerprint[71] = '\n';

  if (changed)
    /* Translators: %s is the server, then its certificate's SHA-256 fingerprint */
    body = g_strdup_printf (_("The certificate of %s is not the one you trusted before. This happens when the server gets a new certificate, and also when someone is between this computer and the server.\n\nNew SHA-256 fingerprint:\n%s\n\nTrust it only if the server’s owner confirms this fingerprint."),
                            host, fingerprint);
  else
    body = g_strdup_printf (_("No certificate authority vouches for %s. If it is your own server (for example on your shop’s network), compare this SHA-256 fingerprint with the one its owner gives you:\n\n%s\n\nShouhou will then accept this certificate for this account, and stop syncing if it ever changes."),
                            host, fingerprint);

  dialog = GTK_WIDGET (shou_ui_confirm_dialog_new (GTK_WINDOW (self),
                                                   changed ? _("Trust the New Certificate?") : _("Trust This Certificate?"),
                                                   body, "trust", _("_Trust Certificate"),
                                                   SHOU_CONFIRM_DESTRUCTIVE | SHOU_CONFIRM_SAFE));
  g_object_set_data_full (G_OBJECT (dialog), "sha256", g_strdup (sha256), g_free);
  return dialog;
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url != NULL ? url : "", G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url != NULL ? url : "");
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

static void
on_new_certificate_response_cb (AdwMessageDialog   *dialog,
                                const char         *response,
                                ShouAccountsDialog *self)
{
  if (g_strcmp0 (response, "trust") != 0)
    return;

  g_free (self->trusted_sha256);
  self->trusted_sha256 = g_strdup (g_object_get_data (G_OBJECT (dialog), "sha256"));
  gtk_widget_activate_action (GTK_WIDGET (self), "accounts.test", NULL);
}

static void
review_new_certificate_activated (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  ShouAccountsDialog *self = SHOU_ACCOUNTS_DIALOG (widget);
  g_autofree char *url = NULL;
  g_autofree char *host = NULL;
  GtkWidget *dialog;

  if (self->untrusted_sha256 == NULL)
    return;
  url = shou_accounts_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)), NULL);
  host = host_of (url);
  dialog = certificate_dialog_new (self, host, self->untrusted_sha256, self->trusted_sha256 != NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_certificate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_account_certificate_response_cb (AdwMessageDialog   *dialog,
                                    const char         *response,
                                    ShouAccountsDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *account_id = g_object_get_data (G_OBJECT (dialog), "account-id");

  if (g_strcmp0 (response, "trust") != 0)
    return;

  /* "accounts-changed": the engine connects afresh with this certificate. */
  if (!shou_store_set_account_certificate (self->store, account_id,
                                           g_object_get_data (G_OBJECT (dialog), "sha256"), &error))
    {
      shou_ui_toast (self->toast_overlay, error->message, SHOU_TOAST_TIMEOUT);
      return;
    }
  if (self->engine != NULL)
    shou_sync_engine_sync_now (self->engine);
}

void
shou_accounts_dialog_fix_account (ShouAccountsDialog *self,
                                  const char         *account_id)
{
  g_autoptr(JsonObject) account = NULL;
  g_autoptr(ShouAccountStatus) status = NULL;
  const char *url;

  g_return_if_fail (SHOU_IS_ACCOUNTS_DIALOG (self));

  account = shou_store_get_account (self->store, account_id);
  if (account == NULL || self->engine == NULL)
    return;
  url = json_object_get_string_member_with_default (account, "base_url", "");
  status = shou_sync_engine_get_account_status (self->engine, account_id);

  switch (shou_account_status_get_fix (status))
    {
    case SHOU_ACCOUNT_FIX_TOKEN:
      /* The same server and merchant: saving renews this account's token. */
      reset_form (self);
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
      if (!json_object_get_boolean_member_with_default (account, "is_demo", FALSE))
        gtk_editable_set_text (GTK_EDITABLE (self->label_row),
                               json_object_get_string_member_with_default (account, "label", ""));
      g_free (self->trusted_sha256);
      self->trusted_sha256 = g_strdup (json_object_get_string_member_with_default (account, "cert_sha256", NULL));
      gtk_stack_set_visible_child_name (self->stack, "add");
      gtk_widget_grab_focus (GTK_WIDGET (self->token_row));
      break;

    case SHOU_ACCOUNT_FIX_CERTIFICATE:
      {
        g_autofree char *host = host_of (url);
        GtkWidget *dialog = certificate_dialog_new (self, host, status->certificate_sha256,
                                                    status->state == SHOU_ACCOUNT_CERTIFICATE_CHANGED);

        g_object_set_data_full (G_OBJECT (dialog), "account-id", g_strdup (account_id), g_free);
        g_signal_connect_object (dialog, "response",
                                 G_CALLBACK (on_account_certificate_response_cb), self, 0);
        gtk_window_present (GTK_WINDOW (dialog));
      }
      break;

    case SHOU_ACCOUNT_FIX_RETRY:
      shou_sync_engine_sync_now (self->engine);
      break;

    case SHOU_ACCOUNT_FIX_NONE:
    default:
      break;
    }
}

static void
fix_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  shou_accounts_dialog_fix_account (SHOU_ACCOUNTS_DIALOG (widget),
                                    g_variant_get_string (parameter, NULL));
}

/* The owner manages the team's staff. */
static void
staff_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ShouAccountsDialog *self = SHOU_ACCOUNTS_DIALOG (widget);

  if (self->engine != NULL)
    gtk_window_present (shou_staff_dialog_new (GTK_WINDOW (self), self->engine,
                                               g_variant_get_string (parameter, NULL)));
}

/* 授权店铺: the platform's page through the hub, the pasted code back. */
static void
authorise_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShouAccountsDialog *self = SHOU_ACCOUNTS_DIALOG (widget);
  const char *account_id, *shop_id, *name;

  if (self->engine == NULL)
    return;
  g_variant_get (parameter, "(&s&s&s)", &account_id, &shop_id, &name);
  gtk_window_present (shou_shop_authorise_dialog_new (GTK_WINDOW (self), self->engine, account_id, shop_id, name));
}

/* The owner's view of who in the team did what. */
static void
audit_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ShouAccountsDialog *self = SHOU_ACCOUNTS_DIALOG (widget);

  if (self->engine != NULL)
    gtk_window_present (shou_audit_dialog_new (GTK_WINDOW (self), self->engine,
                                               g_variant_get_string (parameter, NULL)));
}

static void
on_account_status_changed_cb (ShouSyncEngine     *engine,
                              const char         *account_id,
                              ShouAccountsDialog *self)
{
  refresh_accounts (self);
}

void
shou_accounts_dialog_set_engine (ShouAccountsDialog *self,
                                 ShouSyncEngine     *engine)
{
  g_return_if_fail (SHOU_IS_ACCOUNTS_DIALOG (self));
  g_return_if_fail (engine == NULL || SHOU_IS_SYNC_ENGINE (engine));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    g_signal_connect_object (engine, "account-status-changed",
                             G_CALLBACK (on_account_status_changed_cb), self, 0);
  refresh_accounts (self);
}

static void
show_add_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShouAccountsDialog *self = SHOU_ACCOUNTS_DIALOG (widget);

  gtk_stack_set_visible_child_name (self->stack, "add");
  gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
}

static void
show_list_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShouAccountsDialog *self = SHOU_ACCOUNTS_DIALOG (widget);

  reset_form (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
remove_account_now (ShouAccountsDialog *self,
                    const char         *account_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = account_label (self, account_id);

  g_hash_table_remove (self->waiting, account_id);

  if (!shou_store_remove_account (self->store, account_id, &error))
    {
      shou_ui_toast_printf (self->toast_overlay, SHOU_TOAST_TIMEOUT, _("Could not remove the account: %s"), error->message);
      refresh_accounts (self);
      return;
    }

  if (!shou_secrets_clear_token (account_id, &error))
    {
      shou_ui_toast_printf (self->toast_overlay, SHOU_TOAST_TIMEOUT, _("The account was removed, but its token could not be deleted from the keyring: %s"),
                               error->message);
    }
  else
    {
      shou_ui_toast_printf (self->toast_overlay, SHOU_TOAST_TIMEOUT, _("Account “%s” removed"), label != NULL ? label : "");
    }

  refresh_accounts (self);
}

static void
check_waiting (ShouAccountsDialog *self)
{
  g_autoptr(GPtrArray) ready = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->waiting);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (shou_store_count_account_pending (self->store, key) == 0)
      g_ptr_array_add (ready, g_strdup (key));

  for (guint i = 0; i < ready->len; i++)
    remove_account_now (self, g_ptr_array_index (ready, i));

  if (g_hash_table_size (self->waiting) == 0)
    g_clear_handle_id (&self->waiting_id, g_source_remove);
  else
    refresh_accounts (self);
}

static gboolean
on_waiting_timeout_cb (gpointer user_data)
{
  ShouAccountsDialog *self = user_data;

  check_waiting (self);
  return self->waiting_id != 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
on_remove_dialog_response_cb (AdwMessageDialog   *dialog,
                              const char         *response,
                              ShouAccountsDialog *self)
{
  const char *account_id = g_object_get_data (G_OBJECT (dialog), "account-id");

  if (g_strcmp0 (response, "remove") == 0)
    {
      remove_account_now (self, account_id);
    }
  else if (g_strcmp0 (response, "wait") == 0)
    {
      g_hash_table_add (self->waiting, g_strdup (account_id));
      if (self->waiting_id == 0)
        self->waiting_id = g_timeout_add_seconds (1, on_waiting_timeout_cb, self);
      refresh_accounts (self);
    }
}

static void
remove_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ShouAccountsDialog *self = SHOU_ACCOUNTS_DIALOG (widget);
  const char *account_id = g_variant_get_string (parameter, NULL);
  g_autofree char *label = account_label (self, account_id);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint pending;

  if (label == NULL)
    return;

  pending = shou_store_count_account_pending (self->store, account_id);
  heading = g_strdup_printf (_("Remove “%s”?"), label);
  if (pending > 0)
    {
      g_autofree char *waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u action is still waiting to be sent to this account’s shops and will be lost.",
                                                               "%u actions are still waiting to be sent to this account’s shops and will be lost.",
                                                               pending),
                                                  pending);

      body = g_strconcat (waiting, " ",
                          _("You can wait until they are sent; the account is removed then."), "\n\n",
                          _("Its orders, requests and evidence files are deleted from this computer. The shops themselves are not changed."),
                          NULL);
    }
  else
    {
      body = g_strdup (_("Its orders, requests and evidence files are deleted from this computer. The shops themselves are not changed."));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (pending > 0)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "wait", _("_Wait Until Sent"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "remove",
                                   pending > 0 ? _("_Remove and Discard") : _("_Remove"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  if (pending > 0)
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "wait",
                                                ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "account-id", g_strdup (account_id), g_free);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_remove_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_store_accounts_changed_cb (ShouStore          *store,
                              ShouAccountsDialog *self)
{
  refresh_accounts (self);
}

static void
on_store_changed_cb (ShouStore          *store,
                     const char         *request_id,
                     ShouAccountsDialog *self)
{
  if (g_hash_table_size (self->waiting) > 0)
    check_waiting (self);
}

static void
shou_accounts_dialog_constructed (GObject *object)
{
  ShouAccountsDialog *self = (ShouAccountsDialog *) object;
  g_autoptr(GPtrArray) accounts = NULL;

  G_OBJECT_CLASS (shou_accounts_dialog_parent_class)->constructed (object);

  g_assert (SHOU_IS_STORE (self->store));

  g_signal_connect_object (self->store, "accounts-changed",
                           G_CALLBACK (on_store_accounts_changed_cb), self, 0);
  g_signal_connect_object (self->store, "changed",
                           G_CALLBACK (on_store_changed_cb), self, 0);
  refresh_accounts (self);

  accounts = shou_store_list_accounts (self->store);
  gtk_stack_set_visible_child_name (self->stack,
                                    accounts != NULL && accounts->len > 0 ? "list" : "add");
}

static void
shou_accounts_dialog_dispose (GObject *object)
{
  ShouAccountsDialog *self = (ShouAccountsDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->waiting_id, g_source_remove);
  /* The template children are gone from here on. */
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHOU_TYPE_ACCOUNTS_DIALOG);

  G_OBJECT_CLASS (shou_accounts_dialog_parent_class)->dispose (object);
}

static void
shou_accounts_dialog_finalize (GObject *object)
{
  ShouAccountsDialog *self = (ShouAccountsDialog *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->tested, shou_account_identity_free);
  g_free (self->trusted_sha256);
  g_free (self->untrusted_sha256);
  g_clear_pointer (&self->account_rows, g_ptr_array_unref);
  g_clear_pointer (&self->shop_rows, g_ptr_array_unref);
  g_clear_pointer (&self->waiting, g_hash_table_unref);

  G_OBJECT_CLASS (shou_accounts_dialog_parent_class)->finalize (object);
}

static void
shou_accounts_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ShouAccountsDialog *self = SHOU_ACCOUNTS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_accounts_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ShouAccountsDialog *self = SHOU_ACCOUNTS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_accounts_dialog_class_init (ShouAccountsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = shou_accounts_dialog_constructed;
  object_class->dispose = shou_accounts_dialog_dispose;
  object_class->finalize = shou_accounts_dialog_finalize;
  object_class->get_property = shou_accounts_dialog_get_property;
  object_class->set_property = shou_accounts_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         SHOU_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shouhou/Shouhou/accounts/shou-accounts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouAccountsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ShouAccountsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ShouAccountsDialog, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, ShouAccountsDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, ShouAccountsDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, ShouAccountsDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, ShouAccountsDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, ShouAccountsDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ShouAccountsDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, ShouAccountsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ShouAccountsDialog, shops_group);
  gtk_widget_class_bind_template_child (widget_class, ShouAccountsDialog, trust_button);
  /* Not used here; bound so tests can reach them by name. */
  gtk_widget_class_bind_template_child_full (widget_class, "test_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "add_account_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_url_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_token_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_token_row_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "accounts.show-add", NULL, show_add_activated);
  gtk_widget_class_install_action (widget_class, "accounts.show-list", NULL, show_list_activated);
  gtk_widget_class_install_action (widget_class, "accounts.test", NULL, test_activated);
  gtk_widget_class_install_action (widget_class, "accounts.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "accounts.remove", "s", remove_activated);
  gtk_widget_class_install_action (widget_class, "accounts.fix", "s", fix_activated);
  gtk_widget_class_install_action (widget_class, "accounts.audit", "s", audit_activated);
  gtk_widget_class_install_action (widget_class, "accounts.staff", "s", staff_activated);
  gtk_widget_class_install_action (widget_class, "accounts.authorise", "(sss)", authorise_activated);
  gtk_widget_class_install_action (widget_class, "accounts.review-new-certificate", NULL,
                                   review_new_certificate_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shou_accounts_dialog_init (ShouAccountsDialog *self)
{
  self->account_rows = g_ptr_array_new ();
  self->shop_rows = g_ptr_array_new ();
  self->waiting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.add", FALSE);
}

GtkWindow *
shou_accounts_dialog_new (GtkWindow *parent,
                          ShouStore *store)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);

  return g_object_new (SHOU_TYPE_ACCOUNTS_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

gboolean
shou_accounts_dialog_get_busy (ShouAccountsDialog *self)
{
  g_return_val_if_fail (SHOU_IS_ACCOUNTS_DIALOG (self), FALSE);

  return self->busy;
}

void
shou_accounts_dialog_show_add (ShouAccountsDialog *self,
                               const char         *url,
                               const char         *token)
{
  g_return_if_fail (SHOU_IS_ACCOUNTS_DIALOG (self));

  if (url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  if (token != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->token_row), token);
  gtk_stack_set_visible_child_name (self->stack, "add");
}
