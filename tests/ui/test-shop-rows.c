/* test-shop-rows.c: a JD shop in the accounts dialog. No hub adapter serves
 * JD (JD publishes no after-sales response shapes: tests/data/platforms/
 * README.md "JD"), so a real platform's hub lists a JD shop with
 * authorisation "unsupported": its row says so in the seller's language,
 * offers no 授权店铺 that could not work, and does not crash. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "ui/accounts/shou-account-rows.h"

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named (child, name)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_jd_unsupported (void)
{
  static const char *const expected[][2] = {
    { "zh_CN", "京东 · 未接入：服务器暂不能连接该平台，请在平台的商家后台处理" },
    { "zh_TW", "京東 · 未接入：伺服器暫不能連接該平台，請在平台的商家後台處理" },
  };
  g_autoptr(JsonObject) shop = json_object_new ();

  json_object_set_string_member (shop, "id", "jd-1");
  json_object_set_string_member (shop, "name", "京东测试店");
  json_object_set_string_member (shop, "platform", "jd");
  json_object_set_string_member (shop, "account_id", "acc-1");
  json_object_set_string_member (shop, "authorisation", "unsupported");
  g_assert_false (shou_account_shop_needs_authorisation (shop));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *row;

      g_setenv ("LANGUAGE", expected[i][0], TRUE);
      setlocale (LC_ALL, "");
      row = g_object_ref_sink (shou_account_shop_row_new (shop, TRUE));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, expected[i][1]);
      g_assert_null (find_named (row, "authorise_shop_button"));
      g_object_unref (row);
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SHOU_TEST_LOCALEDIR");

  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  /* g_dgettext() (the platform's label) decides once whether to translate
   * at all: in a Chinese session, as a seller's would be. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : SHOU_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/shop-rows/jd-unsupported", test_jd_unsupported);
  return g_test_run ();
}
