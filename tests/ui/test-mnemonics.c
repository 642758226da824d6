/* test-mnemonics.c: no two controls of one dialog share a mnemonic (Alt+
 * letter), in English, zh_CN and zh_TW.
 *
 * Two checks, each run in a subprocess per language (gettext caches what it
 * found per process):
 * - every GtkBuilder template and menu in the resources (the .ui files): labels
 *   with use-underline inside one file, and the items of one menu;
 * - the real dialogs, built against a synced demo cache and walked widget by
 *   widget: the main window (every action button shown), the address book
 *   with several addresses, every action dialog, the negotiation, logistics,
 *   receipt-check and accounts dialogs. Only what can be on screen at once
 *   counts: the visible page of a stack; popovers have their own scope.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ui/accounts/shou-accounts-dialog.h"
#include "ui/evidence/shou-address-book.h"
#include "ui/evidence/shou-address-picker.h"
#include "ui/evidence/shou-logistics.h"
#include "ui/negotiation/shou-negotiation-dialog.h"
#include "ui/window/shou-pane-dialogs.h"
#include "ui/window/shou-action-dialogs.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

#define RESOURCE_ROOT "/io/github/shouhou/Shouhou"

/* ---- the mnemonic of a label text --------------------------------------- */

static gunichar
mnemonic_of (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p != '_')
        continue;
      if (p[1] == '_')
        {
          p++;
          continue;
        }
      if (p[1] == '\0')
        return 0;
      return g_unichar_tolower (g_utf8_get_char (p + 1));
    }
  return 0;
}

/* @seen: mnemonic → first text; appends "a / b" to @clashes on a repeat. */
static void
note (GHashTable *seen,
      GPtrArray  *clashes,
      const char *scope,
      gunichar    key,
      const char *text)
{
  const char *first;

  if (key == 0)
    return;
  first = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));
  if (first != NULL)
    g_ptr_array_add (clashes, g_strdup_printf ("%s: “%s” and “%s”", scope, first, text));
  else
    g_hash_table_insert (seen, GUINT_TO_POINTER (key), g_strdup (text));
}

static GHashTable *
seen_new (void)
{
  return g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
}

static void
report (GPtrArray *clashes)
{
  for (guint i = 0; i < clashes->len; i++)
    g_printerr ("duplicate mnemonic: %s\n", (char *) g_ptr_array_index (clashes, i));
  g_assert_cmpuint (clashes->len, ==, 0);
}

/* ---- templates and menus ------------------------------------------------ */

typedef struct
{
  const char *file;
  GPtrArray  *clashes;
  GHashTable *widgets;       /* one scope per file */
  GPtrArray  *menus;         /* stack of scopes, one per <menu>/<submenu> */
  GPtrArray  *objects;       /* stack: GPtrArray of (label text) + use-underline flag */
  GArray     *underline;     /* per object on the stack */
  char       *property;      /* name of the open <property>/<attribute> */
  gboolean    translatable;
  GString    *text;
} UiParse;

static void
ui_start (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  UiParse *ui = user_data;
  const char *name = NULL;
  const char *translatable = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "name"))
        name = values[i];
      else if (g_str_equal (names[i], "translatable"))
        translatable = values[i];
    }
  if (g_str_equal (element, "object") || g_str_equal (element, "template"))
    {
      gboolean no = FALSE;

      g_ptr_array_add (ui->objects, g_ptr_array_new_with_free_func (g_free));
      g_array_append_val (ui->underline, no);
    }
  else if (g_str_equal (element, "menu") || g_str_equal (element, "submenu"))
    g_ptr_array_add (ui->menus, seen_new ());
  else if (g_str_equal (element, "property") || g_str_equal (element, "attribute"))
    {
      g_free (ui->property);
      ui->property = g_strdup (name);
      ui->translatable = g_strcmp0 (translatable, "yes") == 0 || g_strcmp0 (translatable, "true") == 0;
      g_string_truncate (ui->text, 0);
    }
}

static void
ui_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 len,
         gpointer              user_data,
         GError              **error)
{
  UiParse *ui = user_data;

  if (ui->property != NULL)
    g_string_append_len (ui->text, text, len);
}

static void
ui_end (GMarkupParseContext  *context,
        const char           *element,
        gpointer              user_data,
        GError              **error)
{
  UiParse *ui = user_data;

  if (g_str_equal (element, "object") || g_str_equal (element, "template"))
    {
      GPtrArray *labels = g_ptr_array_steal_index (ui->objects, ui->objects->len - 1);
      gboolean underline = g_array_index (ui->underline, gboolean, ui->underline->len - 1);

      g_array_set_size (ui->underline, ui->underline->len - 1);
      for (guint i = 0; underline && i < labels->len; i++)
        note (ui->widgets, ui->clashes, ui->file, mnemonic_of (g_ptr_array_index (labels, i)),
              g_ptr_array_index (labels, i));
      g_ptr_array_unref (labels);
    }
  else if (g_str_equal (element, "menu") || g_str_equal (element, "submenu"))
    g_ptr_array_remove_index (ui->menus, ui->menus->len - 1);
  else if (g_str_equal (element, "property") && ui->property != NULL && ui->objects->len > 0)
    {
      GPtrArray *labels = g_ptr_array_index (ui->objects, ui->objects->len - 1);

      if (g_str_equal (ui->property, "use-underline") || g_str_equal (ui->property, "use_underline"))
        g_array_index (ui->underline, gboolean, ui->underline->len - 1) =
          g_ascii_strcasecmp (ui->text->str, "true") == 0 || g_str_equal (ui->text->str, "1") ||
          g_ascii_strcasecmp (ui->text->str, "yes") == 0;
      else if ((g_str_equal (ui->property, "label") || g_str_equal (ui->property, "title")) &&
               ui->translatable)
        g_ptr_array_add (labels, g_strdup (g_dgettext (GETTEXT_PACKAGE, ui->text->str)));
      g_clear_pointer (&ui->property, g_free);
    }
  else if (g_str_equal (element, "attribute") && ui->property != NULL)
    {
      /* Menu item labels always use underlines. */
      if (g_str_equal (ui->property, "label") && ui->menus->len > 0)
        {
          g_autofree char *scope = g_strdup_printf ("%s (menu)", ui->file);
          const char *text = ui->translatable ? g_dgettext (GETTEXT_PACKAGE, ui->text->str) : ui->text->str;

          note (g_ptr_array_index (ui->menus, ui->menus->len - 1), ui->clashes, scope,
                mnemonic_of (text), text);
        }
      g_clear_pointer (&ui->property, g_free);
    }
  else if (g_str_equal (element, "property") || g_str_equal (element, "attribute"))
    g_clear_pointer (&ui->property, g_free);
}

static void
check_ui_resource (const char *path,
                   GPtrArray  *clashes,
                   guint      *n_files)
{
  g_auto(GStrv) children = g_resources_enumerate_children (path, 0, NULL);

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      g_autofree char *child = g_strconcat (path, "/", children[i], NULL);

      if (g_str_has_suffix (children[i], "/"))
        {
          child[strlen (child) - 1] = '\0';
          check_ui_resource (child, clashes, n_files);
        }
      else if (g_str_has_suffix (children[i], ".ui"))
        {
          static const GMarkupParser parser = { ui_start, ui_end, ui_text, NULL, NULL };
          g_autoptr(GBytes) bytes = g_resources_lookup_data (child, 0, NULL);
          g_autoptr(GMarkupParseContext) context = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(GHashTable) widgets = seen_new ();
          g_autoptr(GPtrArray) menus = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
          g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
          g_autoptr(GArray) underline = g_array_new (FALSE, FALSE, sizeof (gboolean));
          g_autoptr(GString) text = g_string_new (NULL);
          UiParse ui = { child, clashes, widgets, menus, objects, underline, NULL, FALSE, text };

          g_assert_nonnull (bytes);
          context = g_markup_parse_context_new (&parser, 0, &ui, NULL);
          g_assert_true (g_markup_parse_context_parse (context, g_bytes_get_data (bytes, NULL),
                                                       g_bytes_get_size (bytes), &error));
          g_assert_no_error (error);
          g_free (ui.property);
          (*n_files)++;
        }
    }
}

static void
test_mnemonics_templates_subprocess (void)
{
  g_autoptr(GPtrArray) clashes = g_ptr_array_new_with_free_func (g_free);
  guint n_files = 0;

  check_ui_resource (RESOURCE_ROOT, clashes, &n_files);
  g_test_message ("%u templates", n_files);
  g_assert_cmpuint (n_files, >=, 10);
  report (clashes);
}

/* ---- real dialogs -------------------------------------------------------- */

static void
walk (GtkWidget  *widget,
      GtkWidget  *root,
      GHashTable *seen,
      GPtrArray  *clashes,
      const char *scope)
{
  if (widget != root && GTK_IS_NATIVE (widget))
    return;
  /* Hidden widgets have no mnemonic (AdwMessageDialog keeps a second,
   * hidden row of response buttons for narrow windows). */
  if (!gtk_widget_get_visible (widget))
    return;
  /* A revealer hides what it may show at any time; other parents (the
   * message dialog's layout) hide what is never shown with the rest. */
  if (!gtk_widget_get_child_visible (widget) &&
      (gtk_widget_get_parent (widget) == NULL || !GTK_IS_REVEALER (gtk_widget_get_parent (widget))))
    return;

  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)) &&
      gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol)
    note (seen, clashes, scope, gdk_keyval_to_unicode (gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)))),
          gtk_label_get_label (GTK_LABEL (widget)));

  /* Other pages of a stack are not on screen together with this one. */
  if (GTK_IS_STACK (widget))
    {
      GtkWidget *child = gtk_stack_get_visible_child (GTK_STACK (widget));

      if (child != NULL)
        walk (child, root, seen, clashes, scope);
      return;
    }
  if (ADW_IS_VIEW_STACK (widget))
    {
      GtkWidget *child = adw_view_stack_get_visible_child (ADW_VIEW_STACK (widget));

      if (child != NULL)
        walk (child, root, seen, clashes, scope);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, root, seen, clashes, scope);
}

static gboolean
mapped_cb (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

static void
check_window (GtkWindow  *window,
              const char *scope,
              GPtrArray  *clashes)
{
  g_autoptr(GHashTable) seen = seen_new ();

  g_assert_nonnull (window);
  gtk_window_present (window);
  g_assert_true (shou_test_wait_until (mapped_cb, window, 5000));
  shou_test_iterate (100);
  walk (GTK_WIDGET (window), GTK_WIDGET (window), seen, clashes, scope);
  g_test_message ("%s: %u mnemonics", scope, g_hash_table_size (seen));
}

static char *
find_request (ShouStore  *store,
              const char *action,
              const char *platform)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);
  guint n;

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(JsonObject) request = shou_store_get_request (store, shou_request_item_get_id (item), NULL);
      JsonArray *allowed;

      if (request == NULL || !json_object_has_member (request, "allowed_actions"))
        continue;
      if (platform != NULL && g_strcmp0 (json_object_get_string_member_with_default (request, "platform", ""), platform) != 0)
        continue;
      allowed = json_object_get_array_member (request, "allowed_actions");
      for (guint j = 0; j < json_array_get_length (allowed); j++)
        if (g_strcmp0 (json_array_get_string_element (allowed, j), action) == 0)
          return g_strdup (shou_request_item_get_id (item));
    }
  return NULL;
}

typedef AdwMessageDialog *(*DialogNew) (ShouDetailPane *pane);

static void
test_mnemonics_dialogs_subprocess (void)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  ShouTestSim *sim = shou_test_sim_new_demo (dir, 7);
  g_autoptr(ShouStore) store = shou_test_store_new_connected (dir, sim);
  g_autoptr(ShouSyncEngine) engine = shou_sync_engine_new (store);
  g_autoptr(GPtrArray) clashes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *refund_id = NULL;
  g_autofree char *reject_id = NULL;
  g_autofree char *shop_id = NULL;
  g_autoptr(JsonObject) request = NULL;
  static const struct { const char *scope; DialogNew dialog_new; } dialogs[] = {
    { "agree refund", shou_agree_refund_dialog_new },
    { "agree return", shou_agree_return_dialog_new },
    { "confirm receipt", shou_confirm_receipt_dialog_new },
    { "refuse receipt", shou_refuse_receipt_dialog_new },
    { "reply", shou_reply_dialog_new },
    { "refund proof", shou_refund_proof_dialog_new },
    { "evidence for the platform", shou_add_evidence_dialog_new },
  };
  ShouWindow *window;
  ShouDetailPane *pane;
  GtkWindow *dialog;
  GtkWidget *bar;

  g_assert_true (shou_test_sync (engine, 30000));
  refund_id = find_request (store, "agree_return", NULL);
  reject_id = find_request (store, "negotiate", "pdd");
  g_assert_nonnull (refund_id);
  request = shou_store_get_request (store, refund_id, NULL);
  shop_id = g_strdup (json_object_get_string_member (request, "shop_id"));

  /* The main window, with every action button shown. */
  window = g_object_ref_sink (shou_window_new (NULL, store, engine));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  pane = shou_window_get_detail_pane (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (shou_test_wait_until (mapped_cb, window, 5000));
  shou_window_open_request (window, refund_id);
  bar = gtk_widget_get_parent (gtk_widget_get_parent (shou_detail_pane_get_action_button (pane, "reply")));
  for (GtkWidget *child = gtk_widget_get_first_child (bar); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_visible (child, TRUE);
      gtk_widget_set_visible (gtk_widget_get_first_child (child), TRUE);
    }
  check_window (GTK_WINDOW (window), "main window", clashes);

  /* Action dialogs. */
  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    {
      dialog = GTK_WINDOW (dialogs[i].dialog_new (pane));
      check_window (dialog, dialogs[i].scope, clashes);
      shou_test_close_window (dialog);
    }

  /* The address book with several addresses that are not the default:
   * a button repeated on every row must not carry a mnemonic. */
  {
    g_autoptr(JsonObject) address = json_object_new ();
    g_autofree char *address_id = NULL;

    json_object_set_string_member (address, "name", "王售后");
    json_object_set_string_member (address, "phone", "13800138000");
    json_object_set_string_member (address, "province", "浙江省");
    json_object_set_string_member (address, "city", "杭州市");
    json_object_set_string_member (address, "district", "余杭区");
    json_object_set_string_member (address, "street", "文一西路969号 3号楼 售后组");
    json_object_set_string_member (address, "postcode", "311121");
    json_object_set_boolean_member (address, "is_default", FALSE);
    address_id = shou_store_save_address (store, shop_id, address, NULL);
    g_assert_nonnull (address_id);
  }
  dialog = shou_address_book_new (GTK_WINDOW (window), store, shop_id);
  check_window (dialog, "address book", clashes);
  shou_test_close_window (dialog);

  if (reject_id != NULL)
    {
      dialog = GTK_WINDOW (shou_negotiation_dialog_new (GTK_WINDOW (window), store, reject_id));
      check_window (dialog, "negotiation", clashes);
      shou_test_close_window (dialog);
    }
  dialog = shou_logistics_dialog_new (GTK_WINDOW (window), store, refund_id);
  check_window (dialog, "logistics", clashes);
  shou_test_close_window (dialog);
  dialog = shou_receipt_check_dialog_new (GTK_WINDOW (window), store, refund_id);
  check_window (dialog, "receipt check", clashes);
  shou_test_close_window (dialog);
  dialog = shou_accounts_dialog_new (GTK_WINDOW (window), store);
  check_window (dialog, "accounts", clashes);
  shou_test_close_window (dialog);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  shou_test_iterate (50);
  shou_sync_engine_stop (engine);
  g_clear_object (&engine);
  g_clear_object (&store);
  shou_test_sim_free (sim);
  shou_test_rm_rf (dir);

  report (clashes);
}

static void
run_in_languages (gconstpointer data)
{
  const char *path = data;
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  const char *languages[] = { "en", "zh_CN", "zh_TW" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_test_message ("LANGUAGE=%s", languages[i]);
      g_setenv ("LANGUAGE", languages[i], TRUE);
      g_test_trap_subprocess (path, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
    }

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

int
main (int   argc,
      char *argv[])
{
  /* No accessibility bus needed here (the e2e tests read through AT-SPI);
   * a shared session's bus socket may come and go under parallel runs. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  shou_test_ui_init (&argc, &argv);

  g_test_add_data_func ("/mnemonics/templates", "/mnemonics/templates/subprocess", run_in_languages);
  g_test_add_func ("/mnemonics/templates/subprocess", test_mnemonics_templates_subprocess);
  g_test_add_data_func ("/mnemonics/dialogs", "/mnemonics/dialogs/subprocess", run_in_languages);
  g_test_add_func ("/mnemonics/dialogs/subprocess", test_mnemonics_dialogs_subprocess);

  return g_test_run ();
}
