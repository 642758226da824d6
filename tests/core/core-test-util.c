/* core-test-util.c: shared helpers for the core tests */
#include "config.h"

#include "core-test-util.h"

static ShouProfiles *profiles;

static void
free_profiles (void)
{
  g_clear_pointer (&profiles, shou_profiles_free);
}

ShouProfiles *
core_test_profiles (void)
{
  if (profiles == NULL)
    {
      const char *env = g_getenv ("SHOU_PROFILES_DIR");
      g_autoptr(GFile) dir = g_file_new_for_path (env ? env : CORE_PROFILES_DIR);
      g_autoptr(GError) error = NULL;

      profiles = shou_profiles_load_dir (dir, &error);
      g_assert_no_error (error);
      g_assert_nonnull (profiles);
      atexit (free_profiles);
    }
  return profiles;
}

ShouProfile *
core_test_profile (ShouPlatform  platform,
                   const char   *version)
{
  ShouProfile *profile;

  if (version == NULL)
    profile = shou_profiles_get (core_test_profiles (), platform);
  else
    profile = shou_profiles_get_version (core_test_profiles (), platform, version);
  g_assert_nonnull (profile);
  return profile;
}

ShouEvent
core_test_event (const ShouProfile *profile,
                 ShouEventKind      kind)
{
  ShouEvent event = { 0 };
  const ShouRejectReason *reasons;
  guint n_reasons = 0;

  reasons = shou_profile_get_reject_reasons (profile, &n_reasons);
  event.kind = kind;
  switch (kind)
    {
    case SHOU_EVENT_AGREE_RETURN:
      event.address_id = "addr-1";
      break;
    case SHOU_EVENT_NEGOTIATE:
      event.text = "您好，商品支持换新，您看可以吗？";
      event.proposal = SHOU_PROPOSAL_EXCHANGE;
      event.n_evidence = 1;
      break;
    case SHOU_EVENT_REJECT:
    case SHOU_EVENT_REFUSE_RECEIPT:
      event.reason_code = reasons[0].code;
      event.text = "退回商品包装已拆且有明显使用痕迹";
      event.n_evidence = 1;
      break;
    case SHOU_EVENT_SHIP_EXCHANGE:
    case SHOU_EVENT_BUYER_SHIP_RETURN:
      event.carrier = "SF";
      event.tracking_no = "SF1234567890123";
      break;
    case SHOU_EVENT_UPLOAD_REFUND_PROOF:
    case SHOU_EVENT_APPEAL:
      event.n_evidence = 1;
      break;
    case SHOU_EVENT_MESSAGE:
      event.text = "您好，已为您处理。";
      break;
    case SHOU_EVENT_OPEN:
    case SHOU_EVENT_BUYER_REPLY:
    case SHOU_EVENT_BUYER_ACCEPT:
    case SHOU_EVENT_BUYER_CANCEL:
    case SHOU_EVENT_BUYER_ESCALATE:
    case SHOU_EVENT_BUYER_MODIFY:
    case SHOU_EVENT_BUYER_CONFIRM_EXCHANGE:
    case SHOU_EVENT_AGREE_REFUND:
    case SHOU_EVENT_CONFIRM_RECEIPT:
    case SHOU_EVENT_LOGISTICS_UPDATE:
    case SHOU_EVENT_LAPSE:
    case SHOU_EVENT_PLATFORM_REFUND:
    case SHOU_EVENT_PLATFORM_CLOSE:
    case SHOU_EVENT_INTERCEPT:
    case SHOU_EVENT_AWAIT_RETURN:
    case SHOU_N_EVENTS:
    default:
      break;
    }
  return event;
}

void
core_test_apply_ok (const ShouProfile *profile,
                    ShouRequestState  *state,
                    ShouEventKind      kind,
                    gint64             now)
{
  ShouEvent event = core_test_event (profile, kind);
  g_autoptr(GError) error = NULL;
  gint64 version = state->version;

  if (!shou_rules_apply (profile, state, &event, now, &error))
    g_error ("%s in %s: %s", shou_event_kind_to_string (kind),
             shou_status_to_string (state->status), error->message);
  g_assert_cmpint (state->version, ==, version + 1);
}
