/**
 * A Redis pub/sub subscription that is retried until it holds and never stops the gateway from
 * starting; used by session notices ({@code connection}) and chat delivery ({@code chat}).
 */
package com.mmorpg.gateway.redis;
