/* shou-api-fetch.h: one HTTP exchange with a server that may misbehave.
 * libsoup's own read has no size limit and its timeout only notices a
 * silent connection, not one that trickles a byte a second. This reads
 * the answer in chunks up to a cap, and gives up when the connection, the
 * headers or the whole answer take too long. */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A change page may be large; every other answer is small. */
#define SHOU_API_MAX_PAGE_BYTES   (8 * 1024 * 1024)
#define SHOU_API_MAX_BODY_BYTES   (1024 * 1024)
/* Of an error answer only the start is read (a code and a message). */
#define SHOU_API_MAX_ERROR_BYTES  (64 * 1024)

#define SHOU_API_CONNECT_TIMEOUT_S 10
#define SHOU_API_HEADER_TIMEOUT_S  15
#define SHOU_API_TOTAL_TIMEOUT_S   30

typedef struct
{
  guint connect_s;   /* resolving and connecting */
  guint header_s;    /* from sending to the end of the answer's headers */
  guint total_s;     /* from sending to the end of the answer's body */
} ShouApiTimeouts;

/* Sends @msg on @session. On success the answer's body (at most @max_bytes,
 * or SHOU_API_MAX_ERROR_BYTES of an error status, cut there). Errors:
 * G_IO_ERROR_TIMED_OUT (which stage in the message, for logs),
 * G_IO_ERROR_MESSAGE_TOO_LARGE, G_IO_ERROR_CANCELLED, or libsoup's. */
void    shou_api_fetch_async  (SoupSession            *session,
                               SoupMessage            *msg,
                               gsize                   max_bytes,
                               const ShouApiTimeouts  *timeouts,
                               GCancellable           *cancellable,
                               GAsyncReadyCallback     callback,
                               gpointer                user_data);
GBytes *shou_api_fetch_finish (SoupSession            *session,
                               GAsyncResult           *result,
                               GError                **error);

G_END_DECLS
