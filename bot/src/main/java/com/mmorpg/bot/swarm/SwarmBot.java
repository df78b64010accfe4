package com.mmorpg.bot.swarm;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.mmorpg.protocol.AttackRequest;
import com.mmorpg.protocol.Authenticate;
import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.EntityLeft;
import com.mmorpg.protocol.InventoryUpdate;
import com.mmorpg.protocol.TradeUpdate;
import com.mmorpg.protocol.KryoNetControl.KeepAlive;
import com.mmorpg.protocol.KryoNetControl.Ping;
import com.mmorpg.protocol.KryoNetControl.RegisterTcp;
import com.mmorpg.protocol.KryoNetControl.RegisterUdp;
import com.mmorpg.protocol.MapTransfer;
import com.mmorpg.protocol.MessageCodec;
import com.mmorpg.protocol.MoveInput;
import com.mmorpg.protocol.Protocol;
import com.mmorpg.protocol.ProtocolException;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.protocol.Snapshot;
import com.mmorpg.protocol.Welcome;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One load bot on a map server: KryoNet's handshake (RegisterTCP → RegisterUDP, retried every
 * 100 ms → Authenticate), then what {@code bot load}'s bots always did: walk at 20 inputs a second
 * over UDP in a direction that changes every two seconds, and attack the last mob seen once a second
 * over TCP. Snapshots are counted, not decoded. With items ({@code bot load --items}) it also opts in to
 * items, loots and trades ({@link SwarmItems}), for which it decodes what items need: loot and players
 * entering, entities leaving, its inventory, trades and the snapshot's origin. Everything runs on the
 * bot's event loop.
 */
public final class SwarmBot {

    private static final int SNAPSHOT_ID_BYTE = Protocol.idOf(Snapshot.class) + 2;
    private static final int ENTITY_ENTERED_ID = Protocol.idOf(EntityEntered.class);
    /** The server messages a bot acts on; the rest are only counted. */
    private static final java.util.Set<Integer> DECODED = java.util.Set.of(Protocol.idOf(Welcome.class),
            Protocol.idOf(Rejected.class), Protocol.idOf(MapTransfer.class));
    /** What a bot with items decodes besides. */
    private static final java.util.Set<Integer> DECODED_WITH_ITEMS = java.util.Set.of(Protocol.idOf(EntityLeft.class),
            Protocol.idOf(InventoryUpdate.class), Protocol.idOf(TradeUpdate.class));
    private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(8);

    private final Swarm swarm;
    private final InetSocketAddress server;
    private final String ticket;
    private final SplittableRandom random;
    private final CompletableFuture<Welcome> welcomed = new CompletableFuture<>();
    private final CompletableFuture<Ending> ended = new CompletableFuture<>();
    private final Output output = new Output(256, 16 * 1024);
    private Channel tcp;
    private Channel udp;
    private int connectionId = -1;
    private boolean udpRegistered;
    private boolean playing;
    private long lastTcpWrite;
    private int seq;
    private int ticks;
    private float dirX;
    private float dirY;
    private volatile int lastMob;
    private volatile long bytesIn;
    private volatile int transferMap;
    private volatile Rejected rejected;
    private final SwarmItems items;
    private final Snapshot snapshot = new Snapshot();

    /** How a bot's stay ended: the server's Rejected (null if none), the map a gate sent it to (0 if none). */
    public record Ending(Rejected rejected, int transferMap) {
    }

    SwarmBot(Swarm swarm, String host, int port, String ticket, long seed, boolean items) {
        this.swarm = swarm;
        this.server = new InetSocketAddress(host, port);
        this.ticket = ticket;
        this.random = new SplittableRandom(seed);
        this.items = items ? new SwarmItems(swarm.stats(), random.split(), this::sendTcp) : null;
    }

    /** Completes with Welcome; fails with the server's Rejected code, UNREACHABLE or DISCONNECTED. */
    public CompletableFuture<Welcome> welcomed() {
        return welcomed;
    }

    /** Completes when the connection closes (after {@link #close} too). */
    public CompletableFuture<Ending> ended() {
        return ended;
    }

    /** Bytes of messages received (payload, without TCP/UDP/IP headers). */
    public long bytesIn() {
        return bytesIn;
    }

    public void close() {
        if (tcp != null) {
            tcp.close();
        }
    }

    void open(EventLoop loop) {
        new Bootstrap().group(loop).channel(swarm.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new LengthFieldBasedFrameDecoder(64 * 1024, 0, 4, 0, 4), new TcpHandler());
                    }
                })
                .connect(server).addListener(connecting -> {
                    if (!connecting.isSuccess()) {
                        fail("UNREACHABLE", "cannot connect to " + server + ": " + connecting.cause());
                    }
                });
    }

    private void fail(String code, String message) {
        welcomed.completeExceptionally(new SwarmException(code, message));
        ended.complete(new Ending(rejected, transferMap));
    }

    private final class TcpHandler extends SimpleChannelInboundHandler<ByteBuf> {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            tcp = ctx.channel();
            lastTcpWrite = System.nanoTime();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            int length = frame.readableBytes();
            bytesIn += length + 4;
            swarm.stats().bytesIn.add(length + 4);
            int id = length > 0 ? frame.getByte(frame.readerIndex()) - 2 : -1;
            if (id == ENTITY_ENTERED_ID) { // most of the reliable traffic: only a mob's id matters to a bot
                rememberMob(frame);
                if (items == null) {
                    return;
                }
            } else if (id >= Protocol.FIRST_ID && !DECODED.contains(id) && (items == null || !DECODED_WITH_ITEMS.contains(id))) {
                return; // EntityLeft, CombatEvent, Progress, ...: counted, not needed
            }
            Object message;
            try {
                message = MessageCodec.read(new Input(io.netty.buffer.ByteBufUtil.getBytes(frame))); // rare: events, not snapshots
            } catch (ProtocolException e) {
                fail("UNDECODABLE", e.getMessage());
                ctx.close();
                return;
            }
            switch (message) {
                case RegisterTcp register -> {
                    connectionId = register.connectionId();
                    openUdp(ctx.channel());
                }
                case RegisterUdp registered -> {
                    if (!udpRegistered) {
                        udpRegistered = true;
                        sendTcp(new Authenticate(ticket));
                    }
                }
                case Ping ping -> {
                    if (!ping.reply()) {
                        sendTcp(new Ping(ping.id(), true));
                    }
                }
                case Welcome welcome -> {
                    playing = true;
                    if (items != null) {
                        items.welcomed(welcome.x, welcome.y, welcome.attackRange);
                    }
                    swarm.playing(ctx.channel(), SwarmBot.this);
                    welcomed.complete(welcome);
                }
                case MapTransfer transfer -> transferMap = transfer.mapId;
                case EntityEntered entity -> items.entered(entity);
                case EntityLeft gone -> items.left(gone.id);
                case InventoryUpdate update -> items.inventory(update);
                case TradeUpdate update -> items.trade(update);
                case Rejected refusal -> {
                    rejected = refusal;
                    welcomed.completeExceptionally(new SwarmException(refusal.code, refusal.message));
                }
                default -> {
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (playing) {
                playing = false;
                swarm.stopped(ctx.channel(), SwarmBot.this);
            }
            if (udp != null) {
                udp.close();
            }
            fail("DISCONNECTED", "the map server closed the connection");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** EntityEntered starts with the entity id (varint) and its kind (a byte); returns the kind (-1 if cut short). */
    private byte rememberMob(ByteBuf frame) {
        int at = frame.readerIndex() + 1;
        int end = frame.writerIndex();
        int entityId = 0;
        for (int shift = 0; at < end && shift < 35; shift += 7) {
            byte b = frame.getByte(at++);
            entityId |= (b & 0x7f) << shift;
            if (b >= 0) {
                byte kind = at < end ? frame.getByte(at) : -1;
                if (kind == EntityEntered.KIND_MOB) {
                    lastMob = entityId;
                }
                return kind;
            }
        }
        return -1;
    }

    private void openUdp(Channel tcpChannel) {
        new Bootstrap().group(tcpChannel.eventLoop()).channel(swarm.datagramChannel())
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        ByteBuf content = packet.content();
                        int length = content.readableBytes();
                        bytesIn += length;
                        swarm.stats().bytesIn.add(length);
                        if (length > 0 && content.getByte(content.readerIndex()) == SNAPSHOT_ID_BYTE) {
                            swarm.stats().snapshots.increment();
                            if (items != null) {
                                readSnapshot(content);
                            }
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        // A server gone (ICMP port unreachable on a connected datagram socket): the TCP side ends the bot.
                        swarm.stats().udpErrors.increment();
                    }
                })
                .connect(server).addListener(connected -> {
                    if (!connected.isSuccess()) {
                        fail("UNREACHABLE", "UDP: " + connected.cause());
                        tcpChannel.close();
                        return;
                    }
                    udp = ((io.netty.channel.ChannelFuture) connected).channel();
                    registerUdp();
                });
    }

    /** With items: the snapshot decoded (this bot's position, the others' moves and deaths). */
    private void readSnapshot(ByteBuf datagram) {
        byte[] bytes = io.netty.buffer.ByteBufUtil.getBytes(datagram);
        try {
            snapshot.read(new Input(bytes, 1, bytes.length - 1));
            items.snapshot(snapshot);
        } catch (com.esotericsoftware.kryo.KryoException e) { // ProtocolException included
            swarm.stats().udpErrors.increment(); // a datagram cut short: the next one will do
        }
    }

    /** KryoNet's client sends RegisterUDP every 100 ms until the server confirms it over TCP. */
    private void registerUdp() {
        if (udpRegistered || !tcp.isActive()) {
            return;
        }
        sendUdp(new RegisterUdp(connectionId));
        tcp.eventLoop().schedule(this::registerUdp, 100, TimeUnit.MILLISECONDS);
    }

    /** Every 50 ms on the loop, while in the world. */
    void tick(long now) {
        if (!tcp.isActive()) {
            return;
        }
        if (ticks % 40 == 0) {
            double angle = random.nextDouble(Math.PI * 2);
            dirX = (float) Math.cos(angle);
            dirY = (float) Math.sin(angle);
        }
        float[] steer = items != null ? items.tick() : null;
        sendUdp(steer != null ? new MoveInput(++seq, steer[0], steer[1]) : new MoveInput(++seq, dirX, dirY));
        int prey = items != null ? items.attackTarget() : lastMob;
        if (ticks % 20 == 0 && prey > 0) {
            sendTcp(new AttackRequest(prey));
        } else if (now - lastTcpWrite > KEEP_ALIVE_NANOS) {
            sendTcp(KeepAlive.INSTANCE);
        }
        ticks++;
    }

    private void sendTcp(Object message) {
        output.clear();
        output.setPosition(4);
        MessageCodec.write(output, message);
        int length = output.position();
        ByteBuf frame = tcp.alloc().directBuffer(length);
        frame.writeInt(length - 4).writeBytes(output.getBuffer(), 4, length - 4);
        tcp.writeAndFlush(frame, tcp.voidPromise());
        lastTcpWrite = System.nanoTime();
    }

    private void sendUdp(Object message) {
        output.clear();
        MessageCodec.write(output, message);
        int length = output.position();
        ByteBuf datagram = udp.alloc().directBuffer(length);
        datagram.writeBytes(output.getBuffer(), 0, length);
        udp.writeAndFlush(datagram, udp.voidPromise());
        swarm.stats().datagramsOut.increment();
    }
}
