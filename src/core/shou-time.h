/* shou-time.h: time is UTC microseconds since the epoch (gint64), shown in
 * local time. Platform deadlines count days in China Standard Time (UTC+8). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SHOU_USEC_PER_SECOND ((gint64) 1000000)
#define SHOU_USEC_PER_MINUTE (60 * SHOU_USEC_PER_SECOND)
#define SHOU_USEC_PER_HOUR   (60 * SHOU_USEC_PER_MINUTE)
#define SHOU_USEC_PER_DAY    (24 * SHOU_USEC_PER_HOUR)

#define SHOU_TIME_ERROR (shou_time_error_quark ())

typedef enum
{
  SHOU_TIME_ERROR_SYNTAX,
  SHOU_TIME_ERROR_RANGE,
} ShouTimeError;

GQuark   shou_time_error_quark          (void);

/* Current real time, UTC microseconds. */
gint64   shou_time_now                  (void);

/**
 * shou_time_add_working_days:
 * @start: UTC microseconds
 * @days: working days (Monday–Friday in China Standard Time) to add
 *
 * A deadline of N working days from @start: the same time of day on the Nth
 * working day after @start's day (weekends skipped). Public holidays and
 * weekend workdays are the profile's: see shou_profile_add_working_days().
 * Returns: the deadline, UTC microseconds.
 */
gint64   shou_time_add_working_days     (gint64       start,
                                         int          days);

/**
 * shou_duration_parse:
 * @text: "48h", "7d", "30m", "2wd" (working days), "90s", or a sum "1d12h"
 * @out_usec: (out): length in microseconds (for "wd", the count of days is
 *   returned in @out_working_days instead and @out_usec is 0)
 * @out_working_days: (out) (optional): working days, 0 if none
 *
 * Returns: %TRUE on success, else a #SHOU_TIME_ERROR.
 */
gboolean shou_duration_parse            (const char  *text,
                                         gint64      *out_usec,
                                         int         *out_working_days,
                                         GError     **error);

/**
 * shou_time_parse_iso8601:
 * Strict ISO 8601 with a zone ("2026-11-11T08:00:00+08:00" or "...Z").
 * Returns: %TRUE on success, writing UTC microseconds to @out_usec.
 */
gboolean shou_time_parse_iso8601        (const char  *text,
                                         gint64      *out_usec,
                                         GError     **error);

/**
 * shou_countdown_format:
 * @deadline_at: UTC microseconds
 * @now: UTC microseconds
 *
 * Returns: (transfer full): "剩余 1天3小时", "剩余 42分钟", "已超时 2小时"
 *   (translated; English "1 d 3 h left", "42 min left", "2 h overdue").
 *   Two largest units, never seconds except under one minute. Empty when
 *   @deadline_at is 0 (no deadline).
 */
char    *shou_countdown_format          (gint64       deadline_at,
                                         gint64       now);
/* The time span alone ("1天3小时", "42分钟"; English "1 d 3 h"), for a
 * column whose header already says "time left". */
char    *shou_duration_format           (gint64       span);

typedef enum
{
  SHOU_URGENCY_NONE,      /* no deadline */
  SHOU_URGENCY_CALM,      /* more than 24 h left */
  SHOU_URGENCY_WARNING,   /* less than 24 h */
  SHOU_URGENCY_DANGER,    /* less than 2 h */
  SHOU_URGENCY_OVERDUE,
} ShouUrgency;

ShouUrgency shou_urgency_for            (gint64       deadline_at,
                                         gint64       now);
/* CSS class name for the urgency: "calm", "warning", "danger", "overdue" or NULL. */
const char *shou_urgency_get_css_class  (ShouUrgency  urgency);

/**
 * shou_time_format_local:
 * Returns: (transfer full): @usec in the local zone, "2026-11-11 08:00".
 */
char    *shou_time_format_local         (gint64       usec);

/* "N minutes ago"-style relative text for the header's "last synced". */
char    *shou_time_format_relative      (gint64       then,
                                         gint64       now);

G_END_DECLS
