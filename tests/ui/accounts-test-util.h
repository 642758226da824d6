/* accounts-test-util.h: what test-accounts.c and test-accounts-trust.c
 * share: the fixture, the accounts dialog, small local servers,
 * translations.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>
#include "sim/shou-sim-server.h"
#include "store/shou-store.h"
#include "store/shou-store-accounts.h"
#include "sync/shou-secrets.h"
#include "sync/shou-api-client.h"
#include "sync/shou-sync-engine.h"
#include "ui/accounts/shou-account-rows.h"
#include "ui/accounts/shou-accounts.h"
#include "ui/accounts/shou-accounts-dialog.h"
#include "ui/accounts/shou-welcome-page.h"
#include "ui/accounts/shou-account-status.h"
#include "ui/window/shou-window.h"
#include "ui/shou-resources.h"

#define GOOD_TOKEN  "tok-accounts-good-0001"

#define OTHER_TOKEN "tok-accounts-other-0002"

/* A self-signed certificate for 127.0.0.1 that no system trusts. */
static const char untrusted_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkDCCATagAwIBAgIUZEHGhq5x+1Nma647fWMHB4jNu7gwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyMjAxNDEzN1oYDzIxMjYxMDI5\n"
  "MDE0MTM3WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAARoHw3Xkna2XHFdO3npHWvUEPlWtLk5D1Y47KMgHyCOAfBC2AFci48j\n"
  "vqlHLFSLPmhf2I9tPF8unm8BlIYIAxaPo2QwYjAdBgNVHQ4EFgQUAfDAg1bgz5+D\n"
  "w7m7xBS1N0GAG7QwHwYDVR0jBBgwFoAUAfDAg1bgz5+Dw7m7xBS1N0GAG7QwDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n"
  "IQCsyoUbygKHsyktJYpJ/KViWLIwh07Af4eZpLbpBrxlYQIgMDQWq0fhfR11F6Ay\n"
  "+oNSkh6mUJBImQutWqXYgB9LyCg=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg1TKEcxc53+J+OAb5\n"
  "qVnZh/fLfrkrPP2Fis8c0k118YShRANCAARoHw3Xkna2XHFdO3npHWvUEPlWtLk5\n"
  "D1Y47KMgHyCOAfBC2AFci48jvqlHLFSLPmhf2I9tPF8unm8BlIYIAxaP\n"
  "-----END PRIVATE KEY-----\n";

typedef struct
{
  char          *tmpdir;
  ShouStore     *store;
  ShouSimServer *sim;
  char          *url;
} Fixture;

/* Iterates until @cond holds; fails after 10 s so no test can hang. */
#define WAIT_FOR(cond) G_STMT_START {                                    \
    gint64 _deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;   \
    guint _tick = g_timeout_add (10, tick_cb, NULL);                    \
    while (!(cond))                                                     \
      {                                                                 \
        if (g_get_monotonic_time () > _deadline)                        \
          g_error ("Timed out waiting for %s", #cond);                  \
        g_main_context_iteration (NULL, TRUE);                          \
      }                                                                 \
    g_source_remove (_tick);                                            \
  } G_STMT_END

gboolean tick_cb (gpointer user_data);
void drain_events (void);
void fixture_setup (Fixture       *fixture,
                    gconstpointer  data);
void remove_tree (const char *path);
void fixture_teardown (Fixture       *fixture,
                       gconstpointer  data);
GtkWidget *child (gpointer    widget,
                  GType       type,
                  const char *name);
ShouAccountsDialog *open_dialog (Fixture *fixture);
void close_dialog (ShouAccountsDialog *dialog);
void test_connection (ShouAccountsDialog *dialog,
                      const char         *url,
                      const char         *token);
const char *shown_error (ShouAccountsDialog *dialog);
GPtrArray *group_rows (GtkWidget *group);
guint count_accounts (ShouStore *store);
guint closed_port (void);
void web_page_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data);
SoupServer *start_local_server (gboolean  tls,
                                char    **url);
const char *test_localedir (void);
gboolean run_in_language (const char *language);
AdwMessageDialog *find_message_dialog (void);
