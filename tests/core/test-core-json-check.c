/* The strict JSON checker: what json-glib 1.6 would accept but a strict
 * server and a careful client refuse, in constant stack. */
#include "config.h"

#include <string.h>

#include "core/shou-json-check.h"
#include "core-test-util.h"

typedef struct
{
  const char *json;
  int         error;   /* -1: valid */
} Case;

static const Case cases[] = {
  { "{}", -1 },
  { " [ ] ", -1 },
  { "{\"a\": [1, -0, 0.5, 1e3, 2E-2, true, false, null, \"x\\n\\u00e9\\ud83d\\ude00\"]}", -1 },
  { "\"text\"", -1 },
  { "{\"a\": \"\\u0061\", \"b\": {\"a\": 1}}", -1 },
  { "", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{\"a\": 1 /* comment */}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "// comment\n{}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{'a': 1}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{\"a\": 'x'}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{\"a\": 0x1F}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{\"a\": 01}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{\"a\": +1}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{\"a\": .5}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{\"a\": 1.}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{\"a\": NaN}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{\"a\": Infinity}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "[1, 2,]", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{\"a\": 1,}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{a: 1}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{} {}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "[1] x", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{\"a\": \"tab\there\"}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{\"a\": \"\\x41\"}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{\"a\": tru}", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "[", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{\"a\"", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "\"open", SHOU_JSON_CHECK_ERROR_SYNTAX },
  { "{\"a\": \"\\u0000\"}", SHOU_JSON_CHECK_ERROR_ENCODING },
  { "\"\\udc00\"", SHOU_JSON_CHECK_ERROR_ENCODING },
  { "\"\\ud800x\"", SHOU_JSON_CHECK_ERROR_ENCODING },
  { "\"\xff\"", SHOU_JSON_CHECK_ERROR_ENCODING },
  { "{\"a\": 1, \"a\": 2}", SHOU_JSON_CHECK_ERROR_DUPLICATE },
  { "{\"a\": 1, \"\\u0061\": 2}", SHOU_JSON_CHECK_ERROR_DUPLICATE },
};

static void
test_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = shou_json_check (cases[i].json, strlen (cases[i].json), NULL, NULL, &error);

      g_autofree char *shown = g_strescape (cases[i].json, NULL);

      g_test_message ("%s", shown);
      if (cases[i].error < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, SHOU_JSON_CHECK_ERROR, cases[i].error);
        }
    }

  /* A NUL byte inside the given length is refused, not a terminator. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (shou_json_check ("{}\0{}", 5, NULL, NULL, &error));
    g_assert_error (error, SHOU_JSON_CHECK_ERROR, SHOU_JSON_CHECK_ERROR_ENCODING);
  }
}

/* 100,000 levels (json-glib's parser crashed the sync on this) and
 * 10 million: refused at the limit, in constant stack. */
static void
test_depth (void)
{
  for (guint n = 31; n <= 33; n++)
    {
      g_autoptr(GString) json = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < n; i++)
        g_string_append_c (json, '[');
      for (guint i = 0; i < n; i++)
        g_string_append_c (json, ']');
      if (n <= SHOU_JSON_MAX_DEPTH)
        g_assert_true (shou_json_check (json->str, json->len, NULL, NULL, &error));
      else
        {
          g_assert_false (shou_json_check (json->str, json->len, NULL, NULL, &error));
          g_assert_error (error, SHOU_JSON_CHECK_ERROR, SHOU_JSON_CHECK_ERROR_DEPTH);
        }
    }
  for (gsize n = 100000; n <= 10000000; n *= 100)
    {
      g_autofree char *deep = g_malloc (n);
      g_autoptr(GError) error = NULL;

      memset (deep, '[', n);
      g_assert_false (shou_json_check (deep, n, NULL, NULL, &error));
      g_assert_error (error, SHOU_JSON_CHECK_ERROR, SHOU_JSON_CHECK_ERROR_DEPTH);
    }
}

static void
test_count (void)
{
  const char *page = "{\"cursor\": \"c\", \"changes\": [{\"changes\": [1, 2, 3]}, [], 3], \"has_more\": true}";
  ShouJsonCheckLimits limits = { 0, FALSE, "changes", 3 };
  ShouJsonCheckLimits two = { 0, FALSE, "changes", 2 };
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_assert_true (shou_json_check (page, strlen (page), &limits, &count, &error));
  g_assert_cmpuint (count, ==, 3);
  g_assert_false (shou_json_check (page, strlen (page), &two, &count, &error));
  g_assert_error (error, SHOU_JSON_CHECK_ERROR, SHOU_JSON_CHECK_ERROR_TOO_MANY);
  g_clear_error (&error);
  g_assert_true (shou_json_check ("{\"changes\": []}", 15, &two, &count, NULL));
  g_assert_cmpuint (count, ==, 0);
  /* Allowed duplicates: only when asked. */
  limits.allow_duplicates = TRUE;
  g_assert_true (shou_json_check ("{\"a\": 1, \"a\": 2}", 16, &limits, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json-check/cases", test_cases);
  g_test_add_func ("/core/json-check/depth", test_depth);
  g_test_add_func ("/core/json-check/count", test_count);
  return g_test_run ();
}
