/* platform-test-fixture.h: what the adapter tests against a platform fake
 * share: a temporary directory with the token key, token store and
 * checkpoints, a real SQLite store with one merchant and shop, the fake,
 * the tests' clock (unix seconds, also the fake's) and a virtual pace
 * clock; pulling to the end, counting stored requests, acting on one. */
#pragma once

#include "hub/shou-hub-platform.h"
#include "hub/platforms/shou-platform-base.h"
#include "platform-fake.h"

G_BEGIN_DECLS

#define T0         G_GINT64_CONSTANT (1733558400)   /* 2024-12-07 08:00 UTC */
#define MERCHANT   "m1"

typedef struct
{
  char              *dir;
  char              *key;
  char              *tokens;
  char              *checkpoints;
  ShouHubStore      *store;
  PlatformFake      *fake;
  gpointer           platform;   /* the adapter under test (a ShouHubPlatform) */
  gint64             now;        /* unix seconds, the tests' and the fake's */
  gint64             mono;       /* the pace clock, microseconds */
  ShouPlatformClock  clock;
} Fixture;

/* The directory, the store with MERCHANT and @shop of @which, and @fake. */
void              fixture_open       (Fixture       *f,
                                      const char    *shop,
                                      ShouPlatform   which,
                                      const char    *shop_name,
                                      PlatformFake  *fake);
void              fixture_close      (Fixture       *f);
/* An adapter's options against the fake: its files, the tests' clocks, 500
 * windows a pull, first pull 3 days back. */
ShouPlatformOptions fixture_options  (Fixture       *f,
                                      const char    *client_id,
                                      const char    *secret);
/* UTC microseconds of the tests' clock (an adapter's now). */
gint64            fixture_now        (gpointer       data);
void              fixture_set_now    (Fixture       *f,
                                      gint64         now);
/* Pulls until a pull reads no window (bounded). */
void              fixture_pull_all   (Fixture       *f);
guint             fixture_count_requests (Fixture   *f);
gint64            fixture_checkpoint (Fixture       *f,
                                      const char    *key);
/* The stored request @prefix + @platform_id. (transfer full) */
ShouHubAftersale *fixture_stored     (Fixture       *f,
                                      const char    *prefix,
                                      gint64         platform_id);
/* Performs @event on it in a store transaction as the hub does; the failure. */
ShouHubFailure   *fixture_act        (Fixture       *f,
                                      const char    *prefix,
                                      gint64         platform_id,
                                      const ShouEvent *event,
                                      JsonObject    *params);
gboolean          fixture_has_string (JsonArray     *array,
                                      const char    *value);
JsonObject       *fixture_blocked    (JsonObject    *rendered,
                                      const char    *action);
/* The fake's last action was @type with @fragment in its parameters. */
void              fixture_assert_last_call (Fixture *f,
                                            const char *type,
                                            const char *fragment);
/* Whether a rendered request carries the risk @code. */
gboolean          fixture_has_risk   (JsonObject    *rendered,
                                      const char    *code);
/* The test's locale and the message catalogues (SHOU_TEST_LOCALEDIR). */
void              fixture_init_locale (void);

G_END_DECLS
