/* shou-outbox-overlay.h: the optimistic local state of queued actions:
 * a request's effective data is its server data with its queued actions
 * applied, and an action is checked against it before it is queued. */
#pragma once

#include "shou-store-private.h"

G_BEGIN_DECLS

#define PROPAGATE(err) shou_store_propagate (error, g_steal_pointer (&err))

static inline gboolean
shou_outbox_invalid (GError     **error,
                     const char  *message)
{
  g_set_error_literal (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID, message);
  return FALSE;
}

static inline gboolean
shou_outbox_invalid_from (GError **error,
                          GError  *cause)
{
  g_set_error_literal (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID, cause->message);
  g_error_free (cause);
  return FALSE;
}

typedef struct
{
  char       *account_id;
  char       *id;               /* the server's */
  JsonObject *effective;
  char       *conflict;
} RequestRow;

void     shou_outbox_request_row_clear (RequestRow  *row);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RequestRow, shou_outbox_request_row_clear)


/* Loads the row of the request with key @request_id. */
gboolean shou_outbox_load_request_row  (ShouStore   *self,
                                        const char  *request_id,
                                        RequestRow  *row,
                                        GError     **error);
/* Whether @action is allowed in @effective's state. */
gboolean shou_outbox_check_allowed     (JsonObject  *effective,
                                        ShouAction   action,
                                        GError     **error);
/* Whether @params are complete and within the platform's rules. */
gboolean shou_outbox_check_params      (const ShouProfile *profile,
                                        JsonObject        *effective,
                                        ShouAction         action,
                                        JsonObject        *params,
                                        GError           **error);

G_END_DECLS
