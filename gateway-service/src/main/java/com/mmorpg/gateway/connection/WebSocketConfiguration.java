package com.mmorpg.gateway.connection;

import com.mmorpg.gateway.config.GatewayProperties;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.jetty.JettyRequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * {@code /ws} on Jetty. Jetty takes WebSocket buffers from a shared pool only while a frame is in
 * flight, so an idle connection costs a fraction of what Tomcat's per-connection buffers do (see
 * BENCHMARKS.md). Frames over the limit make Jetty close the connection with 1009.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableScheduling
class WebSocketConfiguration implements WebSocketConfigurer {

    private final GatewayWebSocketHandler handler;
    private final GatewayProperties properties;

    WebSocketConfiguration(GatewayWebSocketHandler handler, GatewayProperties properties) {
        this.handler = handler;
        this.properties = properties;
    }

    /**
     * No HTTP server observation for the {@code /ws} upgrade: the request of an upgraded connection
     * never completes, so its observation (tags, timer sample, and through them the whole servlet
     * request and Jetty's HTTP connection objects) would stay on the heap for the socket's life.
     * Connections are counted by the gateway's own meters instead.
     */
    @Bean
    static ObservationPredicate noObservationOfWebSocketUpgrades() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier() != null && "/ws".equals(request.getCarrier().getRequestURI()));
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        JettyRequestUpgradeStrategy jetty = new JettyRequestUpgradeStrategy();
        jetty.addWebSocketConfigurer(socket -> {
            socket.setMaxTextMessageSize(properties.maxFrameBytes());
            socket.setMaxBinaryMessageSize(properties.maxFrameBytes()); // UTF-8 JSON in binary frames (Godot's default)
            // Our own reaper closes idle players after idle-timeout; this is only the backstop.
            socket.setIdleTimeout(properties.idleTimeout().multipliedBy(2));
        });
        // Game clients (Godot) send no Origin; browsers of any origin may connect, the JWT is the gate.
        registry.addHandler(handler, "/ws")
                .setHandshakeHandler(new DefaultHandshakeHandler(jetty))
                .setAllowedOriginPatterns("*");
    }
}
