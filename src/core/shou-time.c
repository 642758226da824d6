/* shou-time.c: UTC microseconds, China Standard Time working days, countdowns */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "shou-time.h"

#define CST_OFFSET (8 * SHOU_USEC_PER_HOUR)

G_DEFINE_QUARK (shou-time-error-quark, shou_time_error)

gint64
shou_time_now (void)
{
  return g_get_real_time ();
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/* Monday = 0 … Sunday = 6; day 0 (1970-01-01) was a Thursday. */
static int
weekday_of_day (gint64 day)
{
  return (int) (((day + 3) % 7 + 7) % 7);
}

gint64
shou_time_add_working_days (gint64 start,
                            int    days)
{
  gint64 local = start + CST_OFFSET;
  gint64 day = floor_div (local, SHOU_USEC_PER_DAY);
  gint64 time_of_day = local - day * SHOU_USEC_PER_DAY;

  g_return_val_if_fail (days >= 0, start);

  while (days > 0)
    {
      day++;
      if (weekday_of_day (day) < 5)
        days--;
    }

  return day * SHOU_USEC_PER_DAY + time_of_day - CST_OFFSET;
}

gboolean
shou_duration_parse (const char  *text,
                     gint64      *out_usec,
                     int         *out_working_days,
                     GError     **error)
{
  const char *p = text;
  gint64 total = 0;
  gint64 wdays = 0;
  guint n_parts = 0;

  g_return_val_if_fail (out_usec != NULL, FALSE);

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, SHOU_TIME_ERROR, SHOU_TIME_ERROR_SYNTAX,
                   "empty duration");
      return FALSE;
    }

  while (*p != '\0')
    {
      gint64 n = 0;
      gint64 unit;
      guint n_digits = 0;

      for (; g_ascii_isdigit (*p); p++)
        {
          if (++n_digits > 9)
            {
              g_set_error (error, SHOU_TIME_ERROR, SHOU_TIME_ERROR_RANGE,
                           "duration \"%s\" is too long", text);
              return FALSE;
            }
          n = n * 10 + (*p - '0');
        }
      if (n_digits == 0)
        {
          g_set_error (error, SHOU_TIME_ERROR, SHOU_TIME_ERROR_SYNTAX,
                       "duration \"%s\": expected a number at \"%s\"", text, p);
          return FALSE;
        }

      if (g_str_has_prefix (p, "wd"))
        {
          wdays += n;
          p += 2;
          n_parts++;
          continue;
        }

      switch (*p)
        {
        case 'd': unit = SHOU_USEC_PER_DAY; break;
        case 'h': unit = SHOU_USEC_PER_HOUR; break;
        case 'm': unit = SHOU_USEC_PER_MINUTE; break;
        case 's': unit = SHOU_USEC_PER_SECOND; break;
        default:
          g_set_error (error, SHOU_TIME_ERROR, SHOU_TIME_ERROR_SYNTAX,
                       "duration \"%s\": unit must be d, h, m, s or wd", text);
          return FALSE;
        }
      p++;
      /* Bound each part before multiplying: fuzzing found "202019212d"
       * overflowing gint64 here. */
      if (n > 3650 * SHOU_USEC_PER_DAY / unit ||
          total > 3650 * SHOU_USEC_PER_DAY - n * unit)
        {
          g_set_error (error, SHOU_TIME_ERROR, SHOU_TIME_ERROR_RANGE,
                       "duration \"%s\" is longer than ten years", text);
          return FALSE;
        }
      total += n * unit;
      n_parts++;
    }

  if (total > 3650 * SHOU_USEC_PER_DAY || wdays > 3650)
    {
      g_set_error (error, SHOU_TIME_ERROR, SHOU_TIME_ERROR_RANGE,
                   "duration \"%s\" is longer than ten years", text);
      return FALSE;
    }

  if (wdays > 0 && out_working_days == NULL)
    {
      g_set_error (error, SHOU_TIME_ERROR, SHOU_TIME_ERROR_SYNTAX,
                   "duration \"%s\": working days are not allowed here", text);
      return FALSE;
    }

  *out_usec = total;
  if (out_working_days != NULL)
    *out_working_days = (int) wdays;
  return TRUE;
}

static gboolean
read_digits (const char **p,
             guint        n,
             int         *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

static gboolean
expect (const char **p,
        char         c)
{
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

gboolean
shou_time_parse_iso8601 (const char  *text,
                         gint64      *out_usec,
                         GError     **error)
{
  const char *p = text;
  int year, month, day, hour, minute, second;
  gint64 frac = 0;
  int offset_sec = 0;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (out_usec != NULL, FALSE);

  if (text == NULL ||
      !read_digits (&p, 4, &year) || !expect (&p, '-') ||
      !read_digits (&p, 2, &month) || !expect (&p, '-') ||
      !read_digits (&p, 2, &day) || !expect (&p, 'T') ||
      !read_digits (&p, 2, &hour) || !expect (&p, ':') ||
      !read_digits (&p, 2, &minute) || !expect (&p, ':') ||
      !read_digits (&p, 2, &second))
    goto syntax;

  if (*p == '.')
    {
      gint64 scale = 100000;
      guint n = 0;

      p++;
      for (; g_ascii_isdigit (*p); p++, n++)
        {
          if (n < 6)
            {
              frac += (*p - '0') * scale;
              scale /= 10;
            }
        }
      if (n == 0)
        goto syntax;
    }

  if (*p == 'Z')
    p++;
  else if (*p == '+' || *p == '-')
    {
      int sign = *p == '-' ? -1 : 1;
      int oh, om;

      p++;
      if (!read_digits (&p, 2, &oh) || !expect (&p, ':') ||
          !read_digits (&p, 2, &om) || oh > 14 || om > 59)
        goto syntax;
      offset_sec = sign * (oh * 3600 + om * 60);
    }
  else
    goto syntax;

  if (*p != '\0')
    goto syntax;

  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
      minute > 59 || second > 59)
    {
      g_set_error (error, SHOU_TIME_ERROR, SHOU_TIME_ERROR_RANGE,
                   "\"%s\" is not a valid date and time", text);
      return FALSE;
    }

  tz = g_time_zone_new_offset (offset_sec);
  dt = g_date_time_new (tz, year, month, day, hour, minute, second);
  if (dt == NULL || g_date_time_get_day_of_month (dt) != day)
    {
      g_set_error (error, SHOU_TIME_ERROR, SHOU_TIME_ERROR_RANGE,
                   "\"%s\" is not a valid date and time", text);
      return FALSE;
    }

  *out_usec = g_date_time_to_unix (dt) * SHOU_USEC_PER_SECOND + frac;
  return TRUE;

syntax:
  g_set_error (error, SHOU_TIME_ERROR, SHOU_TIME_ERROR_SYNTAX,
               "\"%s\" is not ISO 8601 with a zone (2026-11-11T08:00:00+08:00)",
               text ? text : "(null)");
  return FALSE;
}

static char *
format_span (gint64 span)
{
  gint64 days = span / SHOU_USEC_PER_DAY;
  gint64 hours = (span % SHOU_USEC_PER_DAY) / SHOU_USEC_PER_HOUR;
  gint64 minutes = (span % SHOU_USEC_PER_HOUR) / SHOU_USEC_PER_MINUTE;
  gint64 seconds = (span % SHOU_USEC_PER_MINUTE) / SHOU_USEC_PER_SECOND;

  if (days > 0 && hours > 0)
    /* TRANSLATORS: a duration, days and hours, e.g. "1 d 3 h" (zh: "1天3小时") */
    return g_strdup_printf (_("%d d %d h"), (int) days, (int) hours);
  if (days > 0)
    /* TRANSLATORS: a duration in days, e.g. "2 d" (zh: "2天") */
    return g_strdup_printf (_("%d d"), (int) days);
  if (hours > 0 && minutes > 0)
    /* TRANSLATORS: a duration, hours and minutes, e.g. "3 h 5 min" (zh: "3小时5分钟") */
    return g_strdup_printf (_("%d h %d min"), (int) hours, (int) minutes);
  if (hours > 0)
    /* TRANSLATORS: a duration in hours, e.g. "2 h" (zh: "2小时") */
    return g_strdup_printf (_("%d h"), (int) hours);
  if (minutes > 0)
    /* TRANSLATORS: a duration in minutes, e.g. "42 min" (zh: "42分钟") */
    return g_strdup_printf (_("%d min"), (int) minutes);
  /* TRANSLATORS: a duration in seconds, e.g. "30 s" (zh: "30秒") */
  return g_strdup_printf (_("%d s"), (int) seconds);
}

char *
shou_duration_format (gint64 span)
{
  return format_span (MAX (span, 0));
}

char *
shou_countdown_format (gint64 deadline_at,
                       gint64 now)
{
  g_autofree char *span = NULL;

  if (deadline_at == 0)
    return g_strdup ("");

  if (deadline_at >= now)
    {
      span = format_span (deadline_at - now);
      /* TRANSLATORS: time left before a deadline, %s is a duration such as
       * "1 d 3 h" (zh: "剩余 %s") */
      return g_strdup_printf (_("%s left"), span);
    }

  span = format_span (now - deadline_at);
  /* TRANSLATORS: time since a deadline passed, %s is a duration such as
   * "2 h" (zh: "已超时 %s") */
  return g_strdup_printf (_("%s overdue"), span);
}

ShouUrgency
shou_urgency_for (gint64 deadline_at,
                  gint64 now)
{
  gint64 left;

  if (deadline_at == 0)
    return SHOU_URGENCY_NONE;

  left = deadline_at - now;
  if (left < 0)
    return SHOU_URGENCY_OVERDUE;
  if (left < 2 * SHOU_USEC_PER_HOUR)
    return SHOU_URGENCY_DANGER;
  if (left < 24 * SHOU_USEC_PER_HOUR)
    return SHOU_URGENCY_WARNING;
  return SHOU_URGENCY_CALM;
}

const char *
shou_urgency_get_css_class (ShouUrgency urgency)
{
  switch (urgency)
    {
    case SHOU_URGENCY_CALM:
      return "calm";
    case SHOU_URGENCY_WARNING:
      return "warning";
    case SHOU_URGENCY_DANGER:
      return "danger";
    case SHOU_URGENCY_OVERDUE:
      return "overdue";
    case SHOU_URGENCY_NONE:
    default:
      return NULL;
    }
}

char *
shou_time_format_local (gint64 usec)
{
  g_autoptr(GDateTime) dt = NULL;

  dt = g_date_time_new_from_unix_local (floor_div (usec, SHOU_USEC_PER_SECOND));
  if (dt == NULL)
    return g_strdup ("");
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

char *
shou_time_format_relative (gint64 then,
                           gint64 now)
{
  gint64 ago = now - then;

  if (ago < SHOU_USEC_PER_MINUTE)
    return g_strdup (_("Just now"));

  if (ago < SHOU_USEC_PER_HOUR)
    {
      int n = (int) (ago / SHOU_USEC_PER_MINUTE);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d minute ago", "%d minutes ago", n), n);
    }

  if (ago < SHOU_USEC_PER_DAY)
    {
      int n = (int) (ago / SHOU_USEC_PER_HOUR);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d hour ago", "%d hours ago", n), n);
    }

  {
    int n = (int) MIN (ago / SHOU_USEC_PER_DAY, G_MAXINT);
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d day ago", "%d days ago", n), n);
  }
}
