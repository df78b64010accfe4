/**
 * The side HTTP port and what it shows: {@code /health}, {@code /ready}, {@code /metrics}
 * ({@link com.mmorpg.mapserver.ops.MapServerMetrics}, which also listens to the tick loop, the
 * network and the saves) and the live map. Only the composition root uses it; it may read every
 * adapter below it ({@code net}, {@code character}, {@code runtime}, {@code spectate}, {@code sim}).
 */
package com.mmorpg.mapserver.ops;
