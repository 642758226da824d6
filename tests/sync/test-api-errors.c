/* test-api-errors: every error the remote API can answer (src/sim/API.md),
 * and local keyring and network failures, reach a zh_CN or zh_TW seller as
 * translated text: none of the server's English words, none of D-Bus's.
 *
 * A SoupServer on 127.0.0.1 answers each code with a real HTTP response and
 * an English message; the real client reads it, through the real .mo files of
 * the build. */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "core/shou-core.h"
#include "sync/shou-api-client.h"
#include "sync/shou-api-errors.h"
#include "sync/shou-secrets.h"

/* What a server says for developers: words that must never reach the screen. */
#define SERVER_MESSAGE "Zebra quux: the request changed (version 2, you saw 1)"

typedef struct
{
  guint       status;
  const char *code;
  const char *reason_member;  /* "reason" or "detail" */
  const char *reason;
} Answer;

static GPtrArray *answers;     /* (element-type Answer) owned strings leak-free: static */
static SoupServer *server;
static char *base_url;

static void
add_answer (guint       status,
            const char *code,
            const char *member,
            const char *reason)
{
  Answer *a = g_new0 (Answer, 1);

  a->status = status;
  a->code = g_intern_string (code);
  a->reason_member = member;
  a->reason = reason ? g_intern_string (reason) : NULL;
  g_ptr_array_add (answers, a);
}

static void
on_request (SoupServer        *srv,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  guint64 index = 0;
  Answer *a;
  g_autoptr(GString) body = g_string_new (NULL);

  if (!g_str_has_prefix (path, "/v1/e/") ||
      !g_ascii_string_to_unsigned (path + 6, 10, 0, answers->len - 1, &index, NULL))
    {
      soup_server_message_set_status (msg, 500, NULL);
      return;
    }
  a = g_ptr_array_index (answers, index);
  g_string_append_printf (body, "{\"error\": {\"code\": \"%s\", \"message\": \"%s\"",
                          a->code, SERVER_MESSAGE);
  if (a->reason != NULL)
    g_string_append_printf (body, ", \"%s\": \"%s\"", a->reason_member, a->reason);
  if (g_str_equal (a->code, "bad_request"))
    g_string_append (body, ", \"field\": \"params.tracking_no\"");
  if (g_str_equal (a->code, "version_conflict"))
    g_string_append (body, ", \"current_version\": 2");
  g_string_append (body, "}}");
  soup_server_message_set_status (msg, a->status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body->str, body->len);
}

/* Every code, every not_allowed reason and every bad_request detail that
 * API.md lists; the test fails when API.md names one this list lacks. */
static void
fill_answers (void)
{
  static const struct { guint status; const char *code; } codes[] = {
    { 400, "bad_json" }, { 400, "bad_request" }, { 401, "unauthorized" }, { 403, "forbidden" },
    { 404, "not_found" }, { 405, "method_not_allowed" }, { 409, "version_conflict" }, { 409, "claimed" },
    { 413, "too_large" }, { 415, "unsupported_type" }, { 422, "not_allowed" },
    { 422, "idempotency_mismatch" }, { 422, "too_many" }, { 422, "verification_code_required" },
    /* A hub's answers about the platform behind it (src/hub/API.md). */
    { 503, "platform_session_expired" }, { 503, "platform_busy" }, { 502, "platform_unavailable" },
    { 422, "platform_refused" },
    { 500, "internal" },
    { 503, "unavailable" },
    /* Unknown to this client: still no English. */
    { 429, "quota_exceeded" }, { 422, "zebra_rule" },
  };
  static const char * const details[] = {
    "missing_field", "empty", "wrong_type", "unknown_field", "negative_amount",
    "amount_overflow", "overflow", "out_of_range", "unknown_action", "unknown_reason",
    "unknown_proposal", "unknown_address", "unknown_evidence", "unknown_carrier",
    "invalid_tracking_no", "invalid_carrier_name", "invalid_phone", "invalid_postcode", "invalid_division_code", "too_long", "too_short",
    "sensitive_word", "invalid_text", "unknown_kind", "unknown_platform", "unknown_type",
    "unknown_state", "unknown_line", "bad_cursor", "bad_key", "too_many",
    "amount_out_of_range", "conflicting_fields", "unknown_profile_version", "unknown_order",
    "unknown_aftersale", "zebra_detail",
  };
  static const char * const extra_reasons[] = {
    "address_in_use", "already_open", "not_returned", "over_action_cap", "over_day_cap", "zebra_reason",
    /* 授权店铺 (POST /v1/shops/{id}/authorisation) */
    "no_code", "code_invalid", "code_expired", "no_redirect_uri", "no_authorisation",
    /* A parcel with the "other" carrier where the platform has no code for it. */
    "other_carrier_not_offered",
  };

  answers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    add_answer (codes[i].status, codes[i].code, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    add_answer (400, "bad_request", "detail", details[i]);
  for (guint r = SHOU_REASON_NONE + 1; r < SHOU_N_REASONS; r++)
    add_answer (422, "not_allowed", "reason", shou_reason_to_string (r));
  for (guint i = 0; i < G_N_ELEMENTS (extra_reasons); i++)
    add_answer (422, "not_allowed", "reason", extra_reasons[i]);
}

static gboolean
answers_have (const char *code,
              const char *reason)
{
  for (guint i = 0; i < answers->len; i++)
    {
      Answer *a = g_ptr_array_index (answers, i);
      if (g_str_equal (a->code, code) && (reason == NULL || g_strcmp0 (a->reason, reason) == 0))
        return TRUE;
    }
  return FALSE;
}

/* API.md's error table and detail list: every code in backticks. */
static void
test_api_md_covered (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHOU_TEST_SRCDIR"), "..", "src", "sim",
                                            "API.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GRegex) row = g_regex_new ("^  \\| [0-9]{3} \\| `([a-z_]+)`(?:, `([a-z_]+)`)?", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GRegex) tick = g_regex_new ("`([a-z_]+)`", 0, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;
  const char *details_start;
  const char *details_end;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_regex_match (row, text, 0, &info);
  for (; g_match_info_matches (info); g_match_info_next (info, NULL), n++)
    for (int group = 1; group <= 2; group++)
      {
        g_autofree char *code = g_match_info_fetch (info, group);
        if (code != NULL && *code != '\0' && !answers_have (code, NULL))
          g_error ("API.md error code %s is not tested", code);
      }
  g_assert_cmpuint (n, >=, 12);

  details_start = strstr (text, "`detail` values for 400");
  g_assert_nonnull (details_start);
  details_end = strstr (details_start, "\n- ");
  g_assert_nonnull (details_end);
  {
    g_autofree char *list = g_strndup (details_start, details_end - details_start);
    g_autoptr(GMatchInfo) d = NULL;

    g_regex_match (tick, list, 0, &d);
    for (; g_match_info_matches (d); g_match_info_next (d, NULL))
      {
        g_autofree char *detail = g_match_info_fetch (d, 1);
        if (!g_str_equal (detail, "detail") && !g_str_equal (detail, "bad_request") &&
            !answers_have ("bad_request", detail))
          g_error ("API.md detail %s is not tested", detail);
      }
  }
}

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
}

/* Chinese, and none of the server's or D-Bus's words. "API" and "HTTP" are
 * what Chinese software says too. */
static void
assert_chinese (const char *text,
                const char *forbidden_source,
                const char *what)
{
  g_auto(GStrv) words = g_regex_split_simple ("[^A-Za-z]+", forbidden_source, 0, 0);
  g_autoptr(GRegex) ascii_word = g_regex_new ("[A-Za-z]{2,}", 0, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;
  gboolean has_han = FALSE;

  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      has_han = TRUE;
  if (!has_han)
    g_error ("%s: not translated: %s", what, text);
  for (guint i = 0; words[i] != NULL; i++)
    if (strlen (words[i]) >= 2 && strstr (text, words[i]) != NULL)
      g_error ("%s: “%s” shows the server's word “%s”", what, text, words[i]);
  g_regex_match (ascii_word, text, 0, &info);
  for (; g_match_info_matches (info); g_match_info_next (info, NULL))
    {
      g_autofree char *word = g_match_info_fetch (info, 0);
      if (!g_str_equal (word, "API") && !g_str_equal (word, "HTTP"))
        g_error ("%s: “%s” has the English word “%s”", what, text, word);
    }
}

static void
on_json_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(JsonObject) object = shou_api_client_get_json_finish (SHOU_API_CLIENT (source), result, error);

  g_assert_null (object);
  g_assert_nonnull (*error);
}

static GError *
fetch_error (ShouApiClient *client,
             const char    *path)
{
  GError *error = NULL;

  shou_api_client_get_json_async (client, path, NULL, on_json_done, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  return error;
}

static void
test_server_codes (gconstpointer data)
{
  const char *language = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouApiClient) client = shou_api_client_new (base_url, "test-token-0123", &error);

  g_assert_no_error (error);
  use_language (language);
  for (guint i = 0; i < answers->len; i++)
    {
      Answer *a = g_ptr_array_index (answers, i);
      g_autofree char *path = g_strdup_printf ("/v1/e/%u", i);
      g_autofree char *what = g_strdup_printf ("%s %u %s %s", language, a->status, a->code,
                                               a->reason ? a->reason : "");
      g_autoptr(GError) got = fetch_error (client, path);
      g_autofree char *described = NULL;

      g_assert_true (got->domain == SHOU_API_ERROR);
      /* The code stays for the store (conflicts keep codes, not text). */
      g_assert_cmpstr (shou_api_error_get_code (got), ==, a->code);
      g_assert_cmpstr (shou_api_error_get_reason (got), ==, a->reason);
      /* What every dialog and toast shows: the error's message. */
      assert_chinese (got->message, SERVER_MESSAGE, what);
      /* What the detail pane shows for a stored conflict: from its codes. */
      described = shou_api_error_describe (a->code, a->reason);
      assert_chinese (described, SERVER_MESSAGE, what);
      g_free (described);
      described = shou_api_error_describe_error (got);
      assert_chinese (described, SERVER_MESSAGE, what);
      /* An outbox entry's last error is stored as a code and said later. */
      g_free (described);
      described = shou_api_error_describe_attempt (shou_api_error_code_for (got));
      assert_chinese (described, SERVER_MESSAGE, what);
    }
  {
    /* Caches written before codes were stored hold the server's text. */
    g_autofree char *old = shou_api_error_describe_attempt (SERVER_MESSAGE);
    assert_chinese (old, SERVER_MESSAGE, "stored English");
  }
}

/* A core reason reads as core's own message, the one the action bar's
 * tooltip shows. */
static void
test_reason_matches_core (void)
{
  use_language ("zh_CN");
  for (guint r = SHOU_REASON_NONE + 1; r < SHOU_N_REASONS; r++)
    {
      g_autofree char *text = shou_api_error_describe ("not_allowed", shou_reason_to_string (r));
      g_assert_cmpstr (text, ==, shou_reason_get_message (r));
    }
  {
    g_autofree char *conflict = shou_api_error_describe ("version_conflict", NULL);
    g_assert_cmpstr (conflict, ==, "售后单在平台上已有变化。请查看后重新选择。");
  }
}

/* Nothing listens on the port: the reason is said in Chinese, not in
 * GLib's or libsoup's words. */
static void
test_unreachable (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouApiClient) client = NULL;
  g_autoptr(GError) got = NULL;
  g_autofree char *url = NULL;

  /* A port bound but not listening refuses connections. */
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  client = shou_api_client_new (url, "test-token-0123", &error);
  g_assert_no_error (error);

  use_language ("zh_CN");
  got = fetch_error (client, "/v1/shops");
  g_assert_true (g_error_matches (got, SHOU_API_ERROR, SHOU_API_ERROR_NETWORK));
  assert_chinese (got->message, "Could not connect Connection refused", "unreachable");
  {
    g_autofree char *attempt = shou_api_error_describe_attempt (shou_api_error_code_for (got));
    assert_chinese (attempt, "Could not connect Connection refused", "unreachable, stored");
  }
}

/* Under dbus-run-session there is no Secret Service: libsecret fails with
 * D-Bus's English ("The name org.freedesktop.secrets was not provided…").
 * The seller reads a Chinese summary. */
static void
test_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *shown = NULL;

  g_unsetenv ("SHOUHOU_SECRET_BACKEND");
  use_language ("zh_CN");
  if (shou_secrets_clear_token ("test-api-errors-account", &error))
    {
      g_test_skip ("a keyring answers on this bus");
      return;
    }
  g_assert_nonnull (error);
  assert_chinese (error->message, "The name org freedesktop secrets was not provided by any service files",
                  "clear token");
  /* As the accounts dialog shows it. */
  shown = g_strdup_printf (_("The account was removed, but its token could not be deleted from the keyring: %s"),
                           error->message);
  assert_chinese (shown, "The name org freedesktop secrets was not provided by any service files",
                  "accounts dialog");
  g_clear_error (&error);

  token = shou_secrets_lookup_token ("test-api-errors-account", &error);
  g_assert_null (token);
  if (error != NULL)
    assert_chinese (error->message, "The name org freedesktop secrets was not provided by any service files",
                    "lookup token");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  const char *localedir = g_getenv ("SHOU_TEST_LOCALEDIR");
  int ret;

  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_setenv ("LANG", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  fill_answers ();
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, "/v1", on_request, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));

  g_test_add_func ("/api-errors/api-md-covered", test_api_md_covered);
  g_test_add_data_func ("/api-errors/zh_CN/server-codes", "zh_CN", test_server_codes);
  g_test_add_data_func ("/api-errors/zh_TW/server-codes", "zh_TW", test_server_codes);
  g_test_add_func ("/api-errors/reason-matches-core", test_reason_matches_core);
  g_test_add_func ("/api-errors/unreachable", test_unreachable);
  g_test_add_func ("/api-errors/keyring", test_keyring);
  ret = g_test_run ();

  g_clear_object (&server);
  g_clear_pointer (&answers, g_ptr_array_unref);
  g_free (base_url);
  return ret;
}
