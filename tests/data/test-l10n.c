/* test-l10n.c: durations, dates, money, plurals and domain labels rendered
 * through the real .mo files the build produced, in zh_CN, zh_TW and the
 * English source. */
#include "config.h"

#include <locale.h>
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
