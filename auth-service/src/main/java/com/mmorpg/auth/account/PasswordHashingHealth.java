package com.mmorpg.auth.account;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code passwordHashing} in auth-service's health, liveness and readiness: DOWN while no bcrypt
 * worker is alive, or while requests are being turned away and no hash has ended for a while (a
 * pool that is stuck). Without it no login or registration can succeed, whatever the database says.
 */
@Component("passwordHashingHealthIndicator")
class PasswordHashingHealth implements HealthIndicator {

    private final PasswordHasher hasher;

    PasswordHashingHealth(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    @Override
    public Health health() {
        PasswordHasher.State state = hasher.state();
        Health.Builder health = state.alive() == 0 || state.stalled() ? Health.down() : Health.up();
        return health.withDetail("workers", state.workers()).withDetail("alive", state.alive())
                .withDetail("running", state.running()).withDetail("queued", state.queued())
                .withDetail("replaced", state.replaced()).withDetail("stalled", state.stalled()).build();
    }
}
