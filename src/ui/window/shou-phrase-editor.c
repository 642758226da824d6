/* shou-phrase-editor.c: see shou-phrase-editor.h. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "shou-phrase-editor.h"
#include "shou-phrases.h"

typedef struct
{
  ShouStore *store;
  char      *shop_id;     /* the shop a new phrase may be kept for, or NULL */
  char      *editing;     /* the id of the phrase in the entry, or NULL */
  GtkWidget *entry;
  GtkWidget *only_shop;   /* check button, NULL without a shop */
  GtkWidget *save;
  GtkWidget *problem;
  GtkWidget *list;
} Editor;

static GtkWindow *current;

static void
editor_free (Editor *e)
{
  g_clear_object (&e->store);
  g_free (e->shop_id);
  g_free (e->editing);
  g_free (e);
}

char *
shou_phrase_shop_name (ShouStore  *store,
                       const char *shop_id)
{
  g_autoptr(GPtrArray) shops = NULL;

  if (store == NULL || shop_id == NULL || *shop_id == '\0')
    return NULL;
  shops = shou_store_list_shops (store);
  for (guint i = 0; i < shops->len; i++)
    {
      JsonObject *shop = shops->pdata[i];

      if (g_strcmp0 (json_object_get_string_member_with_default (shop, "key", NULL), shop_id) == 0)
        return g_strdup (json_object_get_string_member_with_default (shop, "name", shop_id));
    }
  return g_strdup (shop_id);
}

static void fill (Editor *e);

static void
set_problem (Editor     *e,
             const char *problem)
{
  gtk_label_set_text (GTK_LABEL (e->problem), problem ? problem : "");
  gtk_widget_set_visible (e->problem, problem != NULL);
}

static void
reset_entry (Editor *e)
{
  g_clear_pointer (&e->editing, g_free);
  gtk_editable_set_text (GTK_EDITABLE (e->entry), "");
  /* Translators: the phrase window's button that saves a new phrase */
  gtk_button_set_label (GTK_BUTTON (e->save), _("_Add"));
  set_problem (e, NULL);
}

static void
on_save_clicked_cb (GtkButton *button,
                    Editor    *e)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(ShouPhrase) old = NULL;
  const char *shop = "";

  if (e->only_shop != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (e->only_shop)))
    shop = e->shop_id;
  else if (e->editing != NULL && e->only_shop == NULL && (old = shou_phrases_get (e->editing)) != NULL)
    shop = old->shop_id;  /* edited where its shop is not known: it stays its shop's */
  id = shou_phrases_save (e->editing, shop, gtk_editable_get_text (GTK_EDITABLE (e->entry)), &error);
  if (id == NULL)
    {
      set_problem (e, error->message);
      return;
    }
  reset_entry (e);
  fill (e);
}

static void
on_edit_clicked_cb (GtkButton *button,
                    Editor    *e)
{
  const char *id = g_object_get_data (G_OBJECT (button), "phrase-id");
  g_autoptr(ShouPhrase) phrase = shou_phrases_get (id);

  if (phrase == NULL)
    return;
  g_free (e->editing);
  e->editing = g_strdup (id);
  gtk_editable_set_text (GTK_EDITABLE (e->entry), phrase->text);
  if (e->only_shop != NULL)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (e->only_shop), *phrase->shop_id != '\0');
  /* Translators: the phrase window's button while a phrase is edited */
  gtk_button_set_label (GTK_BUTTON (e->save), _("_Save"));
  set_problem (e, NULL);
  gtk_widget_grab_focus (e->entry);
}

static void
on_delete_clicked_cb (GtkButton *button,
                      Editor    *e)
{
  const char *id = g_object_get_data (G_OBJECT (button), "phrase-id");

  if (g_strcmp0 (id, e->editing) == 0)
    reset_entry (e);
  shou_phrases_delete (id);
  fill (e);
}

static GtkWidget *
row_button (Editor     *e,
            const char *icon,
            const char *name,
            const char *id,
            GCallback   callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "phrase-id", g_strdup (id), g_free);
  g_signal_connect (button, "clicked", callback, e);
  return button;
}

static void
fill (Editor *e)
{
  g_autoptr(GPtrArray) phrases = shou_phrases_list (NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (e->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (e->list), child);
  for (guint i = 0; i < phrases->len; i++)
    {
      ShouPhrase *phrase = phrases->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *shop = shou_phrase_shop_name (e->store, phrase->shop_id);
      g_autofree char *subtitle = NULL;

      /* A phrase is the seller's text: never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), phrase->text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      if (shop != NULL)
        /* Translators: under a saved phrase kept for one shop; %s is the shop */
        subtitle = g_strdup_printf (_("Only for %s"), shop);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : _("For every shop"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (e, "document-edit-symbolic", _("Edit"), phrase->id,
                                             G_CALLBACK (on_edit_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (e, "user-trash-symbolic", _("Delete"), phrase->id,
                                             G_CALLBACK (on_delete_clicked_cb)));
      gtk_list_box_append (GTK_LIST_BOX (e->list), row);
    }
  if (phrases->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No phrases yet: write one above"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (e->list), row);
    }
}

static void
on_destroy_cb (GtkWindow *window)
{
  if (current == window)
    current = NULL;
}

GtkWindow *
shou_phrase_editor_present (GtkWindow  *parent,
                            ShouStore  *store,
                            const char *shop_id)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *intro;
  GtkWidget *scroller;
  GtkEventController *keys;
  Editor *e = g_new0 (Editor, 1);

  e->store = store ? g_object_ref (store) : NULL;
  e->shop_id = shop_id && *shop_id ? g_strdup (shop_id) : NULL;
  gtk_window_set_title (GTK_WINDOW (window), _("Saved Phrases"));
  gtk_widget_set_name (window, "phrase-editor");
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 520);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  adw_window_set_content (ADW_WINDOW (window), content);
  gtk_box_append (GTK_BOX (content), header);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_vexpand (box, TRUE);
  gtk_box_append (GTK_BOX (content), box);
  intro = gtk_label_new (_("Phrases are offered when you reply to a buyer, one request or many. "
                           "Words that platforms penalise are refused when a phrase is saved."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0.0f);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (box), intro);

  e->entry = gtk_entry_new ();
  gtk_widget_set_name (e->entry, "phrase-text");
  gtk_widget_set_hexpand (e->entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (e->entry), _("New phrase"));
  gtk_entry_set_max_length (GTK_ENTRY (e->entry), SHOU_PHRASE_MAX_CHARS);
  gtk_accessible_update_property (GTK_ACCESSIBLE (e->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Phrase"), -1);
  gtk_box_append (GTK_BOX (line), e->entry);
  e->save = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_add_css_class (e->save, "suggested-action");
  g_signal_connect (e->save, "clicked", G_CALLBACK (on_save_clicked_cb), e);
  g_signal_connect_swapped (e->entry, "activate", G_CALLBACK (gtk_widget_activate), e->save);
  gtk_box_append (GTK_BOX (line), e->save);
  gtk_box_append (GTK_BOX (box), line);
  if (e->shop_id != NULL)
    {
      g_autofree char *name = shou_phrase_shop_name (store, e->shop_id);
      /* Translators: a check box under the new phrase; %s is the shop */
      g_autofree char *label = g_strdup_printf (_("Only for %s"), name);

      e->only_shop = gtk_check_button_new_with_label (label);
      gtk_box_append (GTK_BOX (box), e->only_shop);
    }
  e->problem = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (e->problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (e->problem), 0.0f);
  gtk_widget_add_css_class (e->problem, "error");
  gtk_widget_set_visible (e->problem, FALSE);
  gtk_box_append (GTK_BOX (box), e->problem);

  e->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (e->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (e->list, "boxed-list");
  gtk_widget_set_valign (e->list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (e->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Saved Phrases"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), e->list);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);

  /* Escape closes it, as every dialog. */
  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);

  g_object_set_data_full (G_OBJECT (window), "shou-phrase-editor", e, (GDestroyNotify) editor_free);
  g_signal_connect (window, "destroy", G_CALLBACK (on_destroy_cb), NULL);
  reset_entry (e);
  fill (e);
  current = GTK_WINDOW (window);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (e->entry);
  return GTK_WINDOW (window);
}

GtkWindow *
shou_phrase_editor_get_current (void)
{
  return current;
}

/* ---- the reply's 常用语 button ------------------------------------------ */

typedef struct
{
  ShouStore   *store;
  char        *shop_id;
  GtkTextView *view;      /* unowned: a sibling in the dialog */
  GtkWidget   *list;
  GtkWidget   *popover;
} Button;

static void
button_free (Button *b)
{
  g_clear_object (&b->store);
  g_free (b->shop_id);
  g_free (b);
}

static void
on_phrase_row_activated_cb (GtkListBox    *list,
                            GtkListBoxRow *row,
                            Button        *b)
{
  const char *text = g_object_get_data (G_OBJECT (row), "phrase-text");
  GtkRoot *root;

  gtk_popover_popdown (GTK_POPOVER (b->popover));
  if (text == NULL)
    {
      root = gtk_widget_get_root (GTK_WIDGET (b->view));
      shou_phrase_editor_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, b->store, b->shop_id);
      return;
    }
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (b->view), text, -1);
  gtk_widget_grab_focus (GTK_WIDGET (b->view));
}

static GtkWidget *
menu_row (const char *text,
          const char *phrase)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  if (phrase != NULL)
    g_object_set_data_full (G_OBJECT (row), "phrase-text", g_strdup (phrase), g_free);
  return row;
}

static void
on_popover_show_cb (GtkPopover *popover,
                    Button     *b)
{
  g_autoptr(GPtrArray) phrases = shou_phrases_list (b->shop_id ? b->shop_id : "");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (b->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (b->list), child);
  for (guint i = 0; i < phrases->len; i++)
    {
      ShouPhrase *phrase = phrases->pdata[i];

      gtk_list_box_append (GTK_LIST_BOX (b->list), menu_row (phrase->text, phrase->text));
    }
  gtk_list_box_append (GTK_LIST_BOX (b->list), menu_row (_("Manage Phrases…"), NULL));
}

GtkWidget *
shou_phrase_button_new (ShouStore   *store,
                        const char  *shop_id,
                        GtkTextView *view)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  Button *b = g_new0 (Button, 1);

  b->store = store ? g_object_ref (store) : NULL;
  b->shop_id = g_strdup (shop_id);
  b->view = view;
  /* Translators: the reply dialog's button listing the saved phrases (常用语) */
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("_Phrases"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_widget_set_name (button, "phrase-button");
  gtk_widget_add_css_class (button, "flat");
  b->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (b->list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (b->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Saved Phrases"), -1);
  g_signal_connect (b->list, "row-activated", G_CALLBACK (on_phrase_row_activated_cb), b);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), b->list);
  b->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (b->popover), scroller);
  g_signal_connect (b->popover, "show", G_CALLBACK (on_popover_show_cb), b);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), b->popover);
  g_object_set_data_full (G_OBJECT (button), "shou-phrase-button", b, (GDestroyNotify) button_free);
  return button;
}
