package com.mmorpg.worlddirectory.staff;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operations console, a static page ({@code classpath:/static/console/}) served at
 * {@code /console}: plain HTML, CSS and JavaScript, no build step. Its own script and styles only
 * (a strict Content-Security-Policy), never framed.
 */
@Hidden
@Controller
class ConsolePage {

    @GetMapping({"/console", "/console/"})
    String index() {
        return "redirect:/console/index.html";
    }

    /** Security headers on everything under {@code /console}. */
    @org.springframework.stereotype.Component
    static class Headers extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !request.getRequestURI().startsWith("/console");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Cache-Control", "no-store");
            chain.doFilter(request, response);
        }
    }
}
