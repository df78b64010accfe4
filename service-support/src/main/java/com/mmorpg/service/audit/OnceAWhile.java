package com.mmorpg.service.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Lets the same write happen once a while: staff reads are audited, but a console that polls a few
 * times a second, or redraws after every action, must not bury the actions under one line per poll. A
 * key written within {@code every} is skipped; a write that fails (false or a throw) is tried again at
 * the next call. At most {@code maxKeys} keys are remembered (the oldest go first, and are written again).
 */
public final class OnceAWhile {

    private final Cache<String, Boolean> recent;

    public OnceAWhile(Duration every, int maxKeys) {
        this.recent = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterWrite(every).build();
    }

    /** Runs {@code write} unless {@code key} was written lately; true when written now or lately. */
    public boolean write(String key, BooleanSupplier write) {
        if (recent.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            return true;
        }
        boolean written = false;
        try {
            written = write.getAsBoolean();
            return written;
        } finally {
            if (!written) {
                recent.invalidate(key);
            }
        }
    }
}
