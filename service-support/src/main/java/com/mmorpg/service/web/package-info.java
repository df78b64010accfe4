/**
 * The HTTP edge every service shares: the internal API key on {@code /internal/**} and the request
 * body cap.
 */
package com.mmorpg.service.web;
