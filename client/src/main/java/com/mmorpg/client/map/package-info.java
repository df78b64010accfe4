/**
 * The SDK's map-server client over KryoNet (TCP+UDP): the ticket, movement with client-side
 * prediction, combat, channels, items and trades, the entities in sight; events through
 * {@code MapListener}. Speaks the {@code protocol} module's messages.
 */
package com.mmorpg.client.map;
