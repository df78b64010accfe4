package com.mmorpg.service.error;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure with a stable {@code code} the client can switch on and a {@code message} it can show.
 * Features throw named subclasses ({@code UsernameTakenException}); {@link ProblemDetailsAdvice}
 * renders them as RFC 9457 problem+json.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiException(HttpStatus status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra response headers, e.g. {@code Retry-After} or {@code WWW-Authenticate}. */
    public Map<String, String> headers() {
        return headers;
    }

    protected ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Extra members of the problem body the client can act on, e.g. {@code server_id}. */
    public Map<String, Object> properties() {
        return properties;
    }

    protected ApiException property(String name, Object value) {
        properties.put(name, value);
        return this;
    }
}
