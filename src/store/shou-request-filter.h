/* shou-request-filter.h: the queue's filters (platform, shop, type,
 * reason, SKU, amount range, deadline, tag, buyer, status), as conditions of the request
 * list's SQL. A filter reads and writes itself as terms "kind:value", one
 * a line: the form of a saved view and of the window action
 * win.show-filtered ("reason:quality", "sku:A-1", "buyer:b-1"). */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef enum
{
  SHOU_FILTER_PLATFORM,   /* shou_platform_to_string () */
  SHOU_FILTER_SHOP,       /* a shop's key */
  SHOU_FILTER_TYPE,       /* shou_request_type_to_string () */
  SHOU_FILTER_REASON,     /* a buyer reason code */
  SHOU_FILTER_SKU,
  SHOU_FILTER_MIN_FEN,    /* amount at least, fen */
  SHOU_FILTER_MAX_FEN,    /* amount at most, fen */
  SHOU_FILTER_DUE,        /* the seller's deadline within N hours; 0: overdue */
  SHOU_FILTER_TAG,        /* a tag (request_tags: annotations and rules) */
  SHOU_FILTER_BUYER,      /* a buyer: the platform's buyer id where a request
                           * has one, else its nick; exactly */
  SHOU_FILTER_STATUS,     /* shou_status_to_string () (the contract's status) */
  SHOU_N_FILTERS
} ShouFilterKind;

/* The first SQL placeholder a filter binds (?40..?50). */
#define SHOU_FILTER_FIRST_PARAM 40

typedef struct _ShouRequestFilter ShouRequestFilter;

ShouRequestFilter *shou_request_filter_new          (void);
ShouRequestFilter *shou_request_filter_copy         (const ShouRequestFilter *self);
void               shou_request_filter_free         (ShouRequestFilter       *self);
gboolean           shou_request_filter_equal        (const ShouRequestFilter *a,
                                                     const ShouRequestFilter *b);
gboolean           shou_request_filter_is_empty     (const ShouRequestFilter *self);
const char        *shou_request_filter_get          (const ShouRequestFilter *self,
                                                     ShouFilterKind           kind);
/* Sets one condition (NULL or "" removes it). Returns FALSE, changing
 * nothing, for a value the kind does not take (not a number, not a known
 * platform or type). */
gboolean           shou_request_filter_set          (ShouRequestFilter       *self,
                                                     ShouFilterKind           kind,
                                                     const char              *value);
const char        *shou_filter_kind_to_string       (ShouFilterKind           kind);
gboolean           shou_filter_kind_from_string     (const char              *name,
                                                     ShouFilterKind          *kind);
/* One term "kind:value"; FALSE for an unknown kind or a bad value. */
gboolean           shou_request_filter_add_term     (ShouRequestFilter       *self,
                                                     const char              *term);
/* Terms one a line, in kind order; "" when empty. */
char              *shou_request_filter_to_string    (const ShouRequestFilter *self);
/* Unknown or bad terms are left out. */
ShouRequestFilter *shou_request_filter_from_string  (const char              *text);
/* Appends " AND …" conditions on table alias @t, with placeholders
 * ?40..?50 only (never the values themselves). */
void               shou_request_filter_append_sql   (const ShouRequestFilter *self,
                                                     GString                 *where,
                                                     const char              *t);
void               shou_request_filter_bind         (const ShouRequestFilter *self,
                                                     sqlite3_stmt            *stmt,
                                                     gint64                   now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouRequestFilter, shou_request_filter_free)

G_END_DECLS
