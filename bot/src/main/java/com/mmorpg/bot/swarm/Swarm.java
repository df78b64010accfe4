package com.mmorpg.bot.swarm;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many bots' map-server connections on a few Netty event loops, for load generation: each bot has
 * its own TCP connection and UDP socket and speaks KryoNet's wire (the same bytes as KryoNet's
 * client, from {@code common}'s codec), but no bot owns a thread. Each loop runs one 20 Hz timer
 * that steps all of its bots, instead of a thread and a timer per bot.
 */
public final class Swarm implements AutoCloseable {

    /** Totals over every bot. */
    public static final class Stats {
        public final LongAdder snapshots = new LongAdder();
        public final LongAdder bytesIn = new LongAdder();
        public final LongAdder datagramsOut = new LongAdder();
        /** Errors of the bots' UDP sockets (a map server gone answers datagrams with ICMP port unreachable). */
        public final LongAdder udpErrors = new LongAdder();
        /** With items: pick-ups asked for, stacks gained (picked up or traded), refused item actions, trades. */
        public final LongAdder pickupsAsked = new LongAdder();
        public final LongAdder itemsGained = new LongAdder();
        public final LongAdder itemRefusals = new LongAdder();
        public final LongAdder tradesAsked = new LongAdder();
        public final LongAdder tradesDone = new LongAdder();
        public final LongAdder tradesCancelled = new LongAdder();
    }

    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> socketChannel;
    private final Class<? extends DatagramChannel> datagramChannel;
    private final String transport;
    private final Stats stats = new Stats();
    /** Bots per loop; each list is touched on its loop only. */
    private final Map<EventLoop, List<SwarmBot>> botsByLoop = new IdentityHashMap<>();

    public Swarm(int threads) {
        IoHandlerFactory handlers;
        if (Epoll.isAvailable()) {
            handlers = EpollIoHandler.newFactory();
            socketChannel = EpollSocketChannel.class;
            datagramChannel = EpollDatagramChannel.class;
            transport = "epoll";
        } else {
            handlers = NioIoHandler.newFactory();
            socketChannel = NioSocketChannel.class;
            datagramChannel = NioDatagramChannel.class;
            transport = "nio";
        }
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("swarm", true), handlers);
        synchronized (botsByLoop) {
            for (var executor : group) {
                EventLoop loop = (EventLoop) executor;
                List<SwarmBot> bots = new ArrayList<>();
                botsByLoop.put(loop, bots);
                loop.scheduleAtFixedRate(() -> step(bots), TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Opens a bot's connection to a map server; follow it through the returned bot's futures. */
    public SwarmBot connect(String host, int port, String ticket, long seed) {
        return connect(host, port, ticket, seed, false);
    }

    /** As {@link #connect(String, int, String, long)}; with {@code items} the bot loots and trades ({@link SwarmItems}). */
    public SwarmBot connect(String host, int port, String ticket, long seed, boolean items) {
        SwarmBot bot = new SwarmBot(this, host, port, ticket, seed, items);
        bot.open(group.next());
        return bot;
    }

    public Stats stats() {
        return stats;
    }

    public String transport() {
        return transport;
    }

    Class<? extends SocketChannel> socketChannel() {
        return socketChannel;
    }

    Class<? extends DatagramChannel> datagramChannel() {
        return datagramChannel;
    }

    /** On {@code bot}'s loop: it starts playing. */
    void playing(Channel channel, SwarmBot bot) {
        botsFor(channel.eventLoop()).add(bot);
    }

    /** On {@code bot}'s loop: it stopped. */
    void stopped(Channel channel, SwarmBot bot) {
        botsFor(channel.eventLoop()).remove(bot);
    }

    private List<SwarmBot> botsFor(EventLoop loop) {
        synchronized (botsByLoop) {
            return botsByLoop.get(loop);
        }
    }

    private static void step(List<SwarmBot> bots) {
        long now = System.nanoTime();
        for (int i = 0; i < bots.size(); i++) {
            bots.get(i).tick(now);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
