/* shou-platform-pull.h: the incremental pull every adapter runs for one
 * shop: overlapping windows after the shop's checkpoint (within the
 * platform's limit), each read in full, the changed requests' details
 * fetched and stored in one transaction, and only then the checkpoint
 * moved; once a day an audit re-reads the last 48 hours under its own
 * checkpoint, since platforms document that windows and callbacks can drop
 * items. The platform gives its list call, its detail and its change test. */
#pragma once

#include <json-glib/json-glib.h>

#include "hub/shou-hub-store.h"
#include "hub/platforms/shou-platform-checkpoint.h"
#include "hub/platforms/shou-platform-pace.h"
#include "hub/platforms/shou-platform-window.h"

G_BEGIN_DECLS

#define SHOU_PLATFORM_AUDIT_EVERY 86400   /* a daily audit … */
#define SHOU_PLATFORM_AUDIT_SPAN  172800  /* … re-reads the last 48 hours */

typedef struct
{
  ShouHubStore                   *store;
  ShouPlatformCheckpoints        *checkpoints;
  const ShouPlatformWindowPolicy *policy;
  const ShouPlatformClock        *pace_clock;
  gint64                          deadline;         /* pace clock: no window starts after it; 0: none */
  guint                           windows_per_pull;
  const char                     *id_prefix;        /* the hub's id is this + the platform's */
  guint                           max_pages;        /* of one window; more is an error */
  /* Page @page (from 1) of the window [@from, @to]: its list entries
   * (JsonObject) added to @entries, @more set when another page follows;
   * %FALSE with @error when the call failed. */
  gboolean   (*read_page)    (gpointer data, const char *shop_id, const char *token,
                              gint64 from, gint64 to, guint page, GPtrArray *entries,
                              gboolean *more, GError **error);
  /* The platform's id of a list entry. (transfer full) (nullable) */
  char      *(*entry_id)     (JsonObject *entry);
  /* The stored request @known is what @entry says (no detail needed). */
  gboolean   (*is_unchanged) (ShouHubAftersale *known, JsonObject *entry);
  /* Fetches @entry's detail and fills @as with both (new or stored). */
  gboolean   (*fill)         (gpointer data, const char *shop_id, const char *token,
                              ShouHubAftersale *as, JsonObject *entry, GError **error);
  gpointer                        data;
} ShouPlatformPull;

/* Reads @shop_id's windows up to @now_unix and the pull's budget, then the
 * audit's; the number of windows read. */
guint shou_platform_pull_shop (const ShouPlatformPull *pull,
                               const char             *shop_id,
                               const char             *merchant_id,
                               const char             *token,
                               gint64                  now_unix,
                               GError                **error);

/* For read_page: adds @list's objects to @entries (a %NULL @list adds
 * none). */
void  shou_platform_pull_add_entries   (GPtrArray  *entries,
                                        JsonArray  *list);

G_END_DECLS
