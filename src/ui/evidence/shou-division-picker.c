/* shou-division-picker.c: three dependent rows (省, 市, 区) over the
 * division table.
 *
 * Each row's model starts with a "choose" placeholder; the codes behind
 * the other items are kept in a parallel array. A municipality's single
 * city, and a city's single area, are chosen for the seller.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-divisions.h"
#include "shou-division-picker.h"

enum { LEVEL_PROVINCE, LEVEL_CITY, LEVEL_AREA, N_LEVELS };

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

struct _ShouDivisionPicker
{
  AdwPreferencesGroup  parent_instance;

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
