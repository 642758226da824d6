/* shou-divisions.c: the 省/市/区 table, parsed once from its TSV.
 *
 * Codes and names point into one copy of the text; a code's parent is the
 * code without its last two digits.
 */
#include "config.h"

#include <string.h>

#include "shou-divisions.h"

struct _ShouDivisions
{
  gatomicrefcount  ref_count;
  char            *text;
  GHashTable      *names;      /* code -> name */
  GHashTable      *children;   /* parent code ("" for none) -> GPtrArray of codes */
  GPtrArray       *none;       /* the children of an unknown code */
  guint            size;
};

static GPtrArray *
children_of (ShouDivisions *self,
             const char    *parent)
{
  GPtrArray *list = g_hash_table_lookup (self->children, parent);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (self->children, (gpointer) parent, list);
    }
  return list;
}

static gboolean
all_digits (const char *s,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
parse_line (ShouDivisions  *self,
            char           *line,
            guint           lineno,
            GError        **error)
{
  char *tab = strchr (line, '\t');
  gpointer parent = (gpointer) "";
  gsize len;

  if (tab == NULL)
    goto bad;
  *tab = '\0';
  len = tab - line;
  if ((len != 2 && len != 4 && len != 6) || !all_digits (line, len) || tab[1] == '\0' ||
      !g_utf8_validate (tab + 1, -1, NULL) || g_hash_table_contains (self->names, line))
    goto bad;
  if (len > 2)
    {
      char key[8] = { 0 };

      memcpy (key, line, len - 2);
      if (!g_hash_table_lookup_extended (self->names, key, &parent, NULL))
        goto bad;
    }
  g_hash_table_insert (self->names, line, tab + 1);
  g_ptr_array_add (children_of (self, parent), line);
  self->size++;
  return TRUE;

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "Division table, line %u: expected a new 2-, 4- or 6-digit code "
               "under a known parent, a tab and a name", lineno);
  return FALSE;
}

ShouDivisions *
shou_divisions_new_from_bytes (GBytes  *bytes,
                               GError **error)
{
  g_autoptr(ShouDivisions) self = NULL;
  gsize size = 0;
  const char *data;
  char *line;
  char *next;
  guint lineno = 0;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  self = g_new0 (ShouDivisions, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->text = g_strndup (data != NULL ? data : "", size);
  self->names = g_hash_table_new (g_str_hash, g_str_equal);
  self->children = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) g_ptr_array_unref);
  self->none = g_ptr_array_new ();

  for (line = self->text; line != NULL && *line != '\0'; line = next)
    {
      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      lineno++;
      if (*line == '#' || *line == '\0')
        continue;
      if (!parse_line (self, line, lineno, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

ShouDivisions *
shou_divisions_get_default (void)
{
  static ShouDivisions *table;

  if (g_once_init_enter (&table))
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (SHOU_DIVISIONS_RESOURCE, 0, NULL);
      g_autoptr(GError) error = NULL;
      ShouDivisions *loaded = NULL;

      if (bytes != NULL)
        loaded = shou_divisions_new_from_bytes (bytes, &error);
      if (error != NULL)
        g_critical ("%s", error->message);
      /* g_once_init_leave takes no NULL: an empty table stands for none */
      if (loaded == NULL)
        {
          g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
          loaded = shou_divisions_new_from_bytes (empty, NULL);
        }
      g_once_init_leave (&table, loaded);
    }
  return table->size > 0 ? table : NULL;
}

ShouDivisions *
shou_divisions_ref (ShouDivisions *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
shou_divisions_unref (ShouDivisions *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->children);
  g_ptr_array_unref (self->none);
  g_hash_table_unref (self->names);
  g_free (self->text);
  g_free (self);
}

guint
shou_divisions_get_size (ShouDivisions *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->size;
}

ShouDivisionLevel
shou_divisions_level (const char *code)
{
  gsize len = code != NULL ? strlen (code) : 0;

  if (!all_digits (code, len))
    return SHOU_DIVISION_NONE;
  switch (len)
    {
    case 2: return SHOU_DIVISION_PROVINCE;
    case 4: return SHOU_DIVISION_CITY;
    case 6: return SHOU_DIVISION_AREA;
    default: return SHOU_DIVISION_NONE;
    }
}

const char *
shou_divisions_lookup (ShouDivisions *self,
                       const char    *code)
{
  g_return_val_if_fail (self != NULL, NULL);

  return code != NULL ? g_hash_table_lookup (self->names, code) : NULL;
}

GPtrArray *
shou_divisions_children (ShouDivisions *self,
                         const char    *parent)
{
  GPtrArray *list;

  g_return_val_if_fail (self != NULL, NULL);

  list = g_hash_table_lookup (self->children, parent != NULL ? parent : "");
  return list != NULL ? list : self->none;
}

static gboolean
is_placeholder (const char *name)
{
  return g_strcmp0 (name, "市辖区") == 0 || g_strcmp0 (name, "县") == 0;
}

const char *
shou_divisions_city_text (ShouDivisions *self,
                          const char    *city)
{
  const char *name;

  g_return_val_if_fail (self != NULL, NULL);

  name = shou_divisions_lookup (self, city);
  if (name != NULL && is_placeholder (name) && shou_divisions_level (city) == SHOU_DIVISION_CITY)
    {
      char province[3] = { city[0], city[1], '\0' };

      return shou_divisions_lookup (self, province);
    }
  return name;
}

gboolean
shou_divisions_resolve (ShouDivisions  *self,
                        const char     *area,
                        const char    **province,
                        const char    **city,
                        const char    **district)
{
  char p[3] = { 0 };
  char c[5] = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);

  if (shou_divisions_level (area) != SHOU_DIVISION_AREA || shou_divisions_lookup (self, area) == NULL)
    return FALSE;
  memcpy (p, area, 2);
  memcpy (c, area, 4);
  if (province != NULL)
    *province = shou_divisions_lookup (self, p);
  if (city != NULL)
    *city = shou_divisions_city_text (self, c);
  if (district != NULL)
    *district = shou_divisions_lookup (self, area);
  return TRUE;
}

const char *
shou_divisions_match (ShouDivisions *self,
                      const char    *province,
                      const char    *city,
                      const char    *district)
{
  GPtrArray *provinces;
  const char *found = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (province == NULL || city == NULL || district == NULL)
    return NULL;
  provinces = shou_divisions_children (self, NULL);
  for (guint i = 0; i < provinces->len; i++)
    {
      const char *p = g_ptr_array_index (provinces, i);
      GPtrArray *cities;

      if (g_strcmp0 (shou_divisions_lookup (self, p), province) != 0)
        continue;
      cities = shou_divisions_children (self, p);
      for (guint j = 0; j < cities->len; j++)
        {
          const char *c = g_ptr_array_index (cities, j);
          GPtrArray *areas;

          if (g_strcmp0 (shou_divisions_city_text (self, c), city) != 0 &&
              g_strcmp0 (shou_divisions_lookup (self, c), city) != 0)
            continue;
          areas = shou_divisions_children (self, c);
          for (guint k = 0; k < areas->len; k++)
            if (g_strcmp0 (shou_divisions_lookup (self, g_ptr_array_index (areas, k)), district) == 0)
              {
                if (found != NULL)
                  return NULL;
                found = g_ptr_array_index (areas, k);
              }
        }
    }
  return found;
}

static void
search_level (ShouDivisions *self,
              const char    *parent,
              const char    *text,
              gboolean       prefix,
              GPtrArray     *found,
              guint          max)
{
  GPtrArray *children = shou_divisions_children (self, parent);

  for (guint i = 0; i < children->len && found->len < max; i++)
    {
      const char *code = g_ptr_array_index (children, i);
      const char *name = shou_divisions_lookup (self, code);

      if (shou_divisions_level (code) != SHOU_DIVISION_AREA)
        search_level (self, code, text, prefix, found, max);
      else if (prefix ? g_str_has_prefix (name, text)
                      : (!g_str_has_prefix (name, text) && strstr (name, text) != NULL))
        g_ptr_array_add (found, (gpointer) code);
    }
}

GPtrArray *
shou_divisions_search (ShouDivisions *self,
                       const char    *text,
                       guint          max)
{
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, found);

  if (text == NULL || *text == '\0')
    return found;
  search_level (self, NULL, text, TRUE, found, max);
  search_level (self, NULL, text, FALSE, found, max);
  return found;
}
