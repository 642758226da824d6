/* platform-fake.h: what the protocol-level platform fakes share: a libsoup
 * server on 127.0.0.1 in its own thread and main context (so that an
 * adapter's synchronous calls reach it from the test's thread), the
 * platform's cases, its tokens, calls counted per API, refused signatures,
 * injected flow control and the last action. Each platform's fake
 * (pdd-fake.c, taobao-fake.c) answers a decoded form with its own words. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64   id;
  int      type;        /* the platform's type code (or an index into its names) */
  int      status;      /* … its status code (or index) */
  char    *refund_yuan;
  gint64   created_at;
  gint64   updated_at;  /* unix seconds */
  char    *tracking;
  gboolean hidden;      /* left out of the list (a dropped item) */
  gint64   version;     /* the platform's version token, moved by every change */
} FakeCase;

typedef struct _PlatformFake PlatformFake;

/* Answers one call (under the fake's lock). */
typedef JsonObject *(*PlatformFakeServe) (PlatformFake *fake,
                                          GHashTable   *params);

struct _PlatformFake
{
  GMutex             lock;
  GThread           *thread;
  GMainContext      *context;
  GMainLoop         *loop;
  gpointer           server;
  char              *url;
  PlatformFakeServe  serve;
  char              *client_id;
  char              *secret;
  gint64             now;
  gint64             next_id;
  GHashTable        *cases;       /* id -> FakeCase */
  GHashTable        *tokens;      /* access token -> TRUE */
  GHashTable        *refresh;     /* refresh token -> TRUE */
  GHashTable        *counts;      /* API -> count */
  guint              flow_control;
  guint              bad_signs;
  guint              token_serial;
  char              *last_action;
  char              *last_type;
  GPtrArray         *actions;     /* every noted action, "type\ttext" */
};

PlatformFake *platform_fake_new          (const char        *path,
                                          const char        *client_id,
                                          const char        *client_secret,
                                          PlatformFakeServe  serve);
void          platform_fake_free         (PlatformFake *self);
/* http://127.0.0.1:PORT@path */
const char   *platform_fake_get_url      (PlatformFake *self);
void          platform_fake_set_now      (PlatformFake *self,
                                          gint64        unix_seconds);
void          platform_fake_add_token    (PlatformFake *self,
                                          const char   *access_token,
                                          const char   *refresh_token);
/* Every access and refresh token known so far stops working. */
void          platform_fake_expire_tokens (PlatformFake *self);
/* A new token pair, known from now on (under the lock). */
void          platform_fake_new_tokens   (PlatformFake *self,
                                          char        **out_access,
                                          char        **out_refresh);
/* A case (see each fake for @type and @status). Returns its id. */
gint64        platform_fake_add_case     (PlatformFake *self,
                                          int           type,
                                          int           status,
                                          const char   *refund_yuan,
                                          gint64        updated_at);
/* The buyer or the platform moves a case. */
void          platform_fake_set_status   (PlatformFake *self,
                                          gint64        id,
                                          int           status,
                                          gint64        updated_at);
void          platform_fake_set_tracking (PlatformFake *self,
                                          gint64        id,
                                          const char   *tracking_number,
                                          gint64        updated_at);
int           platform_fake_get_status   (PlatformFake *self,
                                          gint64        id);
void          platform_fake_set_hidden   (PlatformFake *self,
                                          gint64        id,
                                          gboolean      hidden);
/* The next @n calls answer flow control. */
void          platform_fake_inject_flow_control (PlatformFake *self,
                                                 guint         n);
/* Accepted calls of @type; refused signatures; the last action and its API. */
guint         platform_fake_count        (PlatformFake *self,
                                          const char   *type);
/* Accepted calls of every type. */
guint         platform_fake_count_all    (PlatformFake *self);
guint         platform_fake_bad_signs    (PlatformFake *self);
char         *platform_fake_last_action  (PlatformFake *self,
                                          char        **out_type);

/* The parameters of every accepted action of @type, oldest first. (transfer full) */
GStrv         platform_fake_actions      (PlatformFake *self,
                                          const char   *type);

/* For the platform fakes, under the lock: */
/* Counts an accepted call of @type. */
void          platform_fake_counted      (PlatformFake *self,
                                          const char   *type);
/* %TRUE (and one fewer to come) when flow control is to be answered. */
gboolean      platform_fake_take_flow_control (PlatformFake *self);
/* Remembers the action @type with its parameters @text. */
void          platform_fake_note_action  (PlatformFake *self,
                                          const char   *type,
                                          const char   *text);
/* Cases with @from <= updated_at <= @to not hidden, by time then id. */
GPtrArray    *platform_fake_window       (PlatformFake *self,
                                          gint64        from,
                                          gint64        to);
gint64        platform_fake_param_int    (GHashTable   *params,
                                          const char   *name,
                                          gint64        fallback);
FakeCase     *platform_fake_lookup       (PlatformFake *self,
                                          gint64        id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlatformFake, platform_fake_free)

G_END_DECLS
