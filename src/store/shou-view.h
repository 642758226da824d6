/* shou-view.h: the sidebar's views of the queue and the list's sort keys,
 * shared by the store (which counts the views) and the request list
 * (which shows them). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SHOU_VIEW_PENDING,       /* 待处理: needs the seller */
  SHOU_VIEW_URGENT,        /* 即将超时: seller deadline < 24 h */
  SHOU_VIEW_NEGOTIATING,   /* 协商中 */
  SHOU_VIEW_AWAIT_RETURN,  /* 等待买家: the buyer's return on its way, or the
                            * exchange sent to the buyer awaiting confirmation */
  SHOU_VIEW_INTERVENTION,  /* 平台介入 */
  SHOU_VIEW_FINISHED,      /* 已完结 */
  SHOU_VIEW_ALL,           /* every request */
  SHOU_N_VIEWS
} ShouView;

typedef enum
{
  SHOU_SORT_DEADLINE,      /* nearest deadline first (default); none last */
  SHOU_SORT_OPENED,
  SHOU_SORT_AMOUNT,
  SHOU_SORT_ORDER_NO,
  SHOU_SORT_BUYER,
  SHOU_SORT_STATUS,
  SHOU_SORT_PLATFORM,
  SHOU_SORT_TYPE,
  SHOU_N_SORTS
} ShouSortKey;

const char *shou_view_to_string (ShouView view);
const char *shou_view_get_label (ShouView view);

G_END_DECLS
