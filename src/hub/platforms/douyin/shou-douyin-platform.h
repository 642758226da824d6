/* shou-douyin-platform.h: the hub's upstream for 抖店 (Douyin shop) shops
 * (ShouHubPlatform) over the 抖店 open platform: incremental pull over
 * afterSale/List (update_start_time/update_end_time, pages of 100),
 * details from afterSale/Detail, and the afterSale/operate calls the
 * adapter carries, each with the request's update_time as the version the
 * seller saw. Sources: tests/data/platforms/README.md "Douyin shop adapter". */
#pragma once

#include "hub/shou-hub-platform.h"
#include "hub/platforms/shou-platform-base.h"

G_BEGIN_DECLS

typedef ShouPlatformOptions ShouDouyinPlatformOptions;

#define SHOU_TYPE_DOUYIN_PLATFORM (shou_douyin_platform_get_type ())
G_DECLARE_FINAL_TYPE (ShouDouyinPlatform, shou_douyin_platform, SHOU, DOUYIN_PLATFORM, GObject)

ShouDouyinPlatform *shou_douyin_platform_new            (ShouHubStore                    *store,
                                                         const ShouDouyinPlatformOptions *options,
                                                         GError                         **error);
/* The shop's state, its authorisation and its tokens go through the
 * ShouHubPlatform interface (shou-platform-base's methods). */

G_END_DECLS
