/**
 * Replication: who sees what and each player's snapshot, behind the world's {@code PlayerViews}
 * port. {@link com.mmorpg.mapserver.interest.InterestScheduler} spreads the step over the tick
 * thread and its helpers, each running an {@code InterestWorker}. Uses only {@code sim}; only the
 * composition root builds it.
 */
package com.mmorpg.mapserver.interest;
