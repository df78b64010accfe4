package com.mmorpg.mapserver.net;

import com.mmorpg.mapserver.character.LeaseKeeper;
import com.mmorpg.mapserver.runtime.GuardedTask;
import com.mmorpg.mapserver.sim.World;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The map server's game port on Netty, speaking KryoNet 2.22's wire exactly (TCP for reliable
 * messages, UDP for per-tick traffic, both on one port), so the unmodified KryoNet client and the
 * Godot addon connect as before.
 *
 * <p>One event loop thread does all of it: accepting, reading and decoding, the gate's checks,
 * encoding and writing what the tick produced, the keep-alive and timeout sweep. Per-connection
 * state therefore needs no locks, and a tick's messages are written in one pass and flushed once.
 * One thread is enough for thousands of players (a tick's snapshots leave in a few {@code
 * sendmmsg} calls with epoll); the work is bounded per connection before login, so a hostile
 * client cannot hold it.
 */
public final class MapNetwork implements AutoCloseable {

    /** How the edge is bounded; see {@code MapServerConfig} for the variables. */
    public record Settings(int port, Duration authTimeout, PendingCaps pending, int slowReaderBytes, int tickRate,
            boolean preferNative) {
    }

    /**
     * How many connections whose ticket is not yet accepted may wait: from one address, from one
     * network (an IPv4 /24, an IPv6 /64: one host or one hoster has many addresses), and in all.
     */
    public record PendingCaps(int perAddress, int perIpv4Network, int perIpv6Network, int total) {

        /**
         * A network's cap, never below one address's: a load test or a NAT that raises the address
         * cap ({@code PENDING_PER_ADDRESS}) is not held back by its own /24.
         */
        int perNetwork(boolean ipv6) {
            return Math.max(perAddress, ipv6 ? perIpv6Network : perIpv4Network);
        }
    }

    /** A health probe fails when the loop has not run its sweep for this long. */
    private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long SWEEP_MILLIS = 250;
    /** Datagrams are small (a MoveInput is 11 bytes); anything longer than this is cut and fails to decode. */
    private static final int MAX_DATAGRAM_BYTES = 2048;
    private static final int DATAGRAMS_PER_READ = 32;

    private final NetTransport transport;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final NetObserver observer;
    private final PacketWriter writer;
    private final InboundDecoder decoder = new InboundDecoder();
    private final EdgeSummary summary = new EdgeSummary(60, TimeUnit.SECONDS);
    private final OutboundQueue outbound;
    private final InboundTraffic traffic = new InboundTraffic();
    private final ConnectionTable table;
    private final Bouncer bouncer;
    private final ConnectionGate gate;
    private final ConnectionTimeouts timeouts;
    private Channel tcp;
    private Channel udp;
    private volatile long lastSweep = System.nanoTime();

    private MapNetwork(NetTransport transport, EventLoopGroup group, NetObserver observer, Settings settings,
            TicketCheck tickets, LeaseKeeper characters, World world) {
        this.transport = transport;
        this.group = group;
        this.loop = group.next();
        this.observer = observer;
        this.writer = new PacketWriter(observer);
        this.outbound = new OutboundQueue(loop, writer::flush, observer);
        this.table = new ConnectionTable(settings.pending(), settings.tickRate(), outbound, writer);
        this.bouncer = new Bouncer(observer, summary);
        this.gate = new ConnectionGate(tickets, characters, world, observer, table, bouncer, loop);
        this.timeouts = new ConnectionTimeouts(table, bouncer, settings.authTimeout().toNanos());
    }

    /** Binds TCP and UDP on the port and starts the event loop. */
    public static MapNetwork bind(Settings settings, World world, TicketCheck tickets, LeaseKeeper characters,
            NetObserver observer, ThreadFactory threads) throws IOException {
        NetTransport transport = NetTransport.choose(settings.preferNative());
        EventLoopGroup group = transport.newGroup(1, threads);
        MapNetwork network = new MapNetwork(transport, group, observer, settings, tickets, characters, world);
        try {
            network.start(settings);
            return network;
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private void start(Settings settings) throws IOException {
        ServerBootstrap server = new ServerBootstrap()
                .group(group, group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(settings.slowReaderBytes() / 2, settings.slowReaderBytes()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new TcpConnectionHandler(gate, bouncer, decoder, traffic, observer));
                    }
                });
        Bootstrap datagrams = new Bootstrap()
                .group(group)
                .channel(transport.datagramChannel())
                .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                .option(ChannelOption.SO_SNDBUF, 4 * 1024 * 1024)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(
                        transport.name().equals("epoll") ? MAX_DATAGRAM_BYTES * DATAGRAMS_PER_READ : MAX_DATAGRAM_BYTES))
                .handler(new UdpHandler(table, gate, bouncer, decoder, traffic, observer));
        if (transport.name().equals("epoll")) {
            // recvmmsg: up to DATAGRAMS_PER_READ datagrams per system call, each in a slice of one buffer
            datagrams.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM_BYTES);
        }
        tcp = bindOrExplain(server.bind(settings.port()), settings.port());
        int port = ((InetSocketAddress) tcp.localAddress()).getPort();
        udp = bindOrExplain(datagrams.bind(port), port);
        writer.udpChannel(udp);
        // Guarded: Netty cancels a periodic task for good the first time it throws, and without the
        // sweep no login times out, no idle connection closes and no keep-alive goes out.
        loop.scheduleAtFixedRate(new GuardedTask("network sweep", this::sweep), SWEEP_MILLIS, SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private static Channel bindOrExplain(ChannelFuture binding, int port) throws IOException {
        binding.awaitUninterruptibly();
        if (binding.isSuccess()) {
            return binding.channel();
        }
        Throwable cause = binding.cause();
        if (cause instanceof BindException bind) {
            throw new PortInUseException(port, bind);
        }
        if (cause instanceof IOException io) {
            if (io.getMessage() != null && io.getMessage().contains("Address already in use")) {
                throw new PortInUseException(port, new BindException(io.getMessage()));
            }
            throw io;
        }
        throw new IOException("Cannot bind port " + port + ": " + cause, cause);
    }

    private void sweep() {
        long now = System.nanoTime();
        lastSweep = now;
        timeouts.sweep(now);
        summary.maybeLog(now);
        traffic.publish(observer);
    }

    /** The open connections (a copy; on the event loop; tests). */
    List<ClientLink> links() {
        return table.links();
    }

    /** The event loop (tests block it to see health fail). */
    EventLoop eventLoop() {
        return loop;
    }

    public int port() {
        return ((InetSocketAddress) tcp.localAddress()).getPort();
    }

    /** Which Netty transport runs the port: {@code epoll} or {@code nio}. */
    public String transportName() {
        return transport.name();
    }

    /** The event loop runs and has swept within the last two seconds, and both sockets are open. */
    public boolean isServing() {
        return !group.isShuttingDown() && tcp != null && tcp.isOpen() && udp != null && udp.isOpen()
                && System.nanoTime() - lastSweep < STUCK_NANOS;
    }

    /** Start of a tick, on the tick thread: what it sends is handed to the event loop in one batch. */
    public void tickStarting() {
        outbound.startBatch();
    }

    /** End of a tick: the event loop writes and flushes what the tick queued. */
    public void tickDone() {
        outbound.wake();
    }

    /** Messages waiting for the event loop. */
    public int outboundDepth() {
        return outbound.depth();
    }

    /** Lets queued messages (the last Rejected, EntityLeft) reach the sockets before closing. */
    public void flush(long timeoutMillis) throws InterruptedException {
        outbound.drain(timeoutMillis);
    }

    public int connectionCount() {
        return table.connectionCount();
    }

    /** Connections waiting for UDP registration, authenticating (ticket or loading), and in the world. */
    public int[] connectionsByStage() {
        return table.stageCounts();
    }

    /** New connections and logins are refused with SERVER_DRAINING from now on. */
    public void startDraining() {
        gate.startDraining();
    }

    @Override
    public void close() {
        if (tcp != null) {
            tcp.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        if (udp != null) {
            udp.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        outbound.close();
    }
}
