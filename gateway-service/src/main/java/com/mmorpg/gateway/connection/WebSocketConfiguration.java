package com.mmorpg.gateway.connection;

import com.mmorpg.gateway.config.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableScheduling
class WebSocketConfiguration implements WebSocketConfigurer {

    private final GatewayWebSocketHandler handler;

    WebSocketConfiguration(GatewayWebSocketHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Game clients (Godot) send no Origin; browsers of any origin may connect, the JWT is the gate.
        registry.addHandler(handler, "/ws").setAllowedOriginPatterns("*");
    }

    /**
     * Frames over the limit make the container close the connection with 1009 (message too big).
     * The protocol is text only, so the per-connection binary buffer is kept small: Tomcat
     * allocates both buffers for every connection up front.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(GatewayProperties properties) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(properties.maxFrameBytes());
        container.setMaxBinaryMessageBufferSize(1024);
        container.setMaxSessionIdleTimeout(properties.idleTimeout().toMillis() * 2);
        return container;
    }
}
