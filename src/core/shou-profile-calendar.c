/* shou-profile-calendar.c: a profile's working-day calendar. Platforms count
 * 工作日 on the mainland calendar: public holidays are off and some weekend
 * days are worked (调休). The State Council publishes each year's table; a
 * profile carries the years it knows, and a year without one is counted
 * Monday to Friday and flagged approximate (约). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "shou-profile-private.h"
#include "shou-time.h"

#define CST_OFFSET (8 * SHOU_USEC_PER_HOUR)
#define DAY_HOLIDAY 1
#define DAY_WORKDAY 2

static gboolean
fail (GError    **error,
      const char *name,
      const char *path,
      const char *message)
{
  g_set_error (error, SHOU_PROFILE_ERROR, SHOU_PROFILE_ERROR_INVALID, "%s: %s: %s",
               name, path, message);
  return FALSE;
}

/* Day number (days since 1970-01-01) of a "YYYY-MM-DD" in @year. */
static gboolean
parse_day (const char *text,
           int         year,
           gint64     *out_day)
{
  g_autoptr(GDate) date = NULL;
  int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      y != year || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  date = g_date_new_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
  *out_day = (gint64) g_date_get_julian (date) - 719163; /* julian day of 1970-01-01 */
  return TRUE;
}

static gboolean
parse_days (ShouProfile *self,
            JsonObject  *year_obj,
            const char  *key,
            int          year,
            int          kind,
            const char  *name,
            const char  *path,
            GError     **error)
{
  JsonNode *node = json_object_get_member (year_obj, key);
  g_autofree char *p = g_strdup_printf ("%s.%s", path, key);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, name, p, "expected an array of dates");
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);
      gint64 day;

      if (!JSON_NODE_HOLDS_VALUE (el) || json_node_get_value_type (el) != G_TYPE_STRING ||
          !parse_day (json_node_get_string (el), year, &day))
        return fail (error, name, p, "expected dates \"YYYY-MM-DD\" in the table's year");
      if (g_hash_table_contains (self->calendar_days, GINT_TO_POINTER ((int) day)))
        return fail (error, name, p, "a date is listed twice");
      g_hash_table_insert (self->calendar_days, GINT_TO_POINTER ((int) day),
                           GINT_TO_POINTER (kind));
    }
  return TRUE;
}

gboolean
shou_profile_parse_calendar (ShouProfile *self,
                             JsonNode    *node,
                             const char  *name,
                             GError     **error)
{
  JsonObject *obj;
  JsonNode *years;

  self->calendar_days = g_hash_table_new (NULL, NULL);
  self->calendar_years = g_hash_table_new (NULL, NULL);
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, name, "working_calendar", "expected an object");
  obj = json_node_get_object (node);
  if (!json_object_has_member (obj, "seed"))
    return fail (error, name, "working_calendar.seed", "required field is missing");
  years = json_object_get_member (obj, "years");
  if (years == NULL || !JSON_NODE_HOLDS_ARRAY (years))
    return fail (error, name, "working_calendar.years", "expected an array");

  for (guint i = 0; i < json_array_get_length (json_node_get_array (years)); i++)
    {
      JsonNode *el = json_array_get_element (json_node_get_array (years), i);
      g_autofree char *path = g_strdup_printf ("working_calendar.years[%u]", i);
      JsonObject *year_obj;
      gint64 year;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        return fail (error, name, path, "expected an object");
      year_obj = json_node_get_object (el);
      year = json_object_get_int_member_with_default (year_obj, "year", 0);
      if (year < 2000 || year > 2100 ||
          g_hash_table_contains (self->calendar_years, GINT_TO_POINTER ((int) year)))
        return fail (error, name, path, "year missing, out of range or listed twice");
      if (!json_object_has_member (year_obj, "seed"))
        return fail (error, name, path, "the year's source (seed) is missing");
      if (!parse_days (self, year_obj, "holidays", (int) year, DAY_HOLIDAY, name, path, error) ||
          !parse_days (self, year_obj, "workdays", (int) year, DAY_WORKDAY, name, path, error))
        return FALSE;
      g_hash_table_add (self->calendar_years, GINT_TO_POINTER ((int) year));
    }
  return TRUE;
}

static int
year_of_day (gint64 day)
{
  g_autoptr(GDate) date = g_date_new_julian ((guint32) (day + 719163));

  return g_date_get_year (date);
}

/* Monday = 0 … Sunday = 6; day 0 (1970-01-01) was a Thursday. */
static int
weekday_of_day (gint64 day)
{
  return (int) (((day + 3) % 7 + 7) % 7);
}

gboolean
shou_profile_is_working_day (const ShouProfile *self,
                             gint64             day,
                             gboolean          *approximate)
{
  int kind;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!g_hash_table_contains (self->calendar_years, GINT_TO_POINTER (year_of_day (day))))
    {
      if (approximate != NULL)
        *approximate = TRUE;
      return weekday_of_day (day) < 5;
    }
  kind = GPOINTER_TO_INT (g_hash_table_lookup (self->calendar_days, GINT_TO_POINTER ((int) day)));
  if (kind == DAY_HOLIDAY)
    return FALSE;
  if (kind == DAY_WORKDAY)
    return TRUE;
  return weekday_of_day (day) < 5;
}

gint64
shou_profile_add_working_days (const ShouProfile *self,
                               gint64             start,
                               int                days,
                               gboolean          *approximate)
{
  gint64 local = start + CST_OFFSET;
  gint64 day = local >= 0 ? local / SHOU_USEC_PER_DAY : -((-local + SHOU_USEC_PER_DAY - 1) / SHOU_USEC_PER_DAY);
  gint64 time_of_day = local - day * SHOU_USEC_PER_DAY;
  gboolean approx = FALSE;

  g_return_val_if_fail (self != NULL, start);
  g_return_val_if_fail (days >= 0, start);

  /* Bounded: a year has at least 200 working days in any table. */
  for (guint guard = 0; days > 0 && guard < 3660; guard++)
    {
      day++;
      if (shou_profile_is_working_day (self, day, &approx))
        days--;
    }
  if (approximate != NULL)
    *approximate = approx;
  return day * SHOU_USEC_PER_DAY + time_of_day - CST_OFFSET;
}
