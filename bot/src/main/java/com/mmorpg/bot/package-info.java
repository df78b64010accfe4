/**
 * The {@code bot} tool (picocli): {@code bot play} (one player through the SDK), {@code bot load} (many
 * bots, the run's options, report and the servers' tick histograms), {@code bot health}. May mint map
 * tickets and call internal APIs for load tests, so it is never shipped to players; the SDK knows
 * nothing of it.
 */
package com.mmorpg.bot;
