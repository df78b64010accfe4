package com.mmorpg.gateway.redis;

import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Redis pub/sub channels the gateway listens on without ever depending on them to start or serve:
 * {@link #keepListening} (called every few seconds) starts the subscription until it holds, and the
 * listener container then recovers from disconnects on its own. One line when it fails, one when it
 * is back.
 */
public final class Subscription {

    private static final Logger log = LoggerFactory.getLogger(Subscription.class);

    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();
    private final String what;
    private final String whileAway;
    private boolean failing;

    /**
     * @param what      what is listened for, for the log ("chat")
     * @param whileAway what players get while Redis is away, for the log
     */
    public Subscription(RedisConnectionFactory redis, String what, String whileAway) {
        this.what = what;
        this.whileAway = whileAway;
        container.setConnectionFactory(redis);
        container.setRecoveryInterval(1_000);
    }

    /** Where listeners run (by default a new thread per message). */
    public Subscription dispatchOn(Executor executor) {
        container.setTaskExecutor(executor);
        return this;
    }

    public Subscription on(String channel, MessageListener listener) {
        container.addMessageListener(listener, new ChannelTopic(channel));
        return this;
    }

    /** Done adding channels. */
    public Subscription ready() {
        container.afterPropertiesSet();
        return this;
    }

    public void keepListening() {
        if (container.isRunning()) {
            return;
        }
        try {
            container.start();
            if (failing) {
                log.info("Listening for {} again", what);
            }
            failing = false;
        } catch (RuntimeException e) {
            container.stop();
            if (!failing) {
                log.warn("Cannot listen for {} ({}); {} until Redis is back", what, e.getMessage(), whileAway);
            }
            failing = true;
        }
    }

    public boolean listening() {
        return container.isRunning() && container.isListening();
    }

    public void close() throws Exception {
        container.destroy();
    }
}
