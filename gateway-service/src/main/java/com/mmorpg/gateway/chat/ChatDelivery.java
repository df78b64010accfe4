package com.mmorpg.gateway.chat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands every line any gateway published ({@link ChatEnvelope}) to the players on this gateway it is
 * for. One thread delivers, in the order Redis published, so a sender's lines arrive in the order they
 * were said; sends only queue on each socket, so a slow reader never holds the others up. The
 * subscription is (re)tried every few seconds until Redis is there (chat waits for it; play does not).
 */
@Component
class ChatDelivery {

    private static final Logger log = LoggerFactory.getLogger(ChatDelivery.class);

    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread delivery = new Thread(runnable, "chat-delivery");
        delivery.setDaemon(true);
        return delivery;
    });
    private final ChatRoster roster;
    private final Counter malformed;
    private final Counter frames;
    private boolean failing;

    ChatDelivery(RedisConnectionFactory redis, ChatRoster roster, MeterRegistry meters) {
        this.roster = roster;
        this.malformed = meters.counter("gateway.chat.envelopes", "outcome", "malformed");
        this.frames = Counter.builder("gateway.chat.delivered").description("chat frames sent to players").register(meters);
        container.setConnectionFactory(redis);
        container.setRecoveryInterval(1_000);
        container.setTaskExecutor(thread);
        for (String channel : ChatEnvelope.CHANNELS) {
            container.addMessageListener(this::onMessage, new ChannelTopic(channel));
        }
        container.afterPropertiesSet();
    }

    boolean listening() {
        return container.isRunning() && container.isListening();
    }

    @Scheduled(fixedDelayString = "${gateway.session-notices-retry:5s}", initialDelay = 0)
    void keepListening() {
        if (container.isRunning()) {
            return;
        }
        try {
            container.start();
            if (failing) {
                log.info("Chat delivery listening again");
            }
            failing = false;
        } catch (RuntimeException e) {
            container.stop();
            if (!failing) {
                log.warn("Cannot listen for chat ({}); chat is unavailable until Redis is back", e.getMessage());
            }
            failing = true;
        }
    }

    @PreDestroy
    void stop() throws Exception {
        container.destroy();
        thread.shutdownNow();
    }

    void onMessage(Message message, byte[] pattern) {
        ChatEnvelope envelope = ChatEnvelope.decode(message.getBody());
        if (envelope == null) {
            malformed.increment();
            return;
        }
        deliver(envelope);
    }

    /** Sends the envelope's frame to the players here it is for (the sender's own gateway hears it from Redis too). */
    void deliver(ChatEnvelope envelope) {
        byte[] frame = envelope.frame();
        String sender = envelope.sender();
        int sent = 0;
        switch (envelope.kind()) {
            case 'W' -> sent = sendAll(roster.all(), frame, sender);
            case 'M' -> sent = sendAll(roster.onMap(envelope.mapId()), frame, sender);
            case 'P' -> sent = sendAll(roster.inParty(envelope.scope()), frame, sender);
            case 'T' -> {
                List<String> ends = envelope.characters();
                Chatter to = roster.byCharacter(ends.get(1));
                if (to != null && !to.blocks(sender)) {
                    to.send(frame);
                    sent++;
                }
                Chatter from = roster.byCharacter(ends.get(0));
                if (from != null && from != to) {
                    from.send(frame);
                    sent++;
                }
            }
            case 'D' -> {
                for (String id : envelope.characters()) {
                    Chatter chatter = roster.byCharacter(id);
                    if (chatter != null && !chatter.blocks(sender)) {
                        chatter.send(frame);
                        sent++;
                    }
                }
            }
            case 'U' -> {
                for (String id : envelope.characters()) {
                    Chatter chatter = roster.byCharacter(id);
                    if (chatter != null) {
                        roster.joinParty(chatter, envelope.scope());
                        chatter.send(frame);
                        sent++;
                    }
                }
            }
            default -> malformed.increment();
        }
        frames.increment(sent);
    }

    private static int sendAll(Iterable<Chatter> chatters, byte[] frame, String sender) {
        int sent = 0;
        for (Chatter chatter : chatters) {
            if (!chatter.blocks(sender)) {
                chatter.send(frame);
                sent++;
            }
        }
        return sent;
    }
}
