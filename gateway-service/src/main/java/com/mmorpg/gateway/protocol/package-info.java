/**
 * The gateway's JSON frames ({@code {event, data}} in, events and {@code error {code, message}} out)
 * and {@code GameError}, a refusal with its code. Used by every room of the gateway; uses nothing of it.
 */
package com.mmorpg.gateway.protocol;
