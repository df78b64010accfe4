package com.mmorpg.mapserver.party;

import com.mmorpg.mapserver.sim.Command;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which party each player of this server is in, read from the gateway's parties in Redis ({@code party:of:<character
 * id>} → party id, {@code party:<id>} the party while it lasts) every {@code interval} on a thread of its own, and handed
 * to the world as {@link Command.Parties}: loot is reserved for its killer's party. Never on the tick thread; Redis away
 * means the last answer stands (loot stays the killer's own at worst), counted in {@link #failures()} and logged once
 * per outage, and the next round tries again.
 */
public final class PartyLookup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartyLookup.class);
    /** Characters per MGET. */
    private static final int BATCH = 500;

    private final RedisClient client;
    private final Supplier<Collection<String>> characters;
    private final Consumer<Command.Parties> deliver;
    private final ScheduledExecutorService thread;
    private final AtomicLong failures = new AtomicLong();
    private final Duration timeout;
    private StatefulRedisConnection<String, String> connection;
    private boolean failing;

    /**
     * @param characters the characters on this server now (safe from any thread)
     * @param deliver hands the answer to the world
     */
    public PartyLookup(String redisUrl, Duration timeout, Supplier<Collection<String>> characters,
            Consumer<Command.Parties> deliver) {
        this.client = RedisClient.create(redisUrl);
        this.client.setDefaultTimeout(timeout);
        this.timeout = timeout;
        this.characters = characters;
        this.deliver = deliver;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "party-lookup");
            t.setDaemon(true);
            return t;
        });
    }

    public void start(Duration interval) {
        thread.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lookups that failed (Redis unreachable or too slow). */
    public long failures() {
        return failures.get();
    }

    /** One round: this server's characters' parties, delivered when Redis answered. */
    void refresh() {
        try {
            deliver.accept(new Command.Parties(lookUp(characters.get())));
            if (failing) {
                failing = false;
                log.info("Party lookups in Redis work again");
            }
        } catch (RedisException | IllegalStateException e) {
            failures.incrementAndGet();
            if (!failing) {
                failing = true;
                log.warn("Party lookups in Redis failed; loot stays reserved as last known until they work: {}", e.toString());
            }
            if (connection != null) {
                connection.closeAsync();
                connection = null;
            }
        }
    }

    Map<String, String> lookUp(Collection<String> characterIds) {
        Map<String, String> partyOf = new HashMap<>();
        if (characterIds.isEmpty()) {
            return partyOf;
        }
        if (connection == null) {
            connection = client.connect();
        }
        List<String> ids = List.copyOf(characterIds);
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            String[] keys = batch.stream().map(id -> "party:of:" + id).toArray(String[]::new);
            for (KeyValue<String, String> entry : connection.sync().mget(keys)) {
                if (entry.hasValue()) {
                    partyOf.put(entry.getKey().substring("party:of:".length()), entry.getValue());
                }
            }
        }
        // A party:of whose party is gone (disbanded a moment ago) counts for nothing; asked all at once (pipelined).
        Map<String, RedisFuture<Long>> checks = new HashMap<>();
        for (String party : new LinkedHashSet<>(partyOf.values())) {
            checks.put(party, connection.async().exists("party:" + party));
        }
        for (Map.Entry<String, RedisFuture<Long>> check : checks.entrySet()) {
            if (answer(check.getValue()) == 0) {
                partyOf.values().removeIf(check.getKey()::equals);
            }
        }
        return partyOf;
    }

    private long answer(RedisFuture<Long> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new RedisException(e.getCause());
        } catch (TimeoutException e) {
            throw new RedisException("no answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisException("interrupted");
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
}
