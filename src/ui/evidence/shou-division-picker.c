/* shou-division-picker.c: three dependent rows (省, 市, 区) over the
 * division table.
 *
 * Each row's model starts with a "choose" placeholder; the codes behind
 * the other items are kept in a parallel array. A municipality's single
 * city, and a city's single area, are chosen for the seller. Above them, a
 * search by district name fills all three (Enter takes the first match).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-divisions.h"
#include "shou-division-picker.h"

enum { LEVEL_PROVINCE, LEVEL_CITY, LEVEL_AREA, N_LEVELS };

#define SEARCH_MAX 8

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

struct _ShouDivisionPicker
{
  AdwPreferencesGroup  parent_instance;

  AdwEntryRow         *search_row;
  GtkPopover          *results_popover;
  GtkListBox          *results_box;
  AdwComboRow         *rows[N_LEVELS];
  GPtrArray           *codes[N_LEVELS];   /* const char *, into the table */
  ShouDivisions       *table;
  char                *kept[N_LEVELS];    /* an old address's text, no code */
  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (ShouDivisionPicker, shou_division_picker, ADW_TYPE_PREFERENCES_GROUP)

static const char *
selected_code (ShouDivisionPicker *self,
               guint               level)
{
  guint i = adw_combo_row_get_selected (self->rows[level]);

  /* item 0 is the placeholder */
  if (i == 0 || i == GTK_INVALID_LIST_POSITION || i > self->codes[level]->len)
    return NULL;
  return g_ptr_array_index (self->codes[level], i - 1);
}

static void
fill_level (ShouDivisionPicker *self,
            guint               level,
            const char         *parent)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->codes[level], 0);
  gtk_string_list_append (model, _("Choose…"));
  if (self->table != NULL && (level == LEVEL_PROVINCE || parent != NULL))
    {
      GPtrArray *children = shou_divisions_children (self->table, parent);

      for (guint i = 0; i < children->len; i++)
        {
          const char *code = g_ptr_array_index (children, i);

          g_ptr_array_add (self->codes[level], (gpointer) code);
          gtk_string_list_append (model, level == LEVEL_CITY ? shou_divisions_city_text (self->table, code)
                                                             : shou_divisions_lookup (self->table, code));
        }
    }
  self->filling = TRUE;
  adw_combo_row_set_model (self->rows[level], G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->rows[level], self->codes[level]->len == 1 && level > LEVEL_PROVINCE ? 1 : 0);
  self->filling = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->rows[level]), self->codes[level]->len > 0);
}

static void
clear_kept (ShouDivisionPicker *self)
{
  for (guint i = 0; i < N_LEVELS; i++)
    g_clear_pointer (&self->kept[i], g_free);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[LEVEL_PROVINCE]), NULL);
}

static void
cascade (ShouDivisionPicker *self,
         guint               from)
{
  for (guint level = from + 1; level < N_LEVELS; level++)
    fill_level (self, level, selected_code (self, level - 1));
}

static void
on_row_selected_cb (AdwComboRow        *row,
                    GParamSpec         *pspec,
                    ShouDivisionPicker *self)
{
  guint level;

  if (self->filling)
    return;
  for (level = 0; level < N_LEVELS && self->rows[level] != row; level++)
    ;
  g_assert (level < N_LEVELS);
  clear_kept (self);
  cascade (self, level);
  shou_division_picker_set_error (self, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
shou_division_picker_select (ShouDivisionPicker *self,
                             const char         *code)
{
  g_return_val_if_fail (SHOU_IS_DIVISION_PICKER (self), FALSE);

  if (self->table == NULL || shou_divisions_level (code) != SHOU_DIVISION_AREA ||
      shou_divisions_lookup (self->table, code) == NULL)
    return FALSE;

  clear_kept (self);
  for (guint level = 0; level < N_LEVELS; level++)
    {
      g_autofree char *prefix = g_strndup (code, 2 * (level + 1));

      if (level > 0)
        fill_level (self, level, selected_code (self, level - 1));
      for (guint i = 0; i < self->codes[level]->len; i++)
        if (g_str_equal (g_ptr_array_index (self->codes[level], i), prefix))
          {
            self->filling = TRUE;
            adw_combo_row_set_selected (self->rows[level], i + 1);
            self->filling = FALSE;
          }
    }
  shou_division_picker_set_error (self, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static gboolean
empty (const char *s)
{
  return s == NULL || *s == '\0';
}

void
shou_division_picker_set_address (ShouDivisionPicker *self,
                                  const char         *province,
                                  const char         *city,
                                  const char         *district,
                                  const char         *code)
{
  g_autofree char *line = NULL;
  g_autofree char *written = NULL;

  g_return_if_fail (SHOU_IS_DIVISION_PICKER (self));

  if (self->table != NULL && shou_division_picker_select (self, code))
    return;
  if (self->table != NULL &&
      shou_division_picker_select (self, shou_divisions_match (self->table, province, city, district)))
    return;

  fill_level (self, LEVEL_PROVINCE, NULL);
  cascade (self, LEVEL_PROVINCE);
  clear_kept (self);
  if (!empty (province) || !empty (city) || !empty (district))
    {
      self->kept[LEVEL_PROVINCE] = g_strdup (province != NULL ? province : "");
      self->kept[LEVEL_CITY] = g_strdup (city != NULL ? city : "");
      self->kept[LEVEL_AREA] = g_strdup (district != NULL ? district : "");
      written = g_strconcat (self->kept[0], self->kept[1], self->kept[2], NULL);
      /* TRANSLATORS: %s is a region as an older address wrote it, e.g. 浙江省杭州市余杭区 */
      line = g_strdup_printf (_("Saved as “%s”. Choose the province, city and district to add its region code."),
                              written);
      /* the row does not parse markup (use-markup is off): the text is the seller's */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[LEVEL_PROVINCE]), line);
    }
  shou_division_picker_set_error (self, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
shou_division_picker_get_code (ShouDivisionPicker *self)
{
  g_return_val_if_fail (SHOU_IS_DIVISION_PICKER (self), NULL);

  return selected_code (self, LEVEL_AREA);
}

gboolean
shou_division_picker_get_text (ShouDivisionPicker  *self,
                               const char         **province,
                               const char         **city,
                               const char         **district)
{
  const char *code;

  g_return_val_if_fail (SHOU_IS_DIVISION_PICKER (self), FALSE);

  code = shou_division_picker_get_code (self);
  if (code != NULL)
    return shou_divisions_resolve (self->table, code, province, city, district);
  if (self->kept[LEVEL_PROVINCE] == NULL)
    return FALSE;
  *province = self->kept[LEVEL_PROVINCE];
  *city = self->kept[LEVEL_CITY];
  *district = self->kept[LEVEL_AREA];
  return TRUE;
}

void
shou_division_picker_set_error (ShouDivisionPicker *self,
                                gboolean            error)
{
  g_return_if_fail (SHOU_IS_DIVISION_PICKER (self));

  for (guint level = 0; level < N_LEVELS; level++)
    {
      gboolean bad = error && selected_code (self, level) == NULL && self->codes[level]->len > 0;

      if (bad)
        gtk_widget_add_css_class (GTK_WIDGET (self->rows[level]), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->rows[level]), "error");
    }
}

static void
clear_results (ShouDivisionPicker *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_box))) != NULL)
    gtk_list_box_remove (self->results_box, child);
}

static void
take_result (ShouDivisionPicker *self,
             GtkListBoxRow      *row)
{
  g_autofree char *code = NULL;

  if (row == NULL)
    return;
  code = g_strdup (g_object_get_data (G_OBJECT (row), "division-code"));
  /* the rows stay until the next search: @row may be the one activating */
  gtk_popover_popdown (self->results_popover);
  gtk_editable_set_text (GTK_EDITABLE (self->search_row), "");
  shou_division_picker_select (self, code);
}

static void
on_result_activated_cb (GtkListBox         *box,
                        GtkListBoxRow      *row,
                        ShouDivisionPicker *self)
{
  take_result (self, row);
}

static void
on_search_activated_cb (AdwEntryRow        *row,
                        ShouDivisionPicker *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->results_popover)))
    take_result (self, gtk_list_box_get_row_at_index (self->results_box, 0));
}

static void
on_search_changed_cb (GtkEditable        *editable,
                      ShouDivisionPicker *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_autoptr(GPtrArray) found = NULL;

  gtk_popover_popdown (self->results_popover);
  if (self->table == NULL || *text == '\0')
    return;
  clear_results (self);
  found = shou_divisions_search (self->table, text, SEARCH_MAX);
  for (guint i = 0; i < found->len; i++)
    {
      const char *province, *city, *district;
      g_autofree char *line = NULL;
      GtkWidget *label;
      GtkWidget *row;

      shou_divisions_resolve (self->table, g_ptr_array_index (found, i), &province, &city, &district);
      /* TRANSLATORS: a search result: province, city, district */
      line = g_strdup_printf (C_("region", "%s %s %s"), province, city, district);
      label = gtk_label_new (line);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "division-code",
                              g_strdup (g_ptr_array_index (found, i)), g_free);
      gtk_list_box_append (self->results_box, row);
    }
  if (found->len > 0)
    gtk_popover_popup (self->results_popover);
}

/* Down from the search goes into its results. */
static gboolean
on_search_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          ShouDivisionPicker    *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_box, 0);

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) || first == NULL ||
      !gtk_widget_get_visible (GTK_WIDGET (self->results_popover)))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}

static void
build_search (ShouDivisionPicker *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->search_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->search_row), "region-search-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->search_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->search_row), _("Find by District Name"));
  adw_entry_row_add_prefix (self->search_row, gtk_image_new_from_icon_name ("system-search-symbolic"));
  g_signal_connect (self->search_row, "changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (self->search_row, "entry-activated", G_CALLBACK (on_search_activated_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_row), keys);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->search_row));

  self->results_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_activate_on_single_click (self->results_box, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->results_box), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->results_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Matching Districts"), -1);
  g_signal_connect (self->results_box, "row-activated", G_CALLBACK (on_result_activated_cb), self);
  self->results_popover = GTK_POPOVER (gtk_popover_new ());
  /* the seller keeps typing in the search while the results show */
  gtk_popover_set_autohide (self->results_popover, FALSE);
  gtk_popover_set_has_arrow (self->results_popover, FALSE);
  gtk_popover_set_position (self->results_popover, GTK_POS_BOTTOM);
  gtk_popover_set_child (self->results_popover, GTK_WIDGET (self->results_box));
  gtk_widget_set_parent (GTK_WIDGET (self->results_popover), GTK_WIDGET (self->search_row));
}

static void
shou_division_picker_dispose (GObject *object)
{
  ShouDivisionPicker *self = SHOU_DIVISION_PICKER (object);

  if (self->results_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->results_popover));
  self->results_popover = NULL;

  G_OBJECT_CLASS (shou_division_picker_parent_class)->dispose (object);
}

static void
shou_division_picker_finalize (GObject *object)
{
  ShouDivisionPicker *self = SHOU_DIVISION_PICKER (object);

  for (guint i = 0; i < N_LEVELS; i++)
    {
      g_ptr_array_unref (self->codes[i]);
      g_free (self->kept[i]);
    }

  G_OBJECT_CLASS (shou_division_picker_parent_class)->finalize (object);
}

static void
shou_division_picker_class_init (ShouDivisionPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shou_division_picker_dispose;
  object_class->finalize = shou_division_picker_finalize;

  /* Emitted when the chosen region changes. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
shou_division_picker_init (ShouDivisionPicker *self)
{
  const char *titles[N_LEVELS] = { _("Province"), _("City"), _("District") };
  const char *names[N_LEVELS] = { "province-row", "city-row", "district-row" };

  self->table = shou_divisions_get_default ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Region"));
  build_search (self);
  for (guint level = 0; level < N_LEVELS; level++)
    {
      self->codes[level] = g_ptr_array_new ();
      self->rows[level] = ADW_COMBO_ROW (adw_combo_row_new ());
      gtk_widget_set_name (GTK_WIDGET (self->rows[level]), names[level]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->rows[level]), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[level]), titles[level]);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->rows[level]));
      g_signal_connect (self->rows[level], "notify::selected", G_CALLBACK (on_row_selected_cb), self);
    }
  fill_level (self, LEVEL_PROVINCE, NULL);
  cascade (self, LEVEL_PROVINCE);
}

GtkWidget *
shou_division_picker_new (void)
{
  return g_object_new (SHOU_TYPE_DIVISION_PICKER, NULL);
}
