/**
 * The threads that run the world: the fixed-rate {@link com.mmorpg.mapserver.runtime.TickLoop},
 * the tick thread's own CPU ({@link com.mmorpg.mapserver.runtime.CpuReservation}) and {@code
 * GuardedTask} for periodic jobs that must survive a throw. Used by the composition root and the
 * adapters ({@code net}, {@code character}, {@code directory}, {@code ops}); uses only {@code sim}.
 */
package com.mmorpg.mapserver.runtime;
