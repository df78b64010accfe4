/**
 * Notices about players' sessions that servers publish to each other over Redis (a session moved to
 * another gateway, sessions revoked, staff kicks, mutes and announcements) and the revocation lookup;
 * each encodes and decodes itself and refuses what is not one.
 */
package com.mmorpg.common.session;
