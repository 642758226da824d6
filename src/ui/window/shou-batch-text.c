/* shou-batch-text.c: see shou-batch-text.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/shou-ui-util.h"
#include "shou-batch-dialog.h"
#include "shou-batch-text.h"
#include "shou-phrase-editor.h"
#include "shou-phrases.h"

typedef struct
{
  ShouStore  *store;
  GPtrArray  *keys;
  ShouAction  action;
  GPtrArray  *items;     /* of ShouBatchItem, for the current choice */
  GPtrArray  *choices;   /* MESSAGE: ShouPhrase; NEGOTIATE: JsonObject scripts */
  char       *platform;  /* NEGOTIATE: the scripts' platform */
  GtkWidget  *dropdown;
  GtkWidget  *preview;
  GtkWidget  *excluded;  /* the current "Left out" list, or NULL */
  GtkWidget  *box;
  GWeakRef    owner;
  void      (*queued) (gpointer owner);
} Confirm;

static void
confirm_free (Confirm *c)
{
  g_clear_object (&c->store);
  g_clear_pointer (&c->keys, g_ptr_array_unref);
  g_clear_pointer (&c->items, g_ptr_array_unref);
  g_clear_pointer (&c->choices, g_ptr_array_unref);
  g_free (c->platform);
  g_weak_ref_clear (&c->owner);
  g_free (c);
}

static Confirm *
get_confirm (AdwMessageDialog *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "shou-batch-text");
}

static const char *
choice_text (Confirm *c,
             guint    i)
{
  if (i >= c->choices->len)
    return NULL;
  if (c->action == SHOU_ACTION_MESSAGE)
    return ((ShouPhrase *) c->choices->pdata[i])->text;
  return json_object_get_string_member_with_default (c->choices->pdata[i], "text", NULL);
}

static guint
selected (Confirm *c)
{
  return c->dropdown ? gtk_drop_down_get_selected (GTK_DROP_DOWN (c->dropdown)) : GTK_INVALID_LIST_POSITION;
}

/* Checks the requests again for the chosen phrase, and says what goes. */
static void
update (AdwMessageDialog *dialog)
{
  Confirm *c = get_confirm (dialog);
  guint pos = selected (c);
  const char *text = choice_text (c, pos);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint ready, excluded;

  g_clear_pointer (&c->items, g_ptr_array_unref);
  if (c->action == SHOU_ACTION_MESSAGE)
    {
      c->items = shou_store_batch_prepare (c->store, c->keys, SHOU_ACTION_MESSAGE, NULL);
      if (text != NULL)
        shou_batch_exclude_other_shops (c->items, ((ShouPhrase *) c->choices->pdata[pos])->shop_id,
                                        _("The phrase is kept for another shop"));
    }
  else
    c->items = shou_store_batch_prepare_round1 (c->store, c->keys, c->platform);
  ready = shou_batch_count (c->items, SHOU_BATCH_READY);
  excluded = shou_batch_count (c->items, SHOU_BATCH_EXCLUDED);

  if (c->action == SHOU_ACTION_MESSAGE)
    /* Translators: the heading of the batch reply's confirmation */
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reply to %u Request with a Phrase?",
                                            "Reply to %u Requests with a Phrase?", ready), ready);
  else
    /* Translators: the heading of the batch negotiation's confirmation */
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Start Round 1 of the Negotiation on %u Request?",
                                            "Start Round 1 of the Negotiation on %u Requests?", ready), ready);
  if (c->choices->len == 0)
    body = g_strdup (c->action == SHOU_ACTION_MESSAGE
                     ? _("There are no saved phrases yet. Add one with Manage Phrases.")
                     : _("There is no round-1 script for these requests’ platform."));
  else if (excluded > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Each request gets its own message. %u chosen request cannot take part and is left out:",
                                         "Each request gets its own message. %u chosen requests cannot take part and are left out:",
                                         excluded), excluded);
  else
    body = g_strdup (_("Each request gets its own message. Every chosen request takes part."));
  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog, body);

  gtk_label_set_text (GTK_LABEL (c->preview), text ? text : "");
  gtk_widget_set_visible (gtk_widget_get_parent (c->preview), text != NULL);
  if (c->excluded != NULL)
    gtk_box_remove (GTK_BOX (c->box), c->excluded);
  c->excluded = shou_batch_excluded_list_new (c->items);
  if (c->excluded != NULL)
    gtk_box_prepend (GTK_BOX (c->box), c->excluded);
  adw_message_dialog_set_response_enabled (dialog, SHOU_BATCH_RESPONSE_OK, ready > 0 && text != NULL);
}

static void
fill_choices (AdwMessageDialog *dialog)
{
  Confirm *c = get_confirm (dialog);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_clear_pointer (&c->choices, g_ptr_array_unref);
  if (c->action == SHOU_ACTION_MESSAGE)
    {
      c->choices = shou_phrases_list (NULL);
      for (guint i = 0; i < c->choices->len; i++)
        {
          ShouPhrase *phrase = c->choices->pdata[i];
          g_autofree char *shop = shou_phrase_shop_name (c->store, phrase->shop_id);
          g_autofree char *name = NULL;

          if (shop != NULL)
            /* Translators: a phrase kept for one shop in the batch reply's list:
             * the phrase, then the shop */
            name = g_strdup_printf (_("%s (only for %s)"), phrase->text, shop);
          gtk_string_list_append (names, name ? name : phrase->text);
        }
    }
  else
    {
      ShouPlatform platform;
      g_autoptr(GPtrArray) all = NULL;

      c->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      if (c->platform != NULL && shou_platform_from_string (c->platform, &platform))
        all = shou_store_list_scripts (c->store, platform, NULL);
      for (guint i = 0; all != NULL && i < all->len; i++)
        {
          JsonObject *script = all->pdata[i];
          gint64 round = json_object_get_int_member_with_default (script, "round", 0);

          if ((round == 0 || round == 1) &&
              json_object_get_string_member_with_default (script, "text", NULL) != NULL)
            {
              g_ptr_array_add (c->choices, json_object_ref (script));
              gtk_string_list_append (names, json_object_get_string_member_with_default (script, "title",
                                                                                         _("Script")));
            }
        }
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (c->dropdown), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (c->dropdown), c->choices->len > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  update (dialog);
}

static void
on_selected_cb (GtkDropDown      *dropdown,
                GParamSpec       *pspec,
                AdwMessageDialog *dialog)
{
  update (dialog);
}

static void
on_editor_destroy_cb (AdwMessageDialog *dialog)
{
  fill_choices (dialog);
}

static void
on_manage_clicked_cb (GtkButton        *button,
                      AdwMessageDialog *dialog)
{
  Confirm *c = get_confirm (dialog);
  GtkWindow *editor = shou_phrase_editor_present (GTK_WINDOW (dialog), c->store, NULL);

  g_signal_connect_object (editor, "destroy", G_CALLBACK (on_editor_destroy_cb), dialog, G_CONNECT_SWAPPED);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response)
{
  Confirm *c = get_confirm (dialog);
  guint pos = selected (c);
  const char *text = choice_text (c, pos);
  g_autoptr(GObject) owner = NULL;
  JsonObject *params;
  GPtrArray *run;

  if (!g_str_equal (response, SHOU_BATCH_RESPONSE_OK) || text == NULL)
    return;
  params = json_object_new ();
  json_object_set_string_member (params, "text", text);
  if (c->action == SHOU_ACTION_NEGOTIATE)
    {
      JsonArray *ids = json_array_new ();
      const char *id = json_object_get_string_member_with_default (c->choices->pdata[pos], "id", NULL);

      if (id != NULL)
        json_array_add_string_element (ids, id);
      json_object_set_int_member (params, "round", 1);
      json_object_set_array_member (params, "scripts", ids);
    }
  /* Those left out were listed here: the report is about those that went. */
  run = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_batch_item_free);
  for (guint i = 0; i < c->items->len; i++)
    if (((ShouBatchItem *) c->items->pdata[i])->state == SHOU_BATCH_READY)
      g_ptr_array_add (run, g_steal_pointer (&c->items->pdata[i]));
  g_ptr_array_remove_range (c->items, 0, c->items->len);
  shou_batch_run (gtk_window_get_transient_for (GTK_WINDOW (dialog)), c->store, run, c->action, params);
  owner = g_weak_ref_get (&c->owner);
  if (owner != NULL && c->queued != NULL)
    c->queued (owner);
}

void
shou_batch_text_confirm (GtkWindow  *parent,
                         ShouStore  *store,
                         GPtrArray  *keys,
                         ShouAction  action,
                         void      (*queued) (gpointer owner),
                         gpointer    owner)
{
  AdwMessageDialog *dialog;
  GtkWidget *label;
  Confirm *c;

  g_return_if_fail (SHOU_IS_STORE (store));
  g_return_if_fail (keys != NULL);
  g_return_if_fail (action == SHOU_ACTION_MESSAGE || action == SHOU_ACTION_NEGOTIATE);

  c = g_new0 (Confirm, 1);
  c->store = g_object_ref (store);
  c->keys = g_ptr_array_ref (keys);
  c->action = action;
  c->queued = queued;
  g_weak_ref_init (&c->owner, owner);
  /* A script is one platform's: that of the first request that can take
   * part; the others' requests stay out. */
  if (action == SHOU_ACTION_NEGOTIATE)
    {
      g_autoptr(GPtrArray) first = shou_store_batch_prepare_round1 (store, keys, NULL);
      ShouBatchItem *item = shou_batch_first_ready (first);

      c->platform = item ? g_strdup (item->platform) : NULL;
    }

  dialog = shou_ui_confirm_dialog_new (parent, "", NULL, SHOU_BATCH_RESPONSE_OK,
                                       action == SHOU_ACTION_MESSAGE ? _("_Send Replies") : _("_Send Round 1"),
                                       SHOU_CONFIRM_SAFE);
  gtk_widget_set_name (GTK_WIDGET (dialog), action == SHOU_ACTION_MESSAGE ? "batch-reply" : "batch-negotiate");
  g_object_set_data_full (G_OBJECT (dialog), "shou-batch-text", c, (GDestroyNotify) confirm_free);

  c->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  label = gtk_label_new_with_mnemonic (action == SHOU_ACTION_MESSAGE ? _("_Phrase") : _("_Script"));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (c->box), label);
  c->dropdown = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_name (c->dropdown, "batch-text-choice");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), c->dropdown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  action == SHOU_ACTION_MESSAGE ? _("Phrase") : _("Script"), -1);
  gtk_box_append (GTK_BOX (c->box), c->dropdown);
  /* The whole text that goes, as the buyers will read it. */
  c->preview = gtk_label_new (NULL);
  gtk_widget_set_name (c->preview, "batch-text-preview");
  gtk_label_set_wrap (GTK_LABEL (c->preview), TRUE);
  gtk_label_set_xalign (GTK_LABEL (c->preview), 0.0f);
  gtk_label_set_selectable (GTK_LABEL (c->preview), FALSE);
  gtk_widget_set_margin_top (c->preview, 8);
  gtk_widget_set_margin_bottom (c->preview, 8);
  gtk_widget_set_margin_start (c->preview, 10);
  gtk_widget_set_margin_end (c->preview, 10);
  {
    GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_widget_add_css_class (card, "card");
    gtk_box_append (GTK_BOX (card), c->preview);
    gtk_box_append (GTK_BOX (c->box), card);
  }
  if (action == SHOU_ACTION_MESSAGE)
    {
      GtkWidget *manage = gtk_button_new_with_mnemonic (_("_Manage Phrases…"));

      gtk_widget_set_halign (manage, GTK_ALIGN_START);
      gtk_widget_add_css_class (manage, "flat");
      g_signal_connect_object (manage, "clicked", G_CALLBACK (on_manage_clicked_cb), dialog, 0);
      gtk_box_append (GTK_BOX (c->box), manage);
    }
  adw_message_dialog_set_extra_child (dialog, c->box);
  fill_choices (dialog);
  g_signal_connect_object (c->dropdown, "notify::selected", G_CALLBACK (on_selected_cb), dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), NULL);
  shou_batch_dialog_set_current (dialog);
  /* The keyboard starts at the choice, not in the list of those left out:
   * Tab then reaches the buttons. */
  gtk_window_set_focus (GTK_WINDOW (dialog), c->dropdown);
  gtk_window_present (GTK_WINDOW (dialog));
}

GPtrArray *
shou_batch_text_get_items (AdwMessageDialog *dialog)
{
  Confirm *c = get_confirm (dialog);

  return c ? c->items : NULL;
}

GtkWidget *
shou_batch_text_get_choice (AdwMessageDialog *dialog)
{
  Confirm *c = get_confirm (dialog);

  return c ? c->dropdown : NULL;
}

const char *
shou_batch_text_get_text (AdwMessageDialog *dialog)
{
  Confirm *c = get_confirm (dialog);

  return c ? choice_text (c, selected (c)) : NULL;
}
