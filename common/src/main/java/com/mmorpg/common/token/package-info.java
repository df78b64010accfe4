/**
 * Token codecs and their keys: access tokens (auth-service signs, the gateway and services verify),
 * single-use map tickets (the gateway signs, map servers verify and remember), the console's live-view
 * credentials, roles, and key rotation (current and previous secret). Servers only: never in a game
 * client.
 */
package com.mmorpg.common.token;
