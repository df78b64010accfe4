package com.mmorpg.gateway.chat;

import com.mmorpg.gateway.config.GatewayProperties;
import com.mmorpg.gateway.redis.Subscription;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands every line any gateway published ({@link ChatEnvelope}) to the players on this gateway it is
 * for. Redis's thread only puts what arrives in an inbox; one delivery thread takes it out in the
 * order Redis published, so a sender's lines arrive in the order they were said. That thread takes
 * all that waits, queues each line on its listeners' sockets and then writes each socket once (and,
 * with a {@code flush-interval}, waits that long for more first): under load several lines share one
 * write, since a write costs more than a line. Sends never block, so a slow reader holds nobody up.
 * When delivery cannot keep up, chat sheds load instead of lagging: a line that waited longer than
 * {@code max-delivery-lag} is dropped (party changes excepted), and an inbox over {@link #INBOX}
 * envelopes drops what arrives; both counted ({@code gateway.chat.envelopes}). The
 * subscription is (re)tried every few seconds until Redis is there (chat waits for it; play does not).
 */
@Component
class ChatDelivery {

    private static final Logger log = LoggerFactory.getLogger(ChatDelivery.class);

    static final int INBOX = 100_000;
    /** Envelopes taken from the inbox at once at most. */
    private static final int BATCH = 256;

    private final Subscription subscription;
    private final BlockingQueue<Arrived> inbox = new LinkedBlockingQueue<>(INBOX);
    private volatile Thread thread;
    private volatile boolean stopping;
    private final Counter failures;
    private final Counter replaced;
    private final List<Chatter> toFlush = new ArrayList<>();
    private final ChatRoster roster;
    private final PartyMembership membership;
    private final Counter malformed;
    private final Counter dropped;
    private final Counter late;
    /** A line that waited longer than this for delivery is dropped: under overload chat sheds load instead of lagging. */
    private final long maxLagNanos;
    private final Counter frames;
    /** How long lines gather on a socket before one write sends them (0: each batch is written at once). */
    private final long flushNanos;

    ChatDelivery(RedisConnectionFactory redis, ChatRoster roster, PartyMembership membership, GatewayProperties properties,
            MeterRegistry meters) {
        this.roster = roster;
        this.membership = membership;
        this.flushNanos = properties.chat().flushInterval().toNanos();
        this.malformed = meters.counter("gateway.chat.envelopes", "outcome", "malformed");
        this.dropped = meters.counter("gateway.chat.envelopes", "outcome", "dropped");
        this.late = meters.counter("gateway.chat.envelopes", "outcome", "late");
        this.maxLagNanos = properties.chat().maxDeliveryLag().toNanos();
        Gauge.builder("gateway.chat.inbox", inbox, BlockingQueue::size).description("lines waiting for delivery").register(meters);
        this.frames = Counter.builder("gateway.chat.delivered").description("chat frames sent to players").register(meters);
        this.failures = Counter.builder("gateway.chat.delivery.failures")
                .description("delivery rounds that failed (the thread goes on)").register(meters);
        this.replaced = Counter.builder("gateway.chat.delivery.replaced")
                .description("delivery threads that ended unexpectedly and were started again").register(meters);
        // onMessage only queues: Redis's own thread may run it
        this.subscription = new Subscription(redis, "chat", "chat is unavailable").dispatchOn(Runnable::run);
        for (String channel : ChatEnvelope.CHANNELS) {
            subscription.on(channel, this::onMessage);
        }
        subscription.ready();
        startThread();
    }

    private void startThread() {
        thread = Thread.ofPlatform().name("chat-delivery").daemon(true).start(this::deliverUntilStopped);
    }

    /** Only {@link #stop} ends delivery: a thread that ends otherwise is replaced (and counted). */
    private void deliverUntilStopped() {
        try {
            deliverForever();
        } catch (Throwable e) {
            if (!stopping) {
                replaced.increment();
                log.error("Chat delivery thread ended unexpectedly; starting a replacement", e);
                flushAll(); // what it had queued goes out (and each socket's flag is reset for its next lines)
                startThread();
            }
        }
    }

    boolean listening() {
        return subscription.listening();
    }

    boolean delivering() {
        return thread.isAlive();
    }

    int waiting() {
        return inbox.size();
    }

    @Scheduled(fixedDelayString = "${gateway.redis-subscription-retry}", initialDelay = 0)
    void keepListening() {
        subscription.keepListening();
    }

    @PreDestroy
    void stop() throws Exception {
        stopping = true;
        subscription.close();
        thread.interrupt();
    }

    /** What Redis handed over, and when. */
    private record Arrived(byte[] body, long atNanos) {
    }

    void onMessage(Message message, byte[] pattern) {
        if (!inbox.offer(new Arrived(message.getBody(), System.nanoTime()))) {
            dropped.increment();
        }
    }

    /**
     * Delivers until {@link #stop}: an interrupt that is not a stop is cleared, and a round that
     * throws (a bad envelope, a socket that fails to flush, an error) is counted and the next goes on.
     */
    private void deliverForever() {
        List<Arrived> batch = new ArrayList<>(BATCH);
        long flushAt = 0;
        while (!stopping) {
            try {
                Arrived first = toFlush.isEmpty() ? inbox.take() : inbox.poll(flushAt - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                }
            } catch (InterruptedException e) {
                continue; // stopping says whether to end
            }
            boolean wasIdle = toFlush.isEmpty();
            try {
                inbox.drainTo(batch, BATCH - batch.size());
                long now = System.nanoTime();
                for (Arrived arrived : batch) {
                    ChatEnvelope envelope = ChatEnvelope.decode(arrived.body());
                    if (now - arrived.atNanos() > maxLagNanos && envelope != null && envelope.kind() != ChatEnvelope.Kind.PARTY_CHANGE) {
                        late.increment(); // party changes always go through: they update who is in which party
                    } else if (envelope == null) {
                        malformed.increment();
                    } else {
                        deliver(envelope);
                    }
                }
            } catch (RuntimeException | Error e) {
                failures.increment();
                log.error("Chat delivery failed for a batch of {} line(s)", batch.size(), e);
            } finally {
                batch.clear();
            }
            if (wasIdle && !toFlush.isEmpty()) {
                flushAt = System.nanoTime() + flushNanos;
            }
            if (!toFlush.isEmpty() && System.nanoTime() - flushAt >= 0) {
                flushAll();
            }
        }
    }

    /** One write per socket; a socket that fails to flush costs only its own lines. */
    private void flushAll() {
        for (Chatter chatter : toFlush) {
            try {
                chatter.flush();
            } catch (RuntimeException | Error e) {
                failures.increment();
                log.warn("Chat flush failed character={}", chatter.characterId(), e);
            }
        }
        toFlush.clear();
    }

    /** Queues the envelope's frame for the players here it is for (the sender's own gateway hears it from Redis too). */
    private void deliver(ChatEnvelope envelope) {
        byte[] frame = envelope.frame();
        String sender = envelope.sender();
        int sent = 0;
        switch (envelope.kind()) {
            case WORLD -> sent = sendAll(roster.all(), frame, sender);
            case MAP -> sent = sendAll(roster.onMap(envelope.mapId()), frame, sender);
            case PARTY -> sent = sendAll(roster.inParty(envelope.scope()), frame, sender); // blocks hold in parties too
            case WHISPER -> {
                List<String> ends = envelope.characters();
                Chatter to = roster.byCharacter(ends.get(1));
                if (to != null && !to.blocks(sender)) {
                    queue(to, frame);
                    sent++;
                }
                Chatter from = roster.byCharacter(ends.get(0));
                if (from != null && from != to) {
                    queue(from, frame);
                    sent++;
                }
            }
            case DIRECT -> {
                for (String id : envelope.characters()) {
                    Chatter chatter = roster.byCharacter(id);
                    if (chatter != null && !chatter.blocks(sender)) {
                        queue(chatter, frame);
                        sent++;
                    }
                }
            }
            case PARTY_CHANGE -> {
                for (Chatter chatter : membership.changed(envelope.scope(), envelope.characters())) {
                    queue(chatter, frame);
                    sent++;
                }
            }
        }
        frames.increment(sent);
    }

    private int sendAll(Iterable<Chatter> chatters, byte[] frame, String sender) {
        int sent = 0;
        for (Chatter chatter : chatters) {
            if (!chatter.blocks(sender)) {
                queue(chatter, frame);
                sent++;
            }
        }
        return sent;
    }

    private void queue(Chatter chatter, byte[] frame) {
        if (chatter.queue(frame)) {
            toFlush.add(chatter);
        }
    }
}
