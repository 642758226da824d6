/* test-l10n.c: durations, dates, money, plurals and domain labels rendered
 * through the real .mo files the build produced, in zh_CN, zh_TW and the
 * English source. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib.h>
#include <glib/gi18n-lib.h>

#include "core/shou-core.h"

/* 2026-11-11 00:00:00 UTC: 08:00 in China Standard Time. */
#define NOW ((gint64) 1794355200 * SHOU_USEC_PER_SECOND)

typedef struct
{
  const char *language;
  const char *left_1d3h;
  const char *left_42min;
  const char *left_3h5min;
  const char *overdue_2h;
  const char *overdue_2d;
  const char *ago_1min;
  const char *ago_5min;
  const char *ago_3d;
  const char *just_now;
  const char *pdd;
  const char *wait_return;
  const char *pending_shipment;
  const char *return_refund;
} Expected;

static const Expected zh_cn = {
  "zh_CN",
  "剩余 1天3小时", "剩余 42分钟", "剩余 3小时5分钟", "已超时 2小时", "已超时 2天",
  "1分钟前", "5分钟前", "3天前", "刚刚",
  "拼多多", "待买家退货", "待发货", "退货退款",
};

static const Expected zh_tw = {
  "zh_TW",
  "剩餘 1天3小時", "剩餘 42分鐘", "剩餘 3小時5分鐘", "已逾時 2小時", "已逾時 2天",
  "1分鐘前", "5分鐘前", "3天前", "剛剛",
  "拼多多", "待買家退貨", "待出貨", "退貨退款",
};

static const Expected english = {
  NULL,
  "1 d 3 h left", "42 min left", "3 h 5 min left", "2 h overdue", "2 d overdue",
  "1 minute ago", "5 minutes ago", "3 days ago", "Just now",
  "Pinduoduo", "Waiting for the buyer's return", "Pending shipment", "Return and refund",
};

static void
use_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  /* Makes gettext drop the translations it cached for the previous language. */
  setlocale (LC_ALL, "");
}

static void
assert_owned (char       *got,
              const char *want)
{
  g_assert_cmpstr (got, ==, want);
  g_free (got);
}

static void
test_countdown (gconstpointer data)
{
  const Expected *e = data;

  use_language (e->language);
  assert_owned (shou_countdown_format (NOW + SHOU_USEC_PER_DAY + 3 * SHOU_USEC_PER_HOUR, NOW),
                e->left_1d3h);
  assert_owned (shou_countdown_format (NOW + 42 * SHOU_USEC_PER_MINUTE + 10 * SHOU_USEC_PER_SECOND, NOW),
                e->left_42min);
  assert_owned (shou_countdown_format (NOW + 3 * SHOU_USEC_PER_HOUR + 5 * SHOU_USEC_PER_MINUTE, NOW),
                e->left_3h5min);
  assert_owned (shou_countdown_format (NOW - 2 * SHOU_USEC_PER_HOUR, NOW), e->overdue_2h);
  assert_owned (shou_countdown_format (NOW - 2 * SHOU_USEC_PER_DAY, NOW), e->overdue_2d);
}

static void
test_relative_plural (gconstpointer data)
{
  const Expected *e = data;

  use_language (e->language);
  assert_owned (shou_time_format_relative (NOW - 10 * SHOU_USEC_PER_SECOND, NOW), e->just_now);
  assert_owned (shou_time_format_relative (NOW - SHOU_USEC_PER_MINUTE, NOW), e->ago_1min);
  assert_owned (shou_time_format_relative (NOW - 5 * SHOU_USEC_PER_MINUTE, NOW), e->ago_5min);
  assert_owned (shou_time_format_relative (NOW - 3 * SHOU_USEC_PER_DAY, NOW), e->ago_3d);
}

static void
test_money_and_date (gconstpointer data)
{
  const Expected *e = data;

  use_language (e->language);
  /* Same in every locale: sellers on these platforms write yuan as ¥12.30. */
  assert_owned (shou_money_format (1230), "¥12.30");
  assert_owned (shou_money_format (5), "¥0.05");
  assert_owned (shou_money_format (123456789), "¥1234567.89");
  /* The test runs with TZ=Asia/Shanghai: dates show in the seller's zone. */
  assert_owned (shou_time_format_local (NOW), "2026-11-11 08:00");
  assert_owned (shou_time_format_local (NOW + 16 * SHOU_USEC_PER_HOUR - SHOU_USEC_PER_MINUTE),
                "2026-11-11 23:59");
}

static void
test_labels (gconstpointer data)
{
  const Expected *e = data;

  use_language (e->language);
  g_assert_cmpstr (shou_platform_get_label (SHOU_PLATFORM_PDD), ==, e->pdd);
  g_assert_cmpstr (shou_status_get_label (SHOU_STATUS_WAIT_BUYER_RETURN), ==, e->wait_return);
  g_assert_cmpstr (shou_order_state_get_label (SHOU_ORDER_PENDING_SHIPMENT), ==, e->pending_shipment);
  g_assert_cmpstr (shou_request_type_get_label (SHOU_REQUEST_RETURN_REFUND), ==, e->return_refund);
}

/* Characters that exist in only one of the two scripts (as check-po.py). */
#define SIMPLIFIED_ONLY "货后单设线码账号务题认时间这为说请选择钮载发运长门们个动现开关机对图实类态额铺订卖买签据删输响网络页启显复记录联读写传见错误质与问适经检测销协损约"
#define TRADITIONAL_ONLY "貨後單設線碼帳號務題認時間這為說請選擇鈕載發運長門們個動現開關機對圖實類態額鋪訂賣買簽據刪輸響網絡頁啟顯複記錄聯讀寫傳見錯誤質與問適經檢測銷協損約"

static void
assert_script (const char *text,
               const char *language,
               const char *what)
{
  const char *other = g_str_equal (language, "zh_TW") ? SIMPLIFIED_ONLY : TRADITIONAL_ONLY;

  g_assert_nonnull (text);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      char ch[8] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (p), ch);
      if (g_utf8_get_char (p) >= 0x2e80 && strstr (other, ch) != NULL)
        g_error ("%s %s: “%s” has “%s” of the other script", language, what, text, ch);
    }
}

/* Item 12: a zh_TW seller reads buyer and rejection reasons in Traditional
 * Chinese, said from the reason code; the server's (Simplified) text only
 * for a code the app does not know. */
static void
test_reasons (gconstpointer data)
{
  const Expected *e = data;
  ShouProfiles *profiles = shou_profiles_get_default ();
  const char * const *buyer_codes = shou_buyer_reason_codes ();
  gboolean tw = g_strcmp0 (e->language, "zh_TW") == 0;

  use_language (e->language);
  g_assert_nonnull (profiles);
  g_assert_cmpuint (g_strv_length ((char **) buyer_codes), ==, 10);
  /* Every buyer reason the API names (API.md, test buyer "open") has a label. */
  {
    g_autofree char *api = NULL;
    const char *list;
    const char *end;
    g_autoptr(GRegex) tick = g_regex_new ("`([a-z0-9_]+)`", 0, 0, NULL);
    g_autoptr(GMatchInfo) info = NULL;
    g_autofree char *span = NULL;
    guint n = 0;

    g_assert_true (g_file_get_contents (g_getenv ("SHOU_API_MD"), &api, NULL, NULL));
    list = strstr (api, "reasons: `");
    g_assert_nonnull (list);
    end = strchr (list, ')');
    g_assert_nonnull (end);
    span = g_strndup (list, end - list);
    g_regex_match (tick, span, 0, &info);
    for (; g_match_info_matches (info); g_match_info_next (info, NULL), n++)
      {
        g_autofree char *code = g_match_info_fetch (info, 1);
        if (shou_buyer_reason_get_label (code) == NULL)
          g_error ("API.md buyer reason %s has no label", code);
      }
    g_assert_cmpuint (n, ==, 10);
  }
  for (guint i = 0; buyer_codes[i] != NULL; i++)
    {
      const char *label = shou_buyer_reason_get_label (buyer_codes[i]);

      g_assert_nonnull (label);
      if (e->language != NULL)
        assert_script (label, e->language, buyer_codes[i]);
    }
  for (guint i = 0; i < shou_profiles_get_n_profiles (profiles); i++)
    {
      ShouProfile *profile = shou_profiles_get_nth (profiles, i);
      const ShouRejectReason *reasons;
      guint n = 0;

      reasons = shou_profile_get_reject_reasons (profile, &n);
      g_assert_cmpuint (n, >, 0);
      for (guint r = 0; r < n; r++)
        {
          const char *label = shou_reject_reason_get_label (reasons[r].code);

          if (label == NULL)
            g_error ("reject reason %s of %s has no translation", reasons[r].code,
                     shou_platform_to_string (shou_profile_get_platform (profile)));
          if (e->language != NULL)
            assert_script (shou_reject_reason_text (reasons[r].code, reasons[r].text),
                           e->language, reasons[r].code);
        }
    }

  /* The simulator sends Simplified text with the code: the code wins. */
  if (tw)
    {
      g_assert_cmpstr (shou_buyer_reason_text ("size_mismatch", "尺码不合适"), ==, "尺碼不合適");
      g_assert_cmpstr (shou_buyer_reason_text ("quality_problem", "质量问题"), ==, "品質問題");
      g_assert_cmpstr (shou_reject_reason_text ("returned_damaged", "退回商品影响二次销售"), ==,
                       "退回商品影響二次銷售");
    }
  else if (e->language != NULL)
    g_assert_cmpstr (shou_buyer_reason_text ("size_mismatch", "尺码不合适"), ==, "尺码不合适");
  /* An unknown code: the server's text as it is. */
  g_assert_cmpstr (shou_buyer_reason_text ("zebra_reason", "斑马原因"), ==, "斑马原因");
  g_assert_null (shou_buyer_reason_text (NULL, NULL));
}

static void
add_tests (const char     *name,
           const Expected *e)
{
  g_autofree char *countdown = g_strdup_printf ("/l10n/%s/countdown", name);
  g_autofree char *relative = g_strdup_printf ("/l10n/%s/relative-plural", name);
  g_autofree char *money = g_strdup_printf ("/l10n/%s/money-and-date", name);
  g_autofree char *labels = g_strdup_printf ("/l10n/%s/labels", name);

  g_test_add_data_func (countdown, e, test_countdown);
  g_test_add_data_func (relative, e, test_relative_plural);
  g_test_add_data_func (money, e, test_money_and_date);
  g_test_add_data_func (labels, e, test_labels);
  {
    g_autofree char *reasons = g_strdup_printf ("/l10n/%s/reasons", name);
    g_test_add_data_func (reasons, e, test_reasons);
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SHOU_TEST_LOCALEDIR");

  /* No generated locales needed: LANGUAGE picks the catalogue over C.UTF-8. */
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_setenv ("LANG", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  add_tests ("zh_CN", &zh_cn);
  add_tests ("zh_TW", &zh_tw);
  add_tests ("en", &english);

  return g_test_run ();
}
