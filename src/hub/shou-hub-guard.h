/* shou-hub-guard.h: the hub's defences against clients that misbehave
 * (libsoup 3.2 has none of its own): it accepts connections (with a
 * back-off on accept errors instead of a busy loop), keeps them under a
 * limit by closing the longest-idle one when a new one arrives, closes
 * connections whose request headers or body do not arrive in time, and
 * answers 413 as soon as the headers announce (or a streamed body reaches)
 * more than the endpoint takes. */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _ShouHubGuard ShouHubGuard;

/* Largest evidence upload (the largest profile limit is below it). */
#define SHOU_HUB_MAX_UPLOAD_BYTES (8 * 1024 * 1024)
#define SHOU_HUB_HEADER_TIMEOUT_MS 10000
#define SHOU_HUB_BODY_TIMEOUT_MS   60000

typedef void (*ShouHubGuardAcceptFunc) (GSocketConnection *connection,
                                        gpointer           user_data);

/* Accepts on @listener (not started as a service) and calls @accept for each
 * connection it keeps; watches the requests @soup reads. */
ShouHubGuard *shou_hub_guard_new              (SoupServer             *soup,
                                               GSocketListener        *listener,
                                               ShouHubGuardAcceptFunc  accept,
                                               gpointer                user_data);
void          shou_hub_guard_start            (ShouHubGuard           *self);
void          shou_hub_guard_free             (ShouHubGuard           *self);

/* 0 for a limit from the process's file limit (what is left after a
 * reserve, at most 4096). */
void          shou_hub_guard_set_limits       (ShouHubGuard           *self,
                                               guint                   max_connections,
                                               guint                   header_timeout_ms,
                                               guint                   body_timeout_ms);
/* Connections are TLS: a 413 cannot be written past libsoup, they close. */
void          shou_hub_guard_set_tls          (ShouHubGuard           *self,
                                               gboolean                tls);
guint         shou_hub_guard_get_max_connections (ShouHubGuard        *self);
/* Connections closed so far for being idle at the limit, or too slow. */
guint64       shou_hub_guard_get_evicted      (ShouHubGuard           *self);
guint64       shou_hub_guard_get_timed_out    (ShouHubGuard           *self);
/* Accepts that failed (out of descriptors…), each followed by a pause. */
guint64       shou_hub_guard_get_accept_errors (ShouHubGuard          *self);

/* %TRUE when the guard already answered @msg (413) or dropped it: the
 * handler must do nothing. */
gboolean      shou_hub_guard_is_rejected      (SoupServerMessage      *msg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouHubGuard, shou_hub_guard_free)

G_END_DECLS
