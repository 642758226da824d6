/* shou-autorule-editor.c: one rule's conditions, action and caps. Every
 * condition is optional: "Any" or an empty field leaves it out. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/shou-money.h"
#include "core/shou-reason-text.h"
#include "shou-autorule-editor.h"
#include "shou-autorule-text.h"
#include "ui/shou-ui-util.h"

typedef struct
{
  ShouStore         *store;
  char              *account_id;
  ShouAutorule      *rule;         /* what is edited (a copy) */
  ShouAutoruleSaved  saved;
  gpointer           data;
  GtkWindow         *window;
  AdwToastOverlay   *toasts;
  AdwEntryRow       *name;
  AdwComboRow       *platform, *shop, *type, *order_state, *reason, *logistics, *action, *address, *script;
  AdwEntryRow       *amount, *sku, *tag, *history, *time_left, *exclude, *action_tag, *cap_count, *cap_amount;
  GPtrArray         *address_ids;
  GPtrArray         *script_ids;
  GPtrArray         *shop_ids;     /* the server's shop ids, in the shop row's order after "Any" */
  GtkWidget         *save;
  GtkWidget         *message;      /* why the last save did not go through */
  ShouAutoruleCommit commit;       /* NULL: the cache keeps the rule */
  gpointer           commit_data;
} Editor;

static void
editor_free (Editor *e)
{
  g_clear_object (&e->store);
  g_free (e->account_id);
  shou_autorule_free (e->rule);
  g_ptr_array_unref (e->address_ids);
  g_ptr_array_unref (e->script_ids);
  g_ptr_array_unref (e->shop_ids);
  g_free (e);
}

static AdwEntryRow *
entry_row (AdwPreferencesGroup *group,
           const char          *title,
           const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static AdwComboRow *
combo_row (AdwPreferencesGroup *group,
           const char          *title,
           GtkStringList       *model,
           guint                selected)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  adw_preferences_group_add (group, row);
  g_object_unref (model);
  return ADW_COMBO_ROW (row);
}

static const ShouAutoruleCond *
find (const ShouAutorule   *rule,
      ShouAutoruleCondKind  kind)
{
  for (guint i = 0; i < rule->conds->len; i++)
    if (((ShouAutoruleCond *) rule->conds->pdata[i])->kind == kind)
      return rule->conds->pdata[i];
  return NULL;
}

static const char *
text_of (const ShouAutorule *rule, ShouAutoruleCondKind kind)
{
  const ShouAutoruleCond *c = find (rule, kind);
  return c ? c->text : NULL;
}

static char *
number_of (const ShouAutorule *rule, ShouAutoruleCondKind kind)
{
  const ShouAutoruleCond *c = find (rule, kind);
  return c ? g_strdup_printf ("%" G_GINT64_FORMAT, c->number) : NULL;
}

static char *
money_of (const ShouAutorule *rule, ShouAutoruleCondKind kind)
{
  const ShouAutoruleCond *c = find (rule, kind);
  return c ? shou_money_format_plain (c->number) : NULL;
}

static const char *
text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* A whole number from @row: FALSE (and a toast) when it is not one. */
static gboolean
read_number (Editor      *e,
             AdwEntryRow *row,
             gboolean     money,
             gint64      *out,
             gboolean    *present)
{
  g_autofree char *t = g_strstrip (g_strdup (text (row)));
  guint64 v = 0;

  *present = *t != '\0';
  if (!*present)
    return TRUE;
  if (money ? shou_money_parse (t, out, NULL)
            : g_ascii_string_to_unsigned (t, 10, 0, G_MAXINT32, &v, NULL))
    {
      if (!money)
        *out = (gint64) v;
      return TRUE;
    }
  shou_ui_toast_printf (e->toasts, SHOU_TOAST_TIMEOUT, _("“%s” needs a number"),
                        adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return FALSE;
}

static void
add_text (ShouAutorule *r, ShouAutoruleCondKind kind, const char *t)
{
  g_autofree char *s = g_strstrip (g_strdup (t ? t : ""));

  if (*s != '\0')
    g_ptr_array_add (r->conds, shou_autorule_cond_new (kind, s, 0));
}

static gboolean
add_number (Editor *e, ShouAutorule *r, ShouAutoruleCondKind kind, AdwEntryRow *row, gboolean money)
{
  gint64 v = 0;
  gboolean present;

  if (!read_number (e, row, money, &v, &present))
    return FALSE;
  if (present)
    g_ptr_array_add (r->conds, shou_autorule_cond_new (kind, NULL, v));
  return TRUE;
}

static void
on_save_clicked_cb (Editor *e)
{
  g_autoptr(ShouAutorule) r = shou_autorule_new (text (e->name), adw_combo_row_get_selected (e->action), NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *excl = NULL;
  guint sel;
  gboolean present;

  g_free (r->id);
  r->id = g_strdup (e->rule->id);
  if ((sel = adw_combo_row_get_selected (e->platform)) > 0)
    add_text (r, SHOU_AUTORULE_COND_PLATFORM, shou_platform_to_string (sel - 1));
  if ((sel = adw_combo_row_get_selected (e->shop)) > 0 && sel <= e->shop_ids->len)
    add_text (r, SHOU_AUTORULE_COND_SHOP, e->shop_ids->pdata[sel - 1]);
  if ((sel = adw_combo_row_get_selected (e->type)) > 0)
    add_text (r, SHOU_AUTORULE_COND_TYPE, shou_request_type_to_string (sel - 1));
  if ((sel = adw_combo_row_get_selected (e->order_state)) > 0)
    add_text (r, SHOU_AUTORULE_COND_ORDER_STATE, shou_autorule_order_words[sel - 1]);
  if (!add_number (e, r, SHOU_AUTORULE_COND_AMOUNT_MAX, e->amount, TRUE))
    return;
  if ((sel = adw_combo_row_get_selected (e->reason)) > 0)
    add_text (r, SHOU_AUTORULE_COND_REASON, shou_buyer_reason_codes ()[sel - 1]);
  add_text (r, SHOU_AUTORULE_COND_SKU, text (e->sku));
  add_text (r, SHOU_AUTORULE_COND_TAG, text (e->tag));
  if (!add_number (e, r, SHOU_AUTORULE_COND_HISTORY_MAX, e->history, FALSE))
    return;
  if ((sel = adw_combo_row_get_selected (e->logistics)) > 0)
    add_text (r, SHOU_AUTORULE_COND_LOGISTICS, shou_autorule_logistics_words[sel - 1]);
  if (!add_number (e, r, SHOU_AUTORULE_COND_TIME_LEFT_MIN, e->time_left, FALSE))
    return;
  excl = g_strstrip (g_strdup (text (e->exclude)));
  if (*excl != '\0')
    r->exclude_tags = g_strsplit_set (excl, ",，", -1);
  for (guint i = 0; r->exclude_tags != NULL && r->exclude_tags[i] != NULL; i++)
    g_strstrip (r->exclude_tags[i]);

  switch (r->action)
    {
    case SHOU_AUTORULE_AGREE_RETURN:
      sel = adw_combo_row_get_selected (e->address);
      if (sel >= e->address_ids->len)
        {
          shou_ui_toast (e->toasts, _("Choose a return address"), SHOU_TOAST_TIMEOUT);
          return;
        }
      r->arg = g_strdup (e->address_ids->pdata[sel]);
      break;
    case SHOU_AUTORULE_NEGOTIATE:
      sel = adw_combo_row_get_selected (e->script);
      if (sel >= e->script_ids->len)
        {
          shou_ui_toast (e->toasts, _("Choose a script"), SHOU_TOAST_TIMEOUT);
          return;
        }
      r->arg = g_strdup (e->script_ids->pdata[sel]);
      break;
    case SHOU_AUTORULE_ADD_TAG:
      r->arg = g_strstrip (g_strdup (text (e->action_tag)));
      if (*r->arg == '\0')
        {
          shou_ui_toast (e->toasts, _("Write the tag to add"), SHOU_TOAST_TIMEOUT);
          return;
        }
      break;
    case SHOU_AUTORULE_AGREE_REFUND:
    case SHOU_AUTORULE_NOTIFY:
    case SHOU_N_AUTORULE_ACTIONS:
    default:
      break;
    }
  if (!read_number (e, e->cap_count, FALSE, &r->cap_count, &present) ||
      !read_number (e, e->cap_amount, TRUE, &r->cap_amount_fen, &present))
    return;

  if (e->commit != NULL)
    {
      gtk_widget_set_sensitive (e->save, FALSE);
      e->commit (e->window, r, e->commit_data);
      return;
    }
  if (!shou_store_save_autorule (e->store, e->account_id, r, &error))
    {
      shou_ui_toast (e->toasts, error->message, SHOU_TOAST_TIMEOUT);
      return;
    }
  if (e->saved)
    e->saved (e->data);
  gtk_window_destroy (e->window);
}

static void
on_action_selected_cb (Editor *e)
{
  ShouAutoruleAction a = adw_combo_row_get_selected (e->action);

  gtk_widget_set_visible (GTK_WIDGET (e->address), a == SHOU_AUTORULE_AGREE_RETURN);
  gtk_widget_set_visible (GTK_WIDGET (e->script), a == SHOU_AUTORULE_NEGOTIATE);
  gtk_widget_set_visible (GTK_WIDGET (e->action_tag), a == SHOU_AUTORULE_ADD_TAG);
}

static guint
index_of (GPtrArray *ids, const char *id)
{
  for (guint i = 0; id != NULL && i < ids->len; i++)
    if (g_strcmp0 (ids->pdata[i], id) == 0)
      return i;
  return 0;
}

static void
fill_targets (Editor *e, GtkStringList *addresses, GtkStringList *scripts)
{
  g_autoptr(GPtrArray) shops = shou_store_list_shops (e->store);
  g_autoptr(GPtrArray) list = NULL;
  ShouPlatform platform = SHOU_PLATFORM_TAOBAO;

  for (guint i = 0; i < shops->len; i++)
    {
      JsonObject *shop = shops->pdata[i];
      g_autoptr(GPtrArray) addrs = NULL;

      if (g_strcmp0 (json_object_get_string_member_with_default (shop, "account_id", ""), e->account_id) != 0)
        continue;
      if (i == 0)
        shou_platform_from_string (json_object_get_string_member_with_default (shop, "platform", ""), &platform);
      addrs = shou_store_list_addresses (e->store, json_object_get_string_member (shop, "key"));
      for (guint j = 0; addrs != NULL && j < addrs->len; j++)
        {
          JsonObject *a = addrs->pdata[j];
          g_autofree char *label = g_strdup_printf ("%s · %s %s",
                                                    json_object_get_string_member_with_default (shop, "name", ""),
                                                    json_object_get_string_member_with_default (a, "name", ""),
                                                    json_object_get_string_member_with_default (a, "street", ""));

          gtk_string_list_append (addresses, label);
          g_ptr_array_add (e->address_ids, g_strdup (json_object_get_string_member (a, "id")));
        }
    }
  list = shou_store_list_scripts (e->store, platform, NULL);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      JsonObject *s = list->pdata[i];

      if (json_object_get_int_member_with_default (s, "round", 0) == 2 || json_object_has_member (s, "flow"))
        continue;
      gtk_string_list_append (scripts, json_object_get_string_member_with_default (s, "title", ""));
      g_ptr_array_add (e->script_ids, g_strdup (json_object_get_string_member (s, "id")));
    }
}

GtkWindow *
shou_autorule_editor_present (GtkWindow          *parent,
                              ShouStore          *store,
                              const char         *account_id,
                              const ShouAutorule *rule,
                              ShouAutoruleSaved   saved,
                              gpointer            data)
{
  Editor *e = g_new0 (Editor, 1);
  GtkWidget *window, *box, *header, *cancel, *save, *page, *scroll;
  AdwPreferencesGroup *g;
  GtkStringList *m, *addresses, *scripts;
  g_autofree char *amount = NULL, *history = NULL, *time_left = NULL, *excl = NULL;
  g_autofree char *cap_count = NULL, *cap_amount = NULL;
  guint sel;

  e->store = g_object_ref (store);
  e->account_id = g_strdup (account_id);
  e->rule = rule ? shou_autorule_copy (rule)
                 : shou_autorule_new ("", SHOU_AUTORULE_AGREE_REFUND, NULL);
  e->saved = saved;
  e->data = data;
  e->address_ids = g_ptr_array_new_with_free_func (g_free);
  e->script_ids = g_ptr_array_new_with_free_func (g_free);
  e->shop_ids = g_ptr_array_new_with_free_func (g_free);

  window = adw_window_new ();
  e->window = GTK_WINDOW (window);
  g_object_set_data_full (G_OBJECT (window), "shou-autorule-editor", e, (GDestroyNotify) editor_free);
  gtk_window_set_title (e->window, rule ? _("Edit Rule") : _("New Rule"));
  gtk_window_set_transient_for (e->window, parent);
  gtk_window_set_modal (e->window, TRUE);
  gtk_window_set_default_size (e->window, 560, 760);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  save = gtk_button_new_with_mnemonic (_("_Save"));
  e->save = save;
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_save_clicked_cb), e);
  gtk_box_append (GTK_BOX (box), header);
  e->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (e->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (e->message), 0);
  gtk_widget_add_css_class (e->message, "warning");
  gtk_widget_set_margin_top (e->message, 12);
  gtk_widget_set_margin_start (e->message, 18);
  gtk_widget_set_margin_end (e->message, 18);
  gtk_widget_set_visible (e->message, FALSE);
  gtk_box_append (GTK_BOX (box), e->message);
  e->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (e->toasts), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (e->toasts));
  page = adw_preferences_page_new ();
  scroll = page;
  adw_toast_overlay_set_child (e->toasts, scroll);
  adw_window_set_content (ADW_WINDOW (window), box);

  g = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), g);
  e->name = entry_row (g, _("Rule name"), e->rule->name);

  g = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (g, _("When"));
  adw_preferences_group_set_description (g, _("Every condition must hold. Leave a condition at “Any” or empty to skip it."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), g);

  m = gtk_string_list_new (NULL);
  gtk_string_list_append (m, _("Any"));
  sel = 0;
  for (guint i = 0; i < SHOU_N_PLATFORMS; i++)
    {
      gtk_string_list_append (m, shou_platform_get_label (i));
      if (g_strcmp0 (text_of (e->rule, SHOU_AUTORULE_COND_PLATFORM), shou_platform_to_string (i)) == 0)
        sel = i + 1;
    }
  e->platform = combo_row (g, _("Platform"), m, sel);

  m = gtk_string_list_new (NULL);
  gtk_string_list_append (m, _("Any"));
  sel = 0;
  {
    g_autoptr(GPtrArray) shops = shou_store_list_shops (store);

    for (guint i = 0; i < shops->len; i++)
      {
        JsonObject *shop = shops->pdata[i];
        const char *id = json_object_get_string_member_with_default (shop, "id", NULL);

        if (id == NULL ||
            g_strcmp0 (json_object_get_string_member_with_default (shop, "account_id", ""), account_id) != 0)
          continue;
        gtk_string_list_append (m, json_object_get_string_member_with_default (shop, "name", id));
        g_ptr_array_add (e->shop_ids, g_strdup (id));
        if (g_strcmp0 (text_of (e->rule, SHOU_AUTORULE_COND_SHOP), id) == 0)
          sel = e->shop_ids->len;
      }
  }
  e->shop = combo_row (g, _("Shop"), m, sel);

  m = gtk_string_list_new (NULL);
  gtk_string_list_append (m, _("Any"));
  sel = 0;
  for (guint i = 0; i < SHOU_N_REQUEST_TYPES; i++)
    {
      gtk_string_list_append (m, shou_request_type_get_label (i));
      if (g_strcmp0 (text_of (e->rule, SHOU_AUTORULE_COND_TYPE), shou_request_type_to_string (i)) == 0)
        sel = i + 1;
    }
  e->type = combo_row (g, _("Request type"), m, sel);

  m = gtk_string_list_new (NULL);
  gtk_string_list_append (m, _("Any"));
  sel = 0;
  for (guint i = 0; i < SHOU_AUTORULE_N_ORDER_WORDS; i++)
    {
      gtk_string_list_append (m, shou_autorule_order_word_get_label (shou_autorule_order_words[i]));
      if (g_strcmp0 (text_of (e->rule, SHOU_AUTORULE_COND_ORDER_STATE), shou_autorule_order_words[i]) == 0)
        sel = i + 1;
    }
  e->order_state = combo_row (g, _("Order"), m, sel);

  amount = money_of (e->rule, SHOU_AUTORULE_COND_AMOUNT_MAX);
  e->amount = entry_row (g, _("Amount at most (yuan)"), amount);

  m = gtk_string_list_new (NULL);
  gtk_string_list_append (m, _("Any"));
  sel = 0;
  for (guint i = 0; shou_buyer_reason_codes ()[i] != NULL; i++)
    {
      const char *code = shou_buyer_reason_codes ()[i];

      gtk_string_list_append (m, shou_buyer_reason_text (code, code));
      if (g_strcmp0 (text_of (e->rule, SHOU_AUTORULE_COND_REASON), code) == 0)
        sel = i + 1;
    }
  e->reason = combo_row (g, _("Buyer's reason"), m, sel);
  e->sku = entry_row (g, _("SKU"), text_of (e->rule, SHOU_AUTORULE_COND_SKU));
  e->tag = entry_row (g, _("Has the tag"), text_of (e->rule, SHOU_AUTORULE_COND_TAG));
  history = number_of (e->rule, SHOU_AUTORULE_COND_HISTORY_MAX);
  e->history = entry_row (g, _("Buyer's other requests in 90 days, at most"), history);

  m = gtk_string_list_new (NULL);
  gtk_string_list_append (m, _("Any"));
  sel = 0;
  for (guint i = 0; i < SHOU_AUTORULE_N_LOGISTICS_WORDS; i++)
    {
      gtk_string_list_append (m, shou_autorule_logistics_get_label (shou_autorule_logistics_words[i]));
      if (g_strcmp0 (text_of (e->rule, SHOU_AUTORULE_COND_LOGISTICS), shou_autorule_logistics_words[i]) == 0)
        sel = i + 1;
    }
  e->logistics = combo_row (g, _("Return logistics"), m, sel);
  time_left = number_of (e->rule, SHOU_AUTORULE_COND_TIME_LEFT_MIN);
  e->time_left = entry_row (g, _("Minutes to the deadline, at least"), time_left);
  excl = e->rule->exclude_tags ? g_strjoinv (", ", e->rule->exclude_tags) : NULL;
  e->exclude = entry_row (g, _("Never for requests tagged (comma-separated)"), excl);

  g = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (g, _("Then"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), g);
  m = gtk_string_list_new (NULL);
  for (guint i = 0; i < SHOU_N_AUTORULE_ACTIONS; i++)
    gtk_string_list_append (m, shou_autorule_action_get_label (i));
  e->action = combo_row (g, _("Action"), m, e->rule->action);
  addresses = gtk_string_list_new (NULL);
  scripts = gtk_string_list_new (NULL);
  fill_targets (e, addresses, scripts);
  e->address = combo_row (g, _("Return address"), addresses, index_of (e->address_ids, e->rule->arg));
  e->script = combo_row (g, _("Script"), scripts, index_of (e->script_ids, e->rule->arg));
  e->action_tag = entry_row (g, _("Tag"), e->rule->action == SHOU_AUTORULE_ADD_TAG ? e->rule->arg : NULL);
  g_signal_connect_swapped (e->action, "notify::selected", G_CALLBACK (on_action_selected_cb), e);
  on_action_selected_cb (e);

  g = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (g, _("Limits"));
  adw_preferences_group_set_description (g, _("Per day (China time). Every action waits in the outbox for the undo window before it is sent."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), g);
  cap_count = g_strdup_printf ("%" G_GINT64_FORMAT, e->rule->cap_count);
  e->cap_count = entry_row (g, _("Actions a day, at most"), cap_count);
  cap_amount = shou_money_format_plain (e->rule->cap_amount_fen);
  e->cap_amount = entry_row (g, _("Amount a day, at most (yuan)"), cap_amount);

  gtk_window_present (e->window);
  return e->window;
}

void
shou_autorule_editor_set_commit (GtkWindow          *editor,
                                 ShouAutoruleCommit  commit,
                                 gpointer            data)
{
  Editor *e = g_object_get_data (G_OBJECT (editor), "shou-autorule-editor");

  g_return_if_fail (e != NULL);
  e->commit = commit;
  e->commit_data = data;
}

void
shou_autorule_editor_finish (GtkWindow  *editor,
                             const char *message)
{
  Editor *e = g_object_get_data (G_OBJECT (editor), "shou-autorule-editor");

  g_return_if_fail (e != NULL);
  if (message == NULL)
    {
      if (e->saved)
        e->saved (e->data);
      gtk_window_destroy (e->window);
      return;
    }
  gtk_widget_set_sensitive (e->save, TRUE);
  /* Above the form, whole, until the next save: why nothing was saved. */
  gtk_label_set_label (GTK_LABEL (e->message), message);
  gtk_widget_set_visible (e->message, TRUE);
}
