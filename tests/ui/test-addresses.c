/* test-addresses.c: the return address book and picker against a real
 * store: validation as the seller types, create / edit / set default /
 * delete, offline queueing, an address in use by a queued action, and the
 * book opened from the main window's menu with the 省/市/区 picker, whose
 * region code survives a restart. */
#include "evidence-sim.h"

#include "ui/evidence/shou-address-book.h"
#include "ui/evidence/shou-address-picker.h"
#include "ui/evidence/shou-division-picker.h"
#include "ui/window/shou-window.h"

static JsonObject *
address_json (const char *name,
              const char *phone,
              const char *postcode,
              gboolean    is_default)
{
  JsonObject *a = json_object_new ();

  json_object_set_string_member (a, "name", name);
  json_object_set_string_member (a, "phone", phone);
  json_object_set_string_member (a, "province", "浙江省");
  json_object_set_string_member (a, "city", "杭州市");
  json_object_set_string_member (a, "district", "余杭区");
  json_object_set_string_member (a, "street", "文一西路969号 3号楼 售后组");
  json_object_set_string_member (a, "postcode", postcode);
  json_object_set_boolean_member (a, "is_default", is_default);
  return a;
}

static ShouAddressBook *
open_book (EvFixture *f)
{
  ShouAddressBook *book = SHOU_ADDRESS_BOOK (shou_address_book_new (NULL, f->store, EV_SHOP_ID));

  gtk_window_present (GTK_WINDOW (book));
  return book;
}

static const struct { const char *phone; gboolean ok; } phones[] = {
  { "13800138000", TRUE },
  { "+86 13800138000", TRUE },
  { "19912345678", TRUE },
  { "010-12345678", TRUE },
  { "0571-88886666", TRUE },
  { "12800138000", FALSE },   /* no mainland mobile starts 12 */
  { "1380013800", FALSE },    /* 10 digits */
  { "138001380001", FALSE },  /* 12 digits */
  { "abcdefghijk", FALSE },
  { "010-123", FALSE },       /* landline too short */
};

static const struct { const char *postcode; gboolean ok; } postcodes[] = {
  { "310000", TRUE },
  { "100000", TRUE },
  { "", TRUE },               /* optional */
  { "31000", FALSE },
  { "3100000", FALSE },
  { "31000a", FALSE },
};

static void
test_form_validation (EvFixture     *f,
                      gconstpointer  data)
{
  ShouAddressBook *book = open_book (f);

  shou_address_book_edit (book, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autoptr(JsonObject) a = address_json ("张三", phones[i].phone, "310000", FALSE);

      shou_address_book_fill_form (book, a);
      if (phones[i].ok)
        g_assert_null (shou_address_book_get_form_error (book));
      else
        {
          g_test_message ("%s: %s", phones[i].phone, shou_address_book_get_form_error (book));
          g_assert_nonnull (shou_address_book_get_form_error (book));
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (postcodes); i++)
    {
      g_autoptr(JsonObject) a = address_json ("张三", "13800138000", postcodes[i].postcode, FALSE);

      shou_address_book_fill_form (book, a);
      if (postcodes[i].ok)
        g_assert_null (shou_address_book_get_form_error (book));
      else
        g_assert_nonnull (shou_address_book_get_form_error (book));
    }

  /* A bad form is not saved: the message stays, nothing is queued. */
  {
    g_autoptr(JsonObject) bad = address_json ("张三", "12345", "310000", TRUE);
    g_autoptr(GPtrArray) list = NULL;

    shou_address_book_fill_form (book, bad);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (book), "book.save", NULL));
    g_assert_nonnull (shou_address_book_get_form_error (book));
    list = shou_store_list_addresses (f->store, EV_SHOP_ID);
    g_assert_cmpuint (list->len, ==, 0);
    g_assert_cmpuint (shou_store_count_pending (f->store), ==, 0);
  }
  /* Required fields are named when saving. */
  {
    g_autoptr(JsonObject) missing = address_json ("", "13800138000", "310000", TRUE);

    shou_address_book_fill_form (book, missing);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (book), "book.save", NULL));
    g_assert_nonnull (shou_address_book_get_form_error (book));
  }
  gtk_window_destroy (GTK_WINDOW (book));
}

static const char *
default_id (EvFixture *f,
            guint     *n_defaults)
{
  static char id[128];
  g_autoptr(GPtrArray) list = shou_store_list_addresses (f->store, EV_SHOP_ID);

  *n_defaults = 0;
  id[0] = '\0';
  for (guint i = 0; i < list->len; i++)
    if (json_object_get_boolean_member_with_default (g_ptr_array_index (list, i), "is_default", FALSE))
      {
        (*n_defaults)++;
        g_strlcpy (id, json_object_get_string_member (g_ptr_array_index (list, i), "id"), sizeof id);
      }
  return id;
}

static void
save_via_form (ShouAddressBook *book,
               JsonObject      *address)
{
  shou_address_book_fill_form (book, address);
  g_assert_null (shou_address_book_get_form_error (book));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (book), "book.save", NULL));
  g_assert_null (shou_address_book_get_form_error (book));
  g_assert_cmpstr (shou_address_book_get_last_message (book), ==, _("Address saved"));
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label_or_tooltip,
             const char *address_id)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (g_object_get_data (G_OBJECT (root), "address-id"), address_id) == 0 &&
      (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label_or_tooltip) == 0 ||
       g_strcmp0 (gtk_widget_get_tooltip_text (root), label_or_tooltip) == 0))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label_or_tooltip, address_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
find_message_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        {
          *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_book_crud (EvFixture     *f,
                gconstpointer  data)
{
  ShouAddressBook *book = open_book (f);
  g_autoptr(JsonObject) first = address_json ("王小明", "13800138000", "311100", TRUE);
  g_autoptr(JsonObject) second = address_json ("李仓库", "0571-88886666", "310000", FALSE);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  AdwMessageDialog *dialog = NULL;
  GtkWidget *button;
  guint n_defaults;

  g_assert_cmpuint (shou_address_book_get_n_addresses (book), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (book), "book.add", NULL));
  save_via_form (book, first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (book), "book.add", NULL));
  save_via_form (book, second);
  g_assert_cmpuint (shou_address_book_get_n_addresses (book), ==, 2);
  /* Offline: both are queued for the API and listed at once. */
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 2);
  first_id = g_strdup (default_id (f, &n_defaults));
  g_assert_cmpuint (n_defaults, ==, 1);

  list = shou_store_list_addresses (f->store, EV_SHOP_ID);
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (json_object_get_string_member (g_ptr_array_index (list, i), "id"), first_id) != 0)
      second_id = g_strdup (json_object_get_string_member (g_ptr_array_index (list, i), "id"));
  g_assert_nonnull (second_id);
  g_assert_nonnull (ev_find_label (GTK_WIDGET (book), "王小明"));
  g_assert_nonnull (ev_find_label (GTK_WIDGET (book), "0571-88886666"));
  ev_screenshot (GTK_WIDGET (book), "zh_CN-address-book.png");

  /* Set default: exactly one default afterwards. */
  button = find_button (GTK_WIDGET (book), _("Set as Default"), second_id);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (default_id (f, &n_defaults), ==, second_id);
  g_assert_cmpuint (n_defaults, ==, 1);

  /* Edit: the form opens with the values; a change is saved. */
  shou_address_book_edit (book, first_id);
  {
    g_autoptr(JsonObject) edited = address_json ("王小明", "13900139000", "311100", FALSE);

    save_via_form (book, edited);
  }
  g_clear_pointer (&list, g_ptr_array_unref);
  list = shou_store_list_addresses (f->store, EV_SHOP_ID);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (json_object_get_string_member (g_ptr_array_index (list, i), "id"), first_id) == 0)
      g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (list, i), "phone"), ==,
                       "13900139000");

  /* Delete asks first; cancel keeps it, delete removes it. */
  button = find_button (GTK_WIDGET (book), _("Delete"), first_id);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (ev_wait (find_message_dialog, &dialog, 2000));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (shou_address_book_get_n_addresses (book), ==, 2);

  dialog = NULL;
  button = find_button (GTK_WIDGET (book), _("Delete"), first_id);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (ev_wait (find_message_dialog, &dialog, 2000));
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (shou_address_book_get_n_addresses (book), ==, 1);
  g_assert_cmpstr (shou_address_book_get_last_message (book), ==, _("Address deleted"));

  gtk_window_destroy (GTK_WINDOW (book));
}

static void
test_picker_default (EvFixture     *f,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) a = address_json ("甲", "13800138000", "310000", FALSE);
  g_autoptr(JsonObject) b = address_json ("乙", "13900139000", "310000", TRUE);
  g_autoptr(JsonObject) c = address_json ("丙", "13700137000", "310000", FALSE);
  g_autofree char *id_a = shou_store_save_address (f->store, EV_SHOP_ID, a, NULL);
  g_autofree char *id_b = shou_store_save_address (f->store, EV_SHOP_ID, b, NULL);
  g_autofree char *id_c = shou_store_save_address (f->store, EV_SHOP_ID, c, NULL);
  GtkWidget *window = adw_window_new ();
  GtkWidget *picker = shou_address_picker_new (f->store, EV_SHOP_ID);
  GtkDropDown *dropdown;
  GListModel *model;

  g_assert_nonnull (id_a);
  g_assert_nonnull (id_b);
  g_assert_nonnull (id_c);
  adw_window_set_content (ADW_WINDOW (window), picker);
  gtk_window_present (GTK_WINDOW (window));

  /* Agreeing a return: the default is chosen without a click. */
  g_assert_cmpstr (shou_address_picker_get_selected_id (SHOU_ADDRESS_PICKER (picker)), ==, id_b);

  /* Another address in one step. */
  dropdown = GTK_DROP_DOWN (ev_find_type (picker, GTK_TYPE_DROP_DOWN));
  model = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GtkStringObject) s = g_list_model_get_item (model, i);

      if (strstr (gtk_string_object_get_string (s), "丙") != NULL)
        gtk_drop_down_set_selected (dropdown, i);
    }
  g_assert_cmpstr (shou_address_picker_get_selected_id (SHOU_ADDRESS_PICKER (picker)), ==, id_c);

  /* A store change keeps the seller's choice. */
  {
    g_autoptr(JsonObject) d = address_json ("丁", "13600136000", "310000", FALSE);
    g_autofree char *id_d = shou_store_save_address (f->store, EV_SHOP_ID, d, NULL);

    g_assert_nonnull (id_d);
  }
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 4);
  g_assert_cmpstr (shou_address_picker_get_selected_id (SHOU_ADDRESS_PICKER (picker)), ==, id_c);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- the book from the main menu, with the 省/市/区 picker ---------------- */

typedef gboolean (*Match) (GtkWidget *widget, const char *text);

/* Depth first: the first widget under @root that @match accepts. */
static GtkWidget *
find_widget (GtkWidget  *root,
             Match       match,
             const char *text)
{
  if (match (root, text))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, match, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_named (GtkWidget  *widget,
          const char *name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* A label whose text is exactly @text (with its mnemonic underline). */
static gboolean
is_label (GtkWidget  *widget,
          const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_menu_button (GtkWidget  *widget,
                const char *icon_name)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), icon_name) == 0;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  return find_widget (root, is_named, name);
}

static gboolean
find_book (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (SHOU_IS_ADDRESS_BOOK (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *(ShouAddressBook **) data = SHOU_ADDRESS_BOOK (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* Chooses the item shown as @text in the picker's row @row_name, as the
 * seller does in its list. */
static void
choose (GtkWidget  *book,
        const char *row_name,
        const char *text)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_named (book, row_name));
  GListModel *model;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  model = adw_combo_row_get_model (row);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), text) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_error ("no “%s” in %s", text, row_name);
}

static gboolean
form_on_screen (gpointer data)
{
  GtkWidget *row = find_named (data, "district-row");
  GtkStack *stack = GTK_STACK (ev_find_type (data, GTK_TYPE_STACK));

  return row != NULL && gtk_widget_get_mapped (row) && gtk_widget_get_width (row) > 0 &&
         !gtk_stack_get_transition_running (stack);
}

/* Before a screenshot: the form page shown, its transition over. */
static void
wait_form (GtkWidget *book)
{
  g_assert_true (ev_wait (form_on_screen, book, 5000));
}

static const char *
shown (GtkWidget  *book,
       const char *row_name)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_named (book, row_name));
  GObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}

static JsonObject *
stored (ShouStore  *store,
        const char *name)
{
  g_autoptr(GPtrArray) list = shou_store_list_addresses (store, EV_SHOP_ID);

  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_strcmp0 (json_object_get_string_member (g_ptr_array_index (list, i), "name"), name) == 0)
      return json_object_ref (g_ptr_array_index (list, i));
  return NULL;
}

static void
test_menu_and_region (EvFixture     *f,
                      gconstpointer  data)
{
  ShouWindow *window = g_object_ref_sink (shou_window_new (NULL, f->store, NULL));
  GtkWidget *menu_button;
  GtkPopover *popover;
  GtkWidget *item;
  ShouAddressBook *book = NULL;
  g_autoptr(JsonObject) typed = address_json ("孙南山", "0755-86013388", "518057", TRUE);
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(JsonObject) old = NULL;
  g_autofree char *old_id = NULL;

  gtk_window_present (GTK_WINDOW (window));

  /* The primary menu has 退货地址 with its mnemonic; choosing it opens the book. */
  menu_button = find_widget (GTK_WIDGET (window), is_menu_button, "open-menu-symbolic");
  g_assert_nonnull (menu_button);
  /* F10 opens it from the keyboard, then T chooses the entry */
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (menu_button)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  item = find_widget (GTK_WIDGET (popover), is_label, _("Re_turn Addresses"));
  g_assert_nonnull (item);
  g_assert_true (strstr (_("Re_turn Addresses"), "_") != NULL);
  while (item != NULL && !g_type_is_a (G_OBJECT_TYPE (item), g_type_from_name ("GtkModelButton")))
    item = gtk_widget_get_parent (item);
  g_assert_nonnull (item);
  g_signal_emit_by_name (item, "clicked");
  g_assert_true (ev_wait (find_book, &book, 3000));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (book)) == GTK_WINDOW (window));
  g_assert_cmpstr (shou_address_book_get_shop_id (book), ==, EV_SHOP_ID);

  /* A new address: 广东省 → 深圳市 → 南山区 in the picker. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (book), "book.add", NULL));
  json_object_remove_member (typed, "province");
  json_object_remove_member (typed, "city");
  json_object_remove_member (typed, "district");
  shou_address_book_fill_form (book, typed);
  g_assert_false (gtk_widget_get_sensitive (find_named (GTK_WIDGET (book), "city-row")));
  /* Saving without a region names what is missing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (book), "book.save", NULL));
  g_assert_cmpstr (shou_address_book_get_form_error (book), ==, _("Choose the province, city and district."));
  choose (GTK_WIDGET (book), "province-row", "广东省");
  choose (GTK_WIDGET (book), "city-row", "深圳市");
  choose (GTK_WIDGET (book), "district-row", "南山区");
  wait_form (GTK_WIDGET (book));
  ev_screenshot (GTK_WIDGET (book), "zh_CN-address-region-picker.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (book), "book.save", NULL));
  g_assert_null (shou_address_book_get_form_error (book));
  g_assert_cmpstr (shou_address_book_get_last_message (book), ==, _("Address saved"));
  g_assert_nonnull (ev_find_label (GTK_WIDGET (book), "广东省深圳市南山区"));

  /* An address saved before codes, in words the table does not know. */
  old = address_json ("钱旧址", "13800138000", "310000", FALSE);
  json_object_set_string_member (old, "province", "火星省");
  old_id = shou_store_save_address (f->store, EV_SHOP_ID, old, NULL);
  g_assert_nonnull (old_id);
  gtk_window_destroy (GTK_WINDOW (book));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&window);
  ev_spin (50);

  /* Restart the store: the code is still there, beside the text. */
  g_assert_finalize_object (f->store);
  f->store = NULL;
  ev_open_store (f);
  saved = stored (f->store, "孙南山");
  g_assert_nonnull (saved);
  g_assert_cmpstr (json_object_get_string_member (saved, "division_code"), ==, "440305");
  g_assert_cmpstr (json_object_get_string_member (saved, "province"), ==, "广东省");
  g_assert_cmpstr (json_object_get_string_member (saved, "city"), ==, "深圳市");
  g_assert_cmpstr (json_object_get_string_member (saved, "district"), ==, "南山区");
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 2);

  /* Editing it shows the chosen region; the old one keeps its words. */
  book = SHOU_ADDRESS_BOOK (shou_address_book_new_any_shop (NULL, f->store, NULL));
  g_assert_nonnull (book);
  gtk_window_present (GTK_WINDOW (book));
  shou_address_book_edit (book, json_object_get_string_member (saved, "id"));
  g_assert_cmpstr (shown (GTK_WIDGET (book), "province-row"), ==, "广东省");
  g_assert_cmpstr (shown (GTK_WIDGET (book), "city-row"), ==, "深圳市");
  g_assert_cmpstr (shown (GTK_WIDGET (book), "district-row"), ==, "南山区");
  wait_form (GTK_WIDGET (book));
  ev_screenshot (GTK_WIDGET (book), "zh_CN-address-region-edit.png");

  shou_address_book_edit (book, old_id);
  g_assert_cmpstr (shown (GTK_WIDGET (book), "province-row"), ==, _("Choose…"));
  g_assert_nonnull (ev_find_label (GTK_WIDGET (book), "火星省杭州市余杭区"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (book), "book.save", NULL));
  g_assert_null (shou_address_book_get_form_error (book));
  g_clear_pointer (&old, json_object_unref);
  old = stored (f->store, "钱旧址");
  g_assert_cmpstr (json_object_get_string_member (old, "province"), ==, "火星省");
  g_assert_cmpstr (json_object_get_string_member (old, "division_code"), ==, "");
  gtk_window_destroy (GTK_WINDOW (book));
}

static gboolean
is_result (GtkWidget  *widget,
           const char *needle)
{
  GtkWidget *label = GTK_IS_LIST_BOX_ROW (widget) ? gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (widget)) : NULL;

  return GTK_IS_LABEL (label) && strstr (gtk_label_get_label (GTK_LABEL (label)), needle) != NULL;
}

static gboolean
results_shown (gpointer data)
{
  GtkWidget *popover = ev_find_type (data, GTK_TYPE_POPOVER);

  return popover != NULL && gtk_widget_get_mapped (popover);
}

/* Typing part of a district's name fills 省, 市 and 区 at once. */
static void
test_region_search (EvFixture     *f,
                    gconstpointer  data)
{
  ShouAddressBook *book = open_book (f);
  GtkWidget *search = NULL;
  GtkWidget *result;
  ShouDivisionPicker *picker;

  shou_address_book_edit (book, NULL);
  wait_form (GTK_WIDGET (book));
  search = find_named (GTK_WIDGET (book), "region-search-row");
  picker = SHOU_DIVISION_PICKER (ev_find_type (GTK_WIDGET (book), SHOU_TYPE_DIVISION_PICKER));
  g_assert_nonnull (search);

  /* 南山区 is in 鹤岗 and in 深圳: the seller picks 深圳's from the list. */
  gtk_widget_grab_focus (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "南山");
  g_assert_true (ev_wait (results_shown, search, 3000));
  /* the list does not take the keyboard: typing goes on in the search */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (book)), search));
  g_assert_nonnull (find_widget (search, is_result, "黑龙江省 鹤岗市 南山区"));
  result = find_widget (search, is_result, "广东省 深圳市 南山区");
  g_assert_nonnull (result);
  ev_screenshot (GTK_WIDGET (book), "zh_CN-address-region-search.png");
  ev_screenshot (ev_find_type (search, GTK_TYPE_POPOVER), "zh_CN-address-region-results.png");
  g_signal_emit_by_name (gtk_widget_get_parent (result), "row-activated", result);
  g_assert_cmpstr (shou_division_picker_get_code (picker), ==, "440305");
  g_assert_cmpstr (shown (GTK_WIDGET (book), "province-row"), ==, "广东省");
  g_assert_cmpstr (shown (GTK_WIDGET (book), "city-row"), ==, "深圳市");
  g_assert_cmpstr (shown (GTK_WIDGET (book), "district-row"), ==, "南山区");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  g_assert_false (results_shown (search));

  /* Enter takes the first match. */
  gtk_editable_set_text (GTK_EDITABLE (search), "义乌");
  g_assert_true (ev_wait (results_shown, search, 3000));
  g_signal_emit_by_name (search, "entry-activated");
  g_assert_cmpstr (shou_division_picker_get_code (picker), ==, "330782");
  g_assert_cmpstr (shown (GTK_WIDGET (book), "city-row"), ==, "金华市");

  /* Nothing found: no list, the choice stays. */
  gtk_editable_set_text (GTK_EDITABLE (search), "火星");
  ev_spin (50);
  g_assert_false (results_shown (search));
  g_signal_emit_by_name (search, "entry-activated");
  g_assert_cmpstr (shou_division_picker_get_code (picker), ==, "330782");
  gtk_window_destroy (GTK_WINDOW (book));
}

/* An address written as text only finds its region in the table. */
static void
test_region_from_text (EvFixture     *f,
                       gconstpointer  data)
{
  ShouAddressBook *book = open_book (f);
  g_autoptr(JsonObject) a = address_json ("周文一", "13800138000", "311100", TRUE);
  g_autoptr(JsonObject) back = NULL;

  shou_address_book_edit (book, NULL);
  save_via_form (book, a);
  back = stored (f->store, "周文一");
  g_assert_cmpstr (json_object_get_string_member (back, "division_code"), ==, "330110");
  g_assert_cmpstr (json_object_get_string_member (back, "district"), ==, "余杭区");
  gtk_window_destroy (GTK_WINDOW (book));
}

static void
test_address_in_use (EvFixture     *f,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) request = ev_request_json (g_get_real_time ());
  g_autoptr(JsonObject) address = address_json ("王小明", "13800138000", "310000", TRUE);
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonArray) allowed = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *id = NULL;
  gboolean deleted;

  /* A return waiting for the seller to agree. */
  json_object_set_string_member (request, "id", "as-ev-2");
  json_object_set_string_member (request, "status", "wait_seller");
  json_array_add_string_element (allowed, "agree_return");
  json_object_set_array_member (request, "allowed_actions", json_array_ref (allowed));
  json_object_remove_member (request, "return_shipment");
  g_assert_true (shou_store_apply_aftersale (f->store, f->account_id, request, &error));
  g_assert_no_error (error);

  id = shou_store_save_address (f->store, EV_SHOP_ID, address, &error);
  g_assert_no_error (error);
  json_object_set_string_member (params, "address_id", id);
  g_assert_true (shou_store_enqueue_action (f->store, "as-ev-2", SHOU_ACTION_AGREE_RETURN,
                                            params, 3, &error));
  g_assert_no_error (error);

  /* The queued agree_return names the address: it must not vanish. */
  deleted = shou_store_delete_address (f->store, EV_SHOP_ID, id, &error);
  list = shou_store_list_addresses (f->store, EV_SHOP_ID);
  g_assert_false (deleted);
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  g_assert_cmpuint (list->len, ==, 1);
}

static JsonObject *
server_find (EvSim      *s,
             const char *shop_id,
             const char *name,
             guint      *n_defaults)
{
  g_autofree char *path = g_strdup_printf ("/v1/shops/%s/return-addresses", shop_id);
  g_autoptr(JsonObject) reply = ev_http (s, "GET", path, NULL);
  JsonArray *list = json_object_get_array_member (reply, "addresses");
  JsonObject *found = NULL;

  *n_defaults = 0;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *a = json_array_get_object_element (list, i);

      if (json_object_get_boolean_member_with_default (a, "deleted", FALSE))
        continue;
      if (json_object_get_boolean_member_with_default (a, "is_default", FALSE))
        (*n_defaults)++;
      if (g_strcmp0 (json_object_get_string_member (a, "name"), name) == 0)
        found = json_object_ref (a);
    }
  return found;
}

static char *
local_id (ShouStore  *store,
          const char *shop_id,
          const char *name)
{
  g_autoptr(GPtrArray) list = shou_store_list_addresses (store, shop_id);

  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (json_object_get_string_member (g_ptr_array_index (list, i), "name"), name) == 0)
      return g_strdup (json_object_get_string_member (g_ptr_array_index (list, i), "id"));
  return NULL;
}

static void
test_sim_roundtrip (EvSim         *s,
                    gconstpointer  data)
{
  g_autofree char *shop_id = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) address = address_json ("赵售后", "13512345678", "518000", TRUE);
  g_autoptr(JsonObject) on_server = NULL;
  ShouAddressBook *book;
  AdwMessageDialog *dialog = NULL;
  GtkWidget *button;
  guint n_defaults = 0;

  g_assert_true (ev_sync (s));
  shop_id = ev_sim_find_shop (s, SHOU_PLATFORM_JD);
  g_assert_nonnull (shop_id);
  /* The demo's addresses reached the cache through the change feed with
   * their region codes (余杭区, 义乌市). */
  {
    g_autoptr(GPtrArray) synced = shou_store_list_addresses (s->store, shop_id);

    g_assert_cmpuint (synced->len, ==, 2);
    for (guint i = 0; i < synced->len; i++)
      {
        const char *code = json_object_get_string_member_with_default (g_ptr_array_index (synced, i),
                                                                       "division_code", "");

        g_assert_true (g_str_equal (code, "330110") || g_str_equal (code, "330782"));
      }
  }
  book = SHOU_ADDRESS_BOOK (shou_address_book_new (NULL, s->store, shop_id));
  gtk_window_present (GTK_WINDOW (book));

  /* Create as the new default. */
  shou_address_book_edit (book, NULL);
  save_via_form (book, address);
  g_assert_true (ev_sync (s));
  on_server = server_find (s, shop_id, "赵售后", &n_defaults);
  g_assert_nonnull (on_server);
  g_assert_true (json_object_get_boolean_member (on_server, "is_default"));
  g_assert_cmpuint (n_defaults, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (on_server, "postcode"), ==, "518000");
  /* the region code found for 浙江省杭州市余杭区 reached the server */
  g_assert_cmpstr (json_object_get_string_member (on_server, "division_code"), ==, "330110");
  /* The local row now carries the server's id. */
  id = local_id (s->store, shop_id, "赵售后");
  g_assert_cmpstr (id, ==, json_object_get_string_member (on_server, "id"));

  /* Edit. */
  shou_address_book_edit (book, id);
  json_object_set_string_member (address, "phone", "0755-86013388");
  save_via_form (book, address);
  g_assert_true (ev_sync (s));
  g_clear_pointer (&on_server, json_object_unref);
  on_server = server_find (s, shop_id, "赵售后", &n_defaults);
  g_assert_cmpstr (json_object_get_string_member (on_server, "phone"), ==, "0755-86013388");
  g_assert_cmpuint (n_defaults, ==, 1);

  /* Delete. */
  button = find_button (GTK_WIDGET (book), _("Delete"), id);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (ev_wait (find_message_dialog, &dialog, 2000));
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (ev_sync (s));
  g_clear_pointer (&on_server, json_object_unref);
  on_server = server_find (s, shop_id, "赵售后", &n_defaults);
  g_assert_null (on_server);
  g_assert_null (local_id (s->store, shop_id, "赵售后"));

  gtk_window_destroy (GTK_WINDOW (book));
}

int
main (int   argc,
      char *argv[])
{
  ev_init (&argc, &argv);

  g_test_add ("/addresses/form-validation", EvFixture, NULL, ev_setup, test_form_validation, ev_teardown);
  g_test_add ("/addresses/book-crud", EvFixture, NULL, ev_setup, test_book_crud, ev_teardown);
  g_test_add ("/addresses/picker-default", EvFixture, NULL, ev_setup, test_picker_default, ev_teardown);
  g_test_add ("/addresses/in-use", EvFixture, NULL, ev_setup, test_address_in_use, ev_teardown);
  g_test_add ("/addresses/menu-and-region", EvFixture, NULL, ev_setup, test_menu_and_region, ev_teardown);
  g_test_add ("/addresses/region-from-text", EvFixture, NULL, ev_setup, test_region_from_text, ev_teardown);
  g_test_add ("/addresses/region-search", EvFixture, NULL, ev_setup, test_region_search, ev_teardown);

  g_test_add ("/addresses/sim-roundtrip", EvSim, NULL, ev_sim_setup, test_sim_roundtrip, ev_sim_teardown);

  return g_test_run ();
}
