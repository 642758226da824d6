/* test-core-profiles.c: every profile loads; corrupt ones name file and field */
#include "config.h"

#include "core-test-util.h"

static void
test_every_profile_loads (void)
{
  const char *env = g_getenv ("SHOU_PROFILES_DIR");
  g_autoptr(GFile) dir = g_file_new_for_path (env ? env : CORE_PROFILES_DIR);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);

  for (;;)
    {
      GFileInfo *info = NULL;
      g_autoptr(ShouProfile) profile = NULL;
      g_autoptr(GFile) file = NULL;
      const ShouDeadlineRule *rules;
      guint n_rules = 0;

      g_assert_true (g_file_enumerator_iterate (enumerator, &info, NULL, NULL, &error));
      if (info == NULL)
        break;
      if (!g_str_has_suffix (g_file_info_get_name (info), ".json"))
        continue;

      file = g_file_get_child (dir, g_file_info_get_name (info));
      profile = shou_profile_new_from_file (file, &error);
      g_assert_no_error (error);
      g_assert_nonnull (profile);
      n++;

      /* Every deadline carries the seed it comes from. */
      rules = shou_profile_get_deadlines (profile, &n_rules);
      g_assert_cmpuint (n_rules, >, 0);
      for (guint i = 0; i < n_rules; i++)
        {
          g_assert_nonnull (rules[i].seed);
          g_assert_cmpstr (rules[i].seed, !=, "");
          g_assert_true (rules[i].duration > 0 || rules[i].working_days > 0);
        }
      g_assert_cmpint (shou_profile_get_window (profile), >, 0);
      g_assert_cmpuint (shou_profile_get_evidence_max_count (profile), >, 0);
      g_assert_nonnull (shou_profile_get_evidence_types (profile)[0]);
    }

  g_assert_cmpuint (n, >=, 6);
  g_assert_cmpuint (shou_profiles_get_n_profiles (core_test_profiles ()), ==, n);
}

static void
test_current_and_versions (void)
{
  ShouProfiles *profiles = core_test_profiles ();
  ShouProfile *old;

  for (guint p = 0; p < SHOU_N_PLATFORMS; p++)
    {
      ShouProfile *profile = shou_profiles_get (profiles, p);

      g_assert_nonnull (profile);
      g_assert_cmpint (shou_profile_get_platform (profile), ==, p);
    }

  /* Seed 001 篇三: the older Taobao profile gave the seller 15 days. */
  old = shou_profiles_get_version (profiles, SHOU_PLATFORM_TAOBAO, "2019");
  g_assert_nonnull (old);
  g_assert_cmpstr (shou_profile_get_name (old), ==, "taobao-2019.json");
  g_assert_true (old != shou_profiles_get (profiles, SHOU_PLATFORM_TAOBAO));
  g_assert_null (shou_profiles_get_version (profiles, SHOU_PLATFORM_TAOBAO, "1999"));
}

/* Issue 23: what one platform call may carry (data/profiles/README.md). */
static void
test_batch_limits (void)
{
  ShouProfiles *profiles = core_test_profiles ();
  static const struct { ShouPlatform p; guint count; gint64 fen; } want[] = {
    { SHOU_PLATFORM_TAOBAO, 20, 600000 },
    { SHOU_PLATFORM_TMALL, 30, 1000000 },
    { SHOU_PLATFORM_PDD, 1, 0 },
    { SHOU_PLATFORM_DOUYIN, 1, 0 },
    { SHOU_PLATFORM_JD, 1, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      gint64 fen = -1;

      g_assert_cmpuint (shou_profile_get_agree_batch (shou_profiles_get (profiles, want[i].p), &fen), ==, want[i].count);
      g_assert_cmpint (fen, ==, want[i].fen);
    }
  g_assert_cmpuint (shou_profile_get_agree_batch (shou_profiles_get_version (profiles, SHOU_PLATFORM_TAOBAO, "2019"), NULL),
                    ==, 20);
}

static void
test_default_uses_env (void)
{
  ShouProfiles *def = shou_profiles_get_default ();

  g_assert_nonnull (def);
  g_assert_true (def == shou_profiles_get_default ());
  g_assert_nonnull (shou_profiles_get (def, SHOU_PLATFORM_PDD));
}

typedef struct
{
  const char *file;
  int         code;
  const char *field;   /* must appear in the message after the file name */
} CorruptCase;

static const CorruptCase corrupt_cases[] = {
  { "bad-lapse.json",              SHOU_PROFILE_ERROR_INVALID, "deadlines[2].on_lapse" },
  { "missing-seed.json",           SHOU_PROFILE_ERROR_MISSING, "deadlines[1].seed" },
  { "bad-duration.json",           SHOU_PROFILE_ERROR_INVALID, "deadlines[0].duration" },
  { "bad-status.json",             SHOU_PROFILE_ERROR_INVALID, "deadlines[3].status" },
  { "unknown-field.json",          SHOU_PROFILE_ERROR_INVALID, "deadline" },
  { "bad-type.json",               SHOU_PROFILE_ERROR_INVALID, "open_types.shipped[1]" },
  { "missing-window.json",         SHOU_PROFILE_ERROR_MISSING, "window" },
  { "bad-message-unit.json",       SHOU_PROFILE_ERROR_INVALID, "message.unit" },
  { "bad-evidence-type.json",      SHOU_PROFILE_ERROR_INVALID, "evidence.types[0]" },
  { "negative-count.json",         SHOU_PROFILE_ERROR_INVALID, "evidence.max_count" },
  { "bad-platform.json",           SHOU_PROFILE_ERROR_INVALID, "platform" },
  { "duplicate-reason.json",       SHOU_PROFILE_ERROR_INVALID, "reject_reasons[6].code" },
  { "bool-as-string.json",         SHOU_PROFILE_ERROR_INVALID, "reject_reasons[0].evidence_required" },
  { "wd-in-window.json",           SHOU_PROFILE_ERROR_INVALID, "window.duration" },
  { "duplicate-deadline.json",     SHOU_PROFILE_ERROR_INVALID, "deadlines[9].id" },
  { "bad-schema.json",             SHOU_PROFILE_ERROR_INVALID, "schema" },
  { "nego-required-no-rounds.json", SHOU_PROFILE_ERROR_INVALID, "negotiation.rounds" },
  { "batch-zero.json",             SHOU_PROFILE_ERROR_INVALID, "batch.agree_refund.max_count" },
  { "not-json.json",               SHOU_PROFILE_ERROR_PARSE,   "not valid JSON" },
  { "not-object.json",             SHOU_PROFILE_ERROR_PARSE,   "JSON object" },
};

static void
test_corrupt (gconstpointer data)
{
  const CorruptCase *c = data;
  g_autofree char *path = g_build_filename (CORE_TEST_DATADIR, c->file, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouProfile) profile = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s: %s", c->file, c->field);

  profile = shou_profile_new_from_file (file, &error);
  g_assert_null (profile);
  g_assert_error (error, SHOU_PROFILE_ERROR, c->code);
  if (c->code == SHOU_PROFILE_ERROR_PARSE)
    {
      g_assert_true (g_str_has_prefix (error->message, c->file));
      g_assert_nonnull (strstr (error->message, c->field));
    }
  else if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected \"%s…\", got \"%s\"", prefix, error->message);
}

static void
test_corrupt_dir_fails (void)
{
  g_autoptr(GFile) dir = g_file_new_for_path (CORE_TEST_DATADIR);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouProfiles) profiles = shou_profiles_load_dir (dir, &error);

  g_assert_null (profiles);
  g_assert_error (error, SHOU_PROFILE_ERROR, SHOU_PROFILE_ERROR_INVALID);
  /* Files load in name order: the first bad one is named. */
  g_assert_true (g_str_has_prefix (error->message, "bad-duration.json: "));
}

static void
test_missing_dir_fails (void)
{
  g_autoptr(GFile) dir = g_file_new_for_path ("/nonexistent/shouhou/profiles");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouProfiles) profiles = shou_profiles_load_dir (dir, &error);

  g_assert_null (profiles);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent/shouhou/profiles"));
}

static void
test_missing_platform_fails (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("shou-profiles-XXXXXX", NULL);
  g_autofree char *src = g_build_filename (CORE_PROFILES_DIR, "taobao.json", NULL);
  g_autofree char *dst = g_build_filename (tmp, "taobao.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) dir = g_file_new_for_path (tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouProfiles) profiles = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (dst, contents, len, NULL));

  profiles = shou_profiles_load_dir (dir, &error);
  g_assert_null (profiles);
  g_assert_error (error, SHOU_PROFILE_ERROR, SHOU_PROFILE_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "tmall.json: "));

  g_remove (dst);
  g_rmdir (tmp);
}

static void
test_name_mismatch_fails (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("shou-profiles-XXXXXX", NULL);
  g_autofree char *src = g_build_filename (CORE_PROFILES_DIR, "taobao.json", NULL);
  g_autofree char *dst = g_build_filename (tmp, "pdd.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) dir = g_file_new_for_path (tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouProfiles) profiles = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (dst, contents, len, NULL));

  profiles = shou_profiles_load_dir (dir, &error);
  g_assert_null (profiles);
  g_assert_error (error, SHOU_PROFILE_ERROR, SHOU_PROFILE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "pdd.json: platform: "));

  g_remove (dst);
  g_rmdir (tmp);
}

static void
test_reject_reasons (void)
{
  for (guint p = 0; p < SHOU_N_PLATFORMS; p++)
    {
      ShouProfile *profile = core_test_profile (p, NULL);
      const ShouRejectReason *reasons;
      guint n = 0;

      reasons = shou_profile_get_reject_reasons (profile, &n);
      g_assert_cmpuint (n, >, 0);
      for (guint i = 0; i < n; i++)
        {
          g_assert_true (g_utf8_validate (reasons[i].text, -1, NULL));
          g_assert_true (shou_profile_find_reject_reason (profile, reasons[i].code) == &reasons[i]);
        }
      g_assert_null (shou_profile_find_reject_reason (profile, "no-such-reason"));
    }
}

static void
test_every_rule_reachable (void)
{
  /* No deadline rule is dead data shadowed by an earlier one: for a request
   * matching it, the state machine reports it at some point in time. */
  ShouProfiles *profiles = core_test_profiles ();

  for (guint p = 0; p < shou_profiles_get_n_profiles (profiles); p++)
    {
      ShouProfile *profile = shou_profiles_get_nth (profiles, p);
      const ShouDeadlineRule *rules;
      guint n_rules = 0;

      rules = shou_profile_get_deadlines (profile, &n_rules);
      for (guint i = 0; i < n_rules; i++)
        {
          const ShouDeadlineRule *rule = &rules[i];
          ShouRequestState state = { 0 };
          gboolean seen = FALSE;

          /* Practice is marked as such (issue 24 items 12, 13, 15), so
           * that the desktop can say it is not a platform's stated rule. */
          if (rule->practice != (g_str_has_prefix (rule->seed, "practice") ||
                                 g_str_has_prefix (rule->seed, "not in the seeds")))
            g_error ("%s: %s: practice %d, seed \"%s\"", shou_profile_get_name (profile),
                     rule->id, rule->practice, rule->seed);

          state.platform = shou_profile_get_platform (profile);
          state.status = rule->status;
          state.order_state = rule->shipped == 0 ? SHOU_ORDER_PENDING_SHIPMENT
                            : rule->received == 1 ? SHOU_ORDER_COMPLETED : SHOU_ORDER_SHIPPED;
          state.cod = rule->cod == 1;
          state.opened_at = state.status_since = CORE_TEST_T0;
          state.paid_fen = state.amount_fen = 100;
          state.return_shipped = rule->status == SHOU_STATUS_WAIT_SELLER_RECEIPT;
          state.exchange_shipped = rule->status == SHOU_STATUS_WAIT_SELLER_SHIP &&
                                   rule->actor != SHOU_ACTOR_SELLER;
          if (rule->status == SHOU_STATUS_NEGOTIATING)
            state.nego_phase = SHOU_NEGO_ROUND1_DONE;

          /* Any request type the rule covers may be the one that reaches it
           * (an earlier rule may take the others). */
          for (guint type = 0; type < SHOU_N_REQUEST_TYPES && !seen; type++)
            {
              if (rule->types_mask != 0 && (rule->types_mask & (1u << type)) == 0)
                continue;
              state.type = type;
              for (gint64 t = CORE_TEST_T0; t < CORE_TEST_T0 + 40 * SHOU_USEC_PER_DAY && !seen;
                   t += SHOU_USEC_PER_HOUR)
                {
                  ShouEvaluation eval;

                  shou_rules_evaluate (profile, &state, t, &eval);
                  seen = g_strcmp0 (eval.deadline_rule_id, rule->id) == 0;
                }
            }
          if (!seen)
            g_error ("%s: deadlines[%u] (%s) is never used", shou_profile_get_name (profile), i, rule->id);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/profiles/every-profile-loads", test_every_profile_loads);
  g_test_add_func ("/core/profiles/current-and-versions", test_current_and_versions);
  g_test_add_func ("/core/profiles/default-uses-env", test_default_uses_env);
  g_test_add_func ("/core/profiles/batch-limits", test_batch_limits);
  g_test_add_func ("/core/profiles/reject-reasons", test_reject_reasons);
  g_test_add_func ("/core/profiles/every-rule-reachable", test_every_rule_reachable);
  for (guint i = 0; i < G_N_ELEMENTS (corrupt_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/profiles/corrupt/%s", corrupt_cases[i].file);
      g_test_add_data_func (path, &corrupt_cases[i], test_corrupt);
    }
  g_test_add_func ("/core/profiles/corrupt-dir-fails", test_corrupt_dir_fails);
  g_test_add_func ("/core/profiles/missing-dir-fails", test_missing_dir_fails);
  g_test_add_func ("/core/profiles/missing-platform-fails", test_missing_platform_fails);
  g_test_add_func ("/core/profiles/name-mismatch-fails", test_name_mismatch_fails);

  return g_test_run ();
}
