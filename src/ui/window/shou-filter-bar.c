/* shou-filter-bar.c: see shou-filter-bar.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-filter-bar.h"
#include "shou-filter-popover.h"
#include "shou-saved-views.h"

struct _ShouFilterBar
{
  GtkWidget          parent_instance;

  ShouRequestList   *list;
  ShouStore         *store;
  ShouRequestFilter *filter;
  GtkWidget         *box;
  GtkWidget         *menu_button;
  GtkWidget         *popover;
  GtkWidget         *chips;
  GtkWidget         *save_button;
  GtkWidget         *clear_button;
  GtkWidget         *empty_clear; /* owned: the empty page's button, reused */
  ShouSavedViews    *saved;       /* unowned, in the sidebar; NULL without settings */
};

G_DEFINE_FINAL_TYPE (ShouFilterBar, shou_filter_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FILTER_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild_chips (ShouFilterBar *self,
                           int            focus_index);

static void
apply (ShouFilterBar           *self,
       const ShouRequestFilter *filter,
       int                      focus_index)
{
  if (shou_request_filter_equal (self->filter, filter))
    return;
  g_clear_pointer (&self->filter, shou_request_filter_free);
  self->filter = shou_request_filter_copy (filter);
  shou_request_list_set_filter (self->list, self->filter);
  rebuild_chips (self, focus_index);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER_TEXT]);
}

static void
remove_chip (ShouFilterBar *self,
             GtkWidget     *chip)
{
  g_autoptr(ShouRequestFilter) filter = shou_request_filter_copy (self->filter);
  int index = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (self->chips); c && c != chip; c = gtk_widget_get_next_sibling (c))
    index++;
  shou_request_filter_set (filter, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chip), "kind")), NULL);
  apply (self, filter, index);
}

static void
on_chip_clicked_cb (GtkWidget     *chip,
                    ShouFilterBar *self)
{
  remove_chip (self, chip);
}

static gboolean
on_chip_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        ShouFilterBar         *self)
{
  if (keyval != GDK_KEY_Delete && keyval != GDK_KEY_BackSpace && keyval != GDK_KEY_KP_Delete)
    return FALSE;
  remove_chip (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  return TRUE;
}

static GtkWidget *
new_chip (ShouFilterBar  *self,
          ShouFilterKind  kind,
          const char     *value)
{
  g_autofree char *text = shou_filter_term_label (self->store, kind, value);
  g_autofree char *name = NULL;
  GtkWidget *chip = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (text);
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (chip), box);
  gtk_widget_add_css_class (chip, "filter-chip");
  gtk_widget_add_css_class (chip, "pill");
  gtk_widget_add_css_class (chip, "small");
  /* Translators: a filter chip's accessible name; %s is the
   * condition ("移除筛选：原因：质量问题") */
  name = g_strdup_printf (_("Remove filter: %s"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (chip), "kind", GINT_TO_POINTER (kind));
  g_signal_connect (chip, "clicked", G_CALLBACK (on_chip_clicked_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_chip_key_pressed_cb), self);
  gtk_widget_add_controller (chip, keys);
  return chip;
}

/* After a chip goes, the focus moves to the one that took its place, else
 * the one before it, else the filter button, so the keyboard goes on. */
static void
rebuild_chips (ShouFilterBar *self,
               int            focus_index)
{
  GtkWidget *child, *focus = NULL;
  gboolean had_focus = FALSE;
  int n = 0;

  while ((child = gtk_widget_get_first_child (self->chips)) != NULL)
    {
      had_focus = had_focus || gtk_widget_has_focus (child);
      gtk_box_remove (GTK_BOX (self->chips), child);
    }
  for (ShouFilterKind k = 0; self->filter != NULL && k < SHOU_N_FILTERS; k++)
    {
      const char *value = shou_request_filter_get (self->filter, k);

      if (value == NULL)
        continue;
      child = new_chip (self, k, value);
      gtk_box_append (GTK_BOX (self->chips), child);
      if (n <= focus_index)
        focus = child;
      n++;
    }
  gtk_widget_set_visible (self->chips, n > 0);
  gtk_widget_set_visible (self->clear_button, n > 0);
  gtk_widget_set_sensitive (self->save_button, n > 0 && self->saved != NULL);
  if (had_focus && focus_index >= 0)
    gtk_widget_grab_focus (focus ? focus : self->menu_button);
}

static void
on_popover_apply_cb (const ShouRequestFilter *filter,
                     gpointer                 user_data)
{
  ShouFilterBar *self = user_data;

  apply (self, filter, -1);
  if (gtk_widget_get_first_child (self->chips) != NULL)
    gtk_widget_grab_focus (gtk_widget_get_first_child (self->chips));
}

static void
on_popover_show_cb (ShouFilterBar *self)
{
  shou_filter_popover_load (self->popover, self->filter);
}

static void
activate_open (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShouFilterBar *self = SHOU_FILTER_BAR (widget);

  if (gtk_widget_get_mapped (widget))
    gtk_menu_button_popup (GTK_MENU_BUTTON (self->menu_button));
}

static void
activate_clear (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ShouFilterBar *self = SHOU_FILTER_BAR (widget);
  gboolean had_focus = gtk_widget_get_focus_child (self->chips) != NULL ||
                       gtk_widget_has_focus (self->clear_button);

  apply (self, NULL, -1);
  if (had_focus)
    gtk_widget_grab_focus (self->menu_button);
}

static void
activate_save (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShouFilterBar *self = SHOU_FILTER_BAR (widget);
  g_autofree char *terms = shou_request_filter_to_string (self->filter);

  if (self->saved != NULL && self->filter != NULL)
    shou_saved_views_ask_save (self->saved, terms);
}

static void
shou_filter_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ShouFilterBar *self = SHOU_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_FILTER_TEXT:
      g_value_take_string (value, shou_request_filter_to_string (self->filter));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_filter_bar_dispose (GObject *object)
{
  ShouFilterBar *self = SHOU_FILTER_BAR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_object (&self->empty_clear);

  G_OBJECT_CLASS (shou_filter_bar_parent_class)->dispose (object);
}

static void
shou_filter_bar_finalize (GObject *object)
{
  ShouFilterBar *self = SHOU_FILTER_BAR (object);

  shou_request_filter_free (self->filter);

  G_OBJECT_CLASS (shou_filter_bar_parent_class)->finalize (object);
}

static void
shou_filter_bar_class_init (ShouFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = shou_filter_bar_get_property;
  object_class->dispose = shou_filter_bar_dispose;
  object_class->finalize = shou_filter_bar_finalize;

  properties[PROP_FILTER_TEXT] =
    g_param_spec_string ("filter-text", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "filter.open", NULL, activate_open);
  gtk_widget_class_install_action (widget_class, "filter.clear", NULL, activate_clear);
  gtk_widget_class_install_action (widget_class, "filter.save", NULL, activate_save);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filter-bar");
}

static void
shou_filter_bar_init (ShouFilterBar *self)
{
  GtkEventController *shortcuts;
  GtkWidget *spacer;

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->box, "toolbar");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->menu_button = gtk_menu_button_new ();
  /* Translators: the button that opens the queue's filter form (Ctrl+Shift+F) */
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->menu_button), _("Filter…"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (self->menu_button), TRUE);
  gtk_widget_set_tooltip_text (self->menu_button, _("Filter the queue (Ctrl+Shift+F)"));
  gtk_box_append (GTK_BOX (self->box), self->menu_button);

  self->chips = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_visible (self->chips, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chips), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: accessible name of the row of filter chips */
                                  _("Filters"), -1);
  gtk_box_append (GTK_BOX (self->box), self->chips);

  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (self->box), spacer);

  /* Translators: removes every filter of the queue */
  self->clear_button = gtk_button_new_with_mnemonic (_("_Clear Filters"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->clear_button), "filter.clear");
  gtk_widget_add_css_class (self->clear_button, "flat");
  gtk_widget_set_visible (self->clear_button, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->clear_button);

  /* Translators: saves the queue's filters as a view in the sidebar */
  self->save_button = gtk_button_new_with_mnemonic (_("Save as Vie_w…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "filter.save");
  gtk_widget_set_sensitive (self->save_button, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->save_button);

  /* As the action shortcuts: wherever the focus is, before the focused
   * widget's own key bindings (after a batch the focus can be on a widget
   * that takes the key first). */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("filter.open")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

GtkWidget *
shou_filter_bar_new (ShouRequestList *list,
                     ShouStore       *store)
{
  ShouFilterBar *self;

  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (list), NULL);
  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);

  self = g_object_new (SHOU_TYPE_FILTER_BAR, NULL);
  self->list = g_object_ref (list);
  self->store = g_object_ref (store);
  self->popover = shou_filter_popover_new (store, on_popover_apply_cb, self);
  g_signal_connect_object (self->popover, "show", G_CALLBACK (on_popover_show_cb), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->menu_button), self->popover);
  return GTK_WIDGET (self);
}

const ShouRequestFilter *
shou_filter_bar_get_filter (ShouFilterBar *self)
{
  g_return_val_if_fail (SHOU_IS_FILTER_BAR (self), NULL);
  return self->filter;
}

void
shou_filter_bar_set_filter (ShouFilterBar           *self,
                            const ShouRequestFilter *filter)
{
  g_return_if_fail (SHOU_IS_FILTER_BAR (self));
  apply (self, filter, -1);
}

gboolean
shou_filter_bar_add_term (ShouFilterBar *self,
                          const char    *term)
{
  g_autoptr(ShouRequestFilter) filter = NULL;

  g_return_val_if_fail (SHOU_IS_FILTER_BAR (self), FALSE);

  filter = shou_request_filter_copy (self->filter);
  if (!shou_request_filter_add_term (filter, term))
    return FALSE;
  apply (self, filter, -1);
  return TRUE;
}

typedef struct
{
  ShouFilterBar *bar;
  ShouSidebar   *sidebar;
} ShowFiltered;

static gboolean
is_request_view (const char *name)
{
  for (ShouView v = 0; v < SHOU_N_VIEWS; v++)
    if (g_strcmp0 (shou_view_to_string (v), name) == 0)
      return TRUE;
  return FALSE;
}

/* From the statistics page: the queue, with that reason or SKU as its only
 * filter, in the request view shown last (待处理 from 统计 or 全部订单);
 * the shop chosen in the sidebar stays. */
static void
on_show_filtered_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  ShowFiltered *sf = user_data;
  g_autoptr(ShouRequestFilter) filter = shou_request_filter_new ();

  if (!shou_request_filter_add_term (filter, g_variant_get_string (parameter, NULL)))
    {
      g_debug ("win.show-filtered: a bad term");
      return;
    }
  if (!is_request_view (shou_sidebar_get_view_name (sf->sidebar)))
    shou_sidebar_set_view_name (sf->sidebar, shou_view_to_string (SHOU_VIEW_PENDING));
  apply (sf->bar, filter, -1);
}

static void
on_saved_view_activated_cb (ShouSavedViews *saved,
                            const char     *view_name,
                            const char     *terms,
                            ShowFiltered   *sf)
{
  g_autoptr(ShouRequestFilter) filter = shou_request_filter_from_string (terms);

  shou_sidebar_set_view_name (sf->sidebar, view_name);
  apply (sf->bar, filter, -1);
}

ShouFilterBar *
shou_filter_bar_attach (GtkWidget       *window,
                        GtkBox          *queue_box,
                        GtkBox          *sidebar_box,
                        ShouSidebar     *sidebar,
                        ShouRequestList *list,
                        ShouStore       *store,
                        GSettings       *settings)
{
  ShouFilterBar *self = SHOU_FILTER_BAR (shou_filter_bar_new (list, store));
  ShowFiltered *sf = g_new0 (ShowFiltered, 1);
  g_autoptr(GSimpleAction) action = g_simple_action_new ("show-filtered", G_VARIANT_TYPE_STRING);

  g_return_val_if_fail (G_IS_ACTION_MAP (window), NULL);

  gtk_box_prepend (queue_box, GTK_WIDGET (self));
  sf->bar = self;
  sf->sidebar = sidebar;
  g_object_set_data_full (G_OBJECT (action), "shou-show-filtered", sf, g_free);
  g_signal_connect (action, "activate", G_CALLBACK (on_show_filtered_cb), sf);
  g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (action));
  if (settings != NULL)
    {
      self->saved = SHOU_SAVED_VIEWS (shou_saved_views_new (store, sidebar, settings));
      gtk_box_append (sidebar_box, GTK_WIDGET (self->saved));
      g_signal_connect (self->saved, "activated", G_CALLBACK (on_saved_view_activated_cb), sf);
    }
  return self;
}

static void
on_empty_clear_clicked_cb (ShouFilterBar *self)
{
  apply (self, NULL, -1);
  gtk_widget_grab_focus (self->menu_button);
}

gboolean
shou_filter_bar_explain_empty (ShouFilterBar *self,
                               AdwStatusPage *page)
{
  g_return_val_if_fail (SHOU_IS_FILTER_BAR (self), FALSE);
  g_return_val_if_fail (ADW_IS_STATUS_PAGE (page), FALSE);

  /* The button stays alive when taken off the page: its own click clears
   * the filters, and the page is updated during that click. */
  if (self->empty_clear == NULL)
    {
      self->empty_clear = g_object_ref_sink (gtk_button_new_with_mnemonic (_("_Clear Filters")));
      gtk_widget_set_halign (self->empty_clear, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (self->empty_clear, "pill");
      gtk_widget_add_css_class (self->empty_clear, "suggested-action");
      g_signal_connect_object (self->empty_clear, "clicked", G_CALLBACK (on_empty_clear_clicked_cb), self,
                               G_CONNECT_SWAPPED);
    }
  if (shou_request_filter_is_empty (self->filter))
    {
      if (adw_status_page_get_child (page) != NULL)
        adw_status_page_set_child (page, NULL);
      return FALSE;
    }
  adw_status_page_set_icon_name (page, "edit-find-symbolic");
  adw_status_page_set_title (page, _("No Request Matches the Filters"));
  adw_status_page_set_description (page, _("No request in this view passes every filter. Remove a filter above, or clear them all."));
  if (adw_status_page_get_child (page) != self->empty_clear)
    adw_status_page_set_child (page, self->empty_clear);
  return TRUE;
}

/* The column chooser (shou-queue-columns.h), at the bar's end. */
void
shou_filter_bar_add_columns_button (ShouFilterBar *self,
                                    GMenuModel    *menu)
{
  GtkWidget *button;

  g_return_if_fail (SHOU_IS_FILTER_BAR (self));
  g_return_if_fail (G_IS_MENU_MODEL (menu));

  button = gtk_menu_button_new ();
  /* Translators: opens the list of the queue's columns to show or hide */
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Colum_ns"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_tooltip_text (button, _("Choose the queue’s columns; drag a header to move its column"));
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (GTK_BOX (self->box), button);
}
