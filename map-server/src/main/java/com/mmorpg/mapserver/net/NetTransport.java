package com.mmorpg.mapserver.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * Which of Netty's transports the map server runs on: native epoll where its library loads (Linux
 * x86-64: fewer copies, and a flush of many datagrams goes out in one {@code sendmmsg}), the JDK's
 * NIO elsewhere. {@code NET_TRANSPORT=nio} forces NIO.
 */
public record NetTransport(String name, IoHandlerFactory handlers, Class<? extends ServerChannel> serverChannel,
        Class<? extends DatagramChannel> datagramChannel) {

    public static NetTransport choose(boolean preferNative) {
        if (preferNative && Epoll.isAvailable()) {
            return new NetTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollDatagramChannel.class);
        }
        return new NetTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioDatagramChannel.class);
    }

    public EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, handlers);
    }
}
