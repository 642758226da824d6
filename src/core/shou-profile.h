/* shou-profile.h: a platform's after-sales rules, loaded from
 * data/profiles/<platform>[-<version>].json. Rules are data: a platform
 * changing a number is a profile change, not a code change. */
#pragma once

#include <gio/gio.h>

#include "shou-types.h"

G_BEGIN_DECLS

#define SHOU_PROFILE_ERROR (shou_profile_error_quark ())

typedef enum
{
  SHOU_PROFILE_ERROR_PARSE,       /* not JSON */
  SHOU_PROFILE_ERROR_MISSING,     /* a required field is missing */
  SHOU_PROFILE_ERROR_INVALID,     /* a field has a wrong type or value */
  SHOU_PROFILE_ERROR_NOT_FOUND,   /* no profile for the platform */
} ShouProfileError;

GQuark shou_profile_error_quark (void);

/* One deadline step: while a request is in @status (and matches the
 * filters), @actor must act within @duration, else @on_lapse happens. */
typedef struct
{
  char              *id;             /* "seller-respond-unshipped" */
  ShouRequestStatus  status;
  guint              types_mask;     /* 1 << ShouRequestType; 0 = all types */
  int                shipped;        /* -1 any, 0 order not shipped, 1 shipped */
  int                cod;            /* -1 any, 0 online payment, 1 cash on delivery */
  ShouActor          actor;
  gint64             duration;       /* microseconds, 0 when working_days */
  int                working_days;   /* > 0 for 工作日 deadlines */
  ShouLapse          on_lapse;
  char              *seed;           /* "000 ⑵ 一.4" */
  int                received;       /* -1 any, 0 goods not yet signed for, 1 signed for
                                      * (when the request opened) */
  gboolean           practice;       /* a shop's or platform's practice the seeds do
                                      * not state as a platform rule */
} ShouDeadlineRule;

typedef struct
{
  char     *code;                    /* "quality_problem" */
  char     *text;                    /* Chinese text as the platform shows it */
  gboolean  evidence_required;
} ShouRejectReason;

/* A number a rule states that is not a request deadline: complaint periods,
 * refund arrival times, reply-rate targets (platform-rules §2, §3, §6). Unset
 * numbers are 0 (duration, working_days) or -1 (amount_fen, percent). */
typedef struct
{
  char   *id;             /* "complaint-seller-handle" */
  gint64  duration;       /* microseconds */
  int     working_days;
  gint64  amount_fen;
  int     percent;
  char   *note;           /* what the rule says, for people */
  char   *seed;
  gboolean practice;      /* practice, not a platform's rule (000 ⑹) */
} ShouProfileFact;

typedef struct _ShouProfile ShouProfile;

#define SHOU_TYPE_PROFILE (shou_profile_get_type ())
GType        shou_profile_get_type         (void) G_GNUC_CONST;

/**
 * shou_profile_new_from_data:
 * @data: JSON text
 * @name: file name used in error messages
 *
 * Returns: (transfer full): the profile, or %NULL with an error naming @name
 *   and the JSON path of the bad field ("taobao.json: deadlines[2].on_lapse: …").
 */
ShouProfile *shou_profile_new_from_data    (const char    *data,
                                            gsize          length,
                                            const char    *name,
                                            GError       **error);
ShouProfile *shou_profile_new_from_file    (GFile         *file,
                                            GError       **error);
ShouProfile *shou_profile_ref              (ShouProfile   *self);
void         shou_profile_unref            (ShouProfile   *self);

ShouPlatform shou_profile_get_platform     (const ShouProfile *self);
/* The file name it was loaded from ("taobao-2019.json"). */
const char  *shou_profile_get_name         (const ShouProfile *self);
const char  *shou_profile_get_description  (const ShouProfile *self);
guint        shou_profile_get_n_facts      (const ShouProfile *self);
const ShouProfileFact *
             shou_profile_get_fact         (const ShouProfile *self,
                                            guint              index);
/* The fact with this id, or %NULL. */
const ShouProfileFact *
             shou_profile_find_fact        (const ShouProfile *self,
                                            const char        *id);
const char  *shou_profile_get_version      (const ShouProfile *self);
/* Types a buyer may open for an order in @state (bit mask of ShouRequestType). */
guint        shou_profile_get_open_types   (const ShouProfile *self,
                                            ShouOrderState     state);
/* After-sales window after completion, microseconds. */
gint64       shou_profile_get_window       (const ShouProfile *self);
const ShouDeadlineRule *
             shou_profile_get_deadlines    (const ShouProfile *self,
                                            guint             *n_rules);
/* The deadline rule with this id (as in a request's deadline_rule), or %NULL. */
const ShouDeadlineRule *
             shou_profile_get_deadline_by_id (const ShouProfile *self,
                                              const char        *id);
/* The first deadline rule for a request in this situation, or %NULL
 * (@received: the goods were signed for when the request opened, i.e. the
 * order had completed; it implies @shipped). The
 * state machine (shou_rules_evaluate()) also handles milestones (on_lapse
 * none), negotiation waits and exchange shipping; prefer its answer. */
const ShouDeadlineRule *
             shou_profile_find_deadline    (const ShouProfile *self,
                                            ShouRequestStatus  status,
                                            ShouRequestType    type,
                                            gboolean           shipped,
                                            gboolean           received,
                                            gboolean           cod);

/* The rule with this id, or %NULL. */
const ShouDeadlineRule *
             shou_profile_find_deadline_by_id (const ShouProfile *self,
                                               const char        *id);

/* Negotiation gates. */
gboolean     shou_profile_get_negotiation_required (const ShouProfile *self);
guint        shou_profile_get_negotiation_rounds   (const ShouProfile *self);
gint64       shou_profile_get_negotiation_wait     (const ShouProfile *self);
gboolean     shou_profile_get_round2_evidence_required (const ShouProfile *self);
gboolean     shou_profile_get_reject_evidence_required (const ShouProfile *self);
gboolean     shou_profile_get_reject_before_shipment   (const ShouProfile *self);
/* After a refusal the buyer may ask the platform to intervene only this long
 * after opening the request (Taobao, unshipped orders: from day 3, seed
 * 000 ⑵ 一.5; the 2019 profile, shipped: 15 days, 001 篇三); 0 = at once. */
gint64       shou_profile_get_escalate_delay       (const ShouProfile *self,
                                                    gboolean           shipped);

/* Evidence limits. */
const char * const *
             shou_profile_get_evidence_types     (const ShouProfile *self);
gsize        shou_profile_get_evidence_max_bytes (const ShouProfile *self);
guint        shou_profile_get_evidence_max_count (const ShouProfile *self);

/* Message limits: max length counted in characters, or in UTF-8 bytes when
 * shou_profile_get_message_in_bytes() is %TRUE (Taobao: 400 bytes). */
guint        shou_profile_get_message_max        (const ShouProfile *self);
gboolean     shou_profile_get_message_in_bytes   (const ShouProfile *self);
guint        shou_profile_get_explanation_min    (const ShouProfile *self);
guint        shou_profile_get_explanation_max    (const ShouProfile *self);

/* Risk thresholds. */
gint64       shou_profile_get_small_amount_fen   (const ShouProfile *self);
gint64       shou_profile_get_logistics_stall    (const ShouProfile *self);
gint64       shou_profile_get_lapse_warning      (const ShouProfile *self);

gboolean     shou_profile_get_line_reopenable    (const ShouProfile *self);

/* What one platform call may carry when agreeing refunds ("batch" in the
 * profile): at most the returned count of refunds and, when *@out_max_fen
 * is not 0, at most that total in fen (Taobao: 20 and 600,000). A profile
 * without the field: 1 and 0. */
guint        shou_profile_get_agree_batch        (const ShouProfile *self,
                                                  gint64            *out_max_fen);

const ShouRejectReason *
             shou_profile_get_reject_reasons     (const ShouProfile *self,
                                                  guint             *n_reasons);
const ShouRejectReason *
             shou_profile_find_reject_reason     (const ShouProfile *self,
                                                  const char        *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouProfile, shou_profile_unref)

/* The set of current profiles, one per platform. */
typedef struct _ShouProfiles ShouProfiles;

/**
 * shou_profiles_load_dir:
 * @dir: a folder of *.json profiles; a file named "<platform>.json" is the
 *   current profile, "<platform>-<version>.json" an older one
 *
 * Returns: (transfer full): every profile, or %NULL and an error naming the
 *   first bad file and field.
 */
ShouProfiles *shou_profiles_load_dir      (GFile         *dir,
                                           GError       **error);
/* Profiles from the installed data dir, the build's source data dir, or
 * $SHOU_PROFILES_DIR when set. Aborts with a clear message if none load. */
ShouProfiles *shou_profiles_get_default   (void);
ShouProfile  *shou_profiles_get           (ShouProfiles  *self,
                                           ShouPlatform   platform);
/* An older version by name ("2019"), or %NULL. */
ShouProfile  *shou_profiles_get_version   (ShouProfiles  *self,
                                           ShouPlatform   platform,
                                           const char    *version);
/* Every loaded profile, current and older, sorted by file name. */
guint         shou_profiles_get_n_profiles (ShouProfiles *self);
ShouProfile  *shou_profiles_get_nth       (ShouProfiles  *self,
                                           guint          index);
void          shou_profiles_free          (ShouProfiles  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouProfiles, shou_profiles_free)

/**
 * shou_profile_add_working_days:
 * @start: UTC microseconds
 * @days: working days (工作日) to add
 * @approximate: (out) (optional): set to %TRUE if a day counted lies in a
 *   year the profile's calendar has no table for (counted Monday to Friday;
 *   the deadline is shown as 约), else %FALSE
 *
 * The same time of day on the @days-th working day after @start's day, in
 * China Standard Time, skipping public holidays and counting weekend workdays
 * (调休) from the profile's yearly tables.
 */
gint64       shou_profile_add_working_days (const ShouProfile *self,
                                            gint64             start,
                                            int                days,
                                            gboolean          *approximate);
/* Whether @day (days since 1970-01-01 in China Standard Time) is a working day;
 * @approximate (optional) is set to %TRUE when the year has no table. */
gboolean     shou_profile_is_working_day   (const ShouProfile *self,
                                            gint64             day,
                                            gboolean          *approximate);

G_END_DECLS
