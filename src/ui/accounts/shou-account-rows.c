/* shou-account-rows.c: the rows of the accounts dialog's lists. */
#include "config.h"

#include <glib/gi18n.h>

#include "store/shou-store-accounts.h"
#include "shou-account-rows.h"
#include "shou-account-status.h"
#include "shou-accounts.h"

/* A shop's authorisation on its platform (GET /v1/shops "authorisation";
 * absent for the simulated platform), said in the UI's language. */
static const char *
authorisation_text (const char *state)
{
  /* Absent for the simulated platform, which needs none. */
  if (g_strcmp0 (state, "authorised") == 0)
    return _("Authorised");
  if (g_strcmp0 (state, "lapsed") == 0)
    return _("Authorisation expired");
  if (g_strcmp0 (state, "none") == 0)
    return _("Not authorised");
  /* A shop of a platform the hub has no adapter for (JD). */
  if (g_strcmp0 (state, "unsupported") == 0)
    /* Translators: a shop (e.g. JD) whose platform the hub cannot connect to; it is handled in the platform's own backend */
    return _("Not connected: this hub cannot reach the platform yet, handle it in the platform's backend");
  return NULL;
}

const char *
shou_account_shop_authorisation_text (JsonObject *shop)
{
  return authorisation_text (json_object_get_string_member_with_default (shop, "authorisation", NULL));
}

gboolean
shou_account_shop_needs_authorisation (JsonObject *shop)
{
  const char *state = json_object_get_string_member_with_default (shop, "authorisation", NULL);

  return g_strcmp0 (state, "lapsed") == 0 || g_strcmp0 (state, "none") == 0;
}

GtkWidget *
shou_account_shop_row_new (JsonObject *shop,
                           gboolean    may_authorise)
{
  GtkWidget *row = adw_action_row_new ();
  ShouPlatform platform;
  const char *platform_name = json_object_get_string_member_with_default (shop, "platform", "");
  const char *state = json_object_get_string_member_with_default (shop, "authorisation", NULL);
  const char *state_text = authorisation_text (state);
  const char *account_id = json_object_get_string_member_with_default (shop, "account_id", NULL);
  const char *label = platform_name;
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 json_object_get_string_member_with_default (shop, "name", ""));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (shou_platform_from_string (platform_name, &platform))
    label = shou_platform_get_label (platform);
  /* Translators: a shop's platform and its authorisation: "拼多多 · 授权已过期" */
  subtitle = state_text ? g_strdup_printf (_("%s · %s"), label, state_text) : g_strdup (label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* A stored shop (with its account) that needs the seller: the action
   * that authorises it, inline. */
  if (account_id != NULL && state != NULL && may_authorise && g_strcmp0 (state, "unsupported") != 0)
    {
      gboolean lapsed = g_strcmp0 (state, "lapsed") == 0;
      GtkWidget *button = gtk_button_new_with_mnemonic (shou_account_shop_needs_authorisation (shop)
                                                        ? (lapsed ? _("_Authorise Again") : _("_Authorise Shop"))
                                                        : _("Authorise _Again…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_name (button, "authorise_shop_button");
      if (!shou_account_shop_needs_authorisation (shop))
        gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "accounts.authorise");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new ("(sss)", account_id,
                                                             json_object_get_string_member_with_default (shop, "id", ""),
                                                             json_object_get_string_member_with_default (shop, "name", "")));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      if (lapsed)
        gtk_widget_add_css_class (row, "warning");
    }
  return row;
}

/* The account's shops under its row, or a line saying they come with the
 * first sync; returns how many. */
static guint
add_shop_rows (AdwExpanderRow *row,
               GPtrArray      *shops,
               const char     *id,
               gboolean        may_authorise)
{
  guint n_shops = 0;

  for (guint j = 0; shops != NULL && j < shops->len; j++)
    {
      JsonObject *shop = g_ptr_array_index (shops, j);

      if (g_strcmp0 (json_object_get_string_member_with_default (shop, "account_id", NULL), id) != 0)
        continue;
      adw_expander_row_add_row (row, shou_account_shop_row_new (shop, may_authorise));
      if (shou_account_shop_needs_authorisation (shop))
        adw_expander_row_set_expanded (row, TRUE);
      n_shops++;
    }

  if (n_shops == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (none), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none),
                                     _("Its shops appear after the first sync."));
      gtk_widget_add_css_class (none, "dim-label");
      adw_expander_row_add_row (row, none);
    }
  return n_shops;
}

/* The row's subtitle: its state first (exactly one per account), then the
 * URL with its shops, or what its removal waits for. */
static char *
describe_account (ShouStore   *store,
                  GHashTable  *waiting,
                  const char  *id,
                  const char  *url,
                  guint        n_shops,
                  const char  *state_text)
{
  g_autofree char *subtitle = NULL;

  if (waiting != NULL && g_hash_table_contains (waiting, id))
    {
      guint pending = shou_store_count_account_pending (store, id);

      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s — removed once %u waiting action is sent (keep this window open)",
                                               "%s — removed once %u waiting actions are sent (keep this window open)",
                                               pending),
                                  url, pending);
    }
  else
    {
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %u shop", "%s — %u shops", n_shops),
                                  url, n_shops);
    }
  if (state_text != NULL)
    return g_strdup_printf ("%s\n%s", state_text, subtitle);
  return g_steal_pointer (&subtitle);
}

static void
add_team_button (AdwExpanderRow *row,
                 const char     *name,
                 const char     *icon,
                 const char     *label,
                 const char     *action,
                 const char     *account_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, name);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (account_id));
  adw_expander_row_add_action (row, button);
}

/* An account's row: its label, state (with the action that fixes it),
 * shops, and the remove button. */
GtkWidget *
shou_account_row_new (ShouStore      *store,
                      ShouSyncEngine *engine,
                      JsonObject     *account,
                      GPtrArray      *shops,
                      GHashTable     *waiting)
{
  const char *id = json_object_get_string_member_with_default (account, "id", "");
  const char *url = json_object_get_string_member_with_default (account, "base_url", "");
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *remove_button;
  g_autofree char *subtitle = NULL;
  g_autofree char *state_text = NULL;
  g_autoptr(JsonObject) full = shou_store_get_account (store, id);
  g_autoptr(ShouAccountStatus) status = NULL;
  ShouAccountFix fix = SHOU_ACCOUNT_FIX_NONE;
  guint n_shops = 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 shou_accounts_get_display_label (full));
  if (engine != NULL)
    {
      status = shou_sync_engine_get_account_status (engine, id);
      state_text = shou_account_status_describe (status);
      fix = shou_account_status_get_fix (status);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  /* Only the owner authorises a shop (the hub answers an agent 403). */
  n_shops = add_shop_rows (ADW_EXPANDER_ROW (row), shops, id,
                           engine == NULL || !shou_sync_engine_account_is_agent (engine, id));
  subtitle = describe_account (store, waiting, id, url, n_shops, state_text);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  if (status != NULL && shou_account_status_needs_seller (status))
    gtk_widget_add_css_class (row, "warning");

  /* The action that fixes the state, inline. */
  if (fix != SHOU_ACCOUNT_FIX_NONE)
    {
      GtkWidget *fix_button = gtk_button_new_with_mnemonic (shou_account_status_fix_label (fix));

      gtk_widget_set_valign (fix_button, GTK_ALIGN_CENTER);
      gtk_widget_set_name (fix_button, "fix_button");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (fix_button), "accounts.fix");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (fix_button),
                                              g_variant_new_string (id));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), fix_button);
      g_object_set_data (G_OBJECT (row), "fix-button", fix_button);
    }
  if (state_text != NULL)
    g_object_set_data_full (G_OBJECT (row), "state-text", g_strdup (state_text), g_free);

  /* The team's activity (the hub answers owners only). */
  if (engine != NULL)
    {
      add_team_button (ADW_EXPANDER_ROW (row), "audit_button", "document-open-recent-symbolic",
                       _("Team Activity"), "accounts.audit", id);
      add_team_button (ADW_EXPANDER_ROW (row), "staff_button", "system-users-symbolic", _("Staff"),
                       "accounts.staff", id);
    }

  remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove_button, _("Remove Account"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Account"), -1);
  gtk_widget_add_css_class (remove_button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove_button), "accounts.remove");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove_button),
                                          g_variant_new_string (id));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove_button);

  g_object_set_data_full (G_OBJECT (row), "account-id", g_strdup (id), g_free);
  return row;
}
