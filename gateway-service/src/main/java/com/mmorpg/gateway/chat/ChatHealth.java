package com.mmorpg.gateway.chat;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code chat} in the gateway's health: DOWN only when the delivery thread died (no player would hear
 * a line again until a restart). Redis being away is not DOWN: players keep playing, chat answers
 * SERVICE_UNAVAILABLE and comes back with Redis; the details ({@code listening}, {@code waiting},
 * {@code players}) say which it is where details are shown.
 */
@Component("chatHealthIndicator") // "chat" in /actuator/health
class ChatHealth implements HealthIndicator {

    private final ChatDelivery delivery;
    private final ChatRoster roster;

    ChatHealth(ChatDelivery delivery, ChatRoster roster) {
        this.delivery = delivery;
        this.roster = roster;
    }

    @Override
    public Health health() {
        Health.Builder health = delivery.delivering() ? Health.up() : Health.down();
        return health.withDetail("listening", delivery.listening()).withDetail("waiting", delivery.waiting())
                .withDetail("players", roster.size()).build();
    }
}
