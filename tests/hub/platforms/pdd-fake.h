/* pdd-fake.h: a protocol-level Pinduoduo gateway on 127.0.0.1 for tests.
 * It checks every request's client_id, timestamp and MD5 sign (computed
 * here on its own, not with the adapter's code) and answers a wrong one
 * with an error_response; serves pdd.refund.list.increment.get (window at
 * most 30 minutes, pages at most 100), pdd.refund.information.get, the two
 * agree calls, the return-address list and the token calls; injects
 * flow-control (52101) and session-expired (10019) answers; and moves cases
 * through Pinduoduo's statuses. It runs its own thread and main context,
 * so the adapter's synchronous calls can reach it from the test's thread. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PddFake PddFake;

PddFake    *pdd_fake_new            (const char *client_id,
                                     const char *client_secret);
void        pdd_fake_free           (PddFake    *self);
/* http://127.0.0.1:PORT/api/router */
const char *pdd_fake_get_url        (PddFake    *self);
void        pdd_fake_set_now        (PddFake    *self,
                                     gint64      unix_seconds);
void        pdd_fake_add_token      (PddFake    *self,
                                     const char *access_token,
                                     const char *refresh_token);
/* Every access and refresh token known so far stops working. */
void        pdd_fake_expire_tokens  (PddFake    *self);
/* A case; @type is the detail's after_sales_type (1 refund only, 2 return
 * and refund…), @refund_yuan as the list sends it. Returns its id. */
gint64      pdd_fake_add_case       (PddFake    *self,
                                     int         type,
                                     int         status,
                                     const char *refund_yuan,
                                     gint64      updated_at);
/* The buyer or the platform moves a case. */
void        pdd_fake_set_status     (PddFake    *self,
                                     gint64      id,
                                     int         status,
                                     gint64      updated_at);
void        pdd_fake_set_tracking   (PddFake    *self,
                                     gint64      id,
                                     const char *tracking_number,
                                     gint64      updated_at);
int         pdd_fake_get_status     (PddFake    *self,
                                     gint64      id);
/* The list leaves the case out (a dropped item, as platforms warn). */
void        pdd_fake_set_hidden     (PddFake    *self,
                                     gint64      id,
                                     gboolean    hidden);
/* The next @n calls answer flow control. */
void        pdd_fake_inject_flow_control (PddFake *self,
                                          guint    n);
/* Accepted calls of @type; refused signatures; the last action's request
 * JSON ("request" parameter) and type. */
guint       pdd_fake_count          (PddFake    *self,
                                     const char *type);
guint       pdd_fake_bad_signs      (PddFake    *self);
char       *pdd_fake_last_action    (PddFake    *self,
                                     char      **out_type);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PddFake, pdd_fake_free)

G_END_DECLS
