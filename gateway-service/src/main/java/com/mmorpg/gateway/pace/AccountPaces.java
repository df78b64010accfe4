package com.mmorpg.gateway.pace;

import com.mmorpg.gateway.config.GatewayProperties;
import com.mmorpg.service.ratelimit.SharedBuckets;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How fast one account may do what costs others something, per account (user id), not per socket or
 * per entry: the buckets live in Redis ({@link SharedBuckets}, keys {@code pace:<kind>:<user id>}),
 * so re-entering the world, reconnecting or moving to another gateway starts nobody's budget afresh.
 * While Redis is away each gateway keeps them in memory instead (still per account, per gateway):
 * chat is unavailable then anyway, and entries go on as the rest of the gateway does without Redis.
 */
@Component
public class AccountPaces implements DisposableBean {

    /** What is paced; each its own bucket per account. */
    public enum Kind {
        /** Every chat line and party invitation: {@code chat.messages} per {@code chat.per}. */
        CHAT("chat"),
        /** Lines on {@code world}, besides {@link #CHAT}: {@code chat.world-messages} per {@code chat.world-per}. */
        WORLD_CHAT("world"),
        /** {@code chat_history} requests: {@code chat.history-requests} per {@code chat.history-per}. */
        CHAT_HISTORY("history"),
        /** {@code enter_world} and {@code join_map} (each an auth-service read and a ticket): {@code entries-per-minute}. */
        WORLD_ENTRY("entry");

        private final String key;

        Kind(String key) {
            this.key = key;
        }
    }

    /** Admitted, or refused with how long to wait (whole seconds, at least 1). */
    public record Verdict(boolean admitted, long secondsToWait) {
    }

    private final SharedBuckets buckets;
    private final Map<Kind, BucketConfiguration> configurations = new EnumMap<>(Kind.class);

    AccountPaces(@Value("${spring.data.redis.url}") String redisUrl, GatewayProperties properties, MeterRegistry meters) {
        GatewayProperties.Chat chat = properties.chat();
        configurations.put(Kind.CHAT, every(chat.messages(), chat.per()));
        configurations.put(Kind.WORLD_CHAT, every(chat.worldMessages(), chat.worldPer()));
        configurations.put(Kind.CHAT_HISTORY, every(chat.historyRequests(), chat.historyPer()));
        configurations.put(Kind.WORLD_ENTRY, every(properties.entriesPerMinute(), Duration.ofMinutes(1)));
        Duration longest = Stream.of(chat.per(), chat.worldPer(), chat.historyPer(), Duration.ofMinutes(1))
                .max(Duration::compareTo).orElseThrow();
        this.buckets = new SharedBuckets(redisUrl, "pace:", "gateway.paces", "account paces", meters, 200_000,
                longest.plusMinutes(1));
        buckets.connect(); // at start-up (bounded by the 1 s connect timeout), so the first players already share
    }

    private static BucketConfiguration every(int times, Duration per) {
        return BucketConfiguration.builder().addLimit(Bandwidth.builder().capacity(times).refillGreedy(times, per).build())
                .build();
    }

    /** Spends one of {@code userId}'s {@code kind} budget if there is one. */
    public Verdict admit(Kind kind, String userId) {
        ConsumptionProbe probe = buckets.tryConsume(key(kind, userId), configurations.get(kind), 1);
        if (probe.isConsumed()) {
            return new Verdict(true, 0);
        }
        return new Verdict(false, Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }

    /** Gives back what {@link #admit} spent (the request was refused for another reason). */
    public void refund(Kind kind, String userId) {
        buckets.addTokens(key(kind, userId), configurations.get(kind), 1);
    }

    /** True while the paces are shared through Redis. */
    public boolean shared() {
        return buckets.isShared();
    }

    @Scheduled(fixedDelay = 5_000, initialDelay = 5_000)
    void connect() {
        buckets.connect();
    }

    private static String key(Kind kind, String userId) {
        return kind.key + ":" + userId;
    }

    @Override
    public void destroy() {
        buckets.close();
    }
}
