package com.mmorpg.service.error;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one error handler of a service: every failure leaves as RFC 9457 {@code application/problem+json}
 * with the seed client's {@code message} and {@code statusCode} and a stable {@code code}. Nothing
 * internal (stack traces, SQL, class names) reaches the client; every error is counted by code.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final long FAILURE_LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final MeterRegistry meters;
    /** Per kind of 5xx (status and code): when it was last logged, and how many went unlogged since. */
    private final Map<String, FailureLog> failureLogs = new ConcurrentHashMap<>();

    private static final class FailureLog {
        final AtomicLong lastLogged = new AtomicLong();
        final AtomicLong unlogged = new AtomicLong();
    }

    public ProblemDetailsAdvice(MeterRegistry meters) {
        this.meters = meters;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApi(ApiException e, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::add);
        ResponseEntity<Object> response = problem(e.status(), e.code(), e.getMessage(), headers, request, null);
        if (response.getBody() instanceof ProblemDetail body) {
            e.properties().forEach(body::setProperty);
        }
        return response;
    }

    /**
     * The database or Redis is down, slow or refusing connections: 503 with Retry-After, so
     * clients back off and retry; the service itself keeps running and recovers with the store.
     */
    @ExceptionHandler({TransientDataAccessException.class, DataAccessResourceFailureException.class,
            RecoverableDataAccessException.class, CannotCreateTransactionException.class})
    ResponseEntity<Object> handleStoreUnavailable(Exception e, WebRequest request) {
        log.warn("store unavailable on {}: {}", path(request), e.toString());
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.RETRY_AFTER, "1");
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "STORE_UNAVAILABLE", "Service temporarily unavailable", headers,
                request, null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception e, WebRequest request) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (storeUnavailable(cause)) { // the store failing behind a wrapper Spring does not translate
                return handleStoreUnavailable(e, request);
            }
        }
        log.error("Unhandled error on {}", path(request), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal server error", new HttpHeaders(), request, null);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError field : e.getBindingResult().getFieldErrors()) {
            errors.add(Map.of("field", jsonName(field.getField()), "message", String.valueOf(field.getDefaultMessage())));
        }
        e.getBindingResult().getGlobalErrors().forEach(global ->
                errors.add(Map.of("field", global.getObjectName(), "message", String.valueOf(global.getDefaultMessage()))));
        return validationProblem(errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(Map.of("field", jsonName(result.getMethodParameter().getParameterName()),
                        "message", String.valueOf(error.getDefaultMessage())))));
        return validationProblem(errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (hasCause(e, BodyTooLargeException.class)) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", "Request body is too large", new HttpHeaders(), request, null);
        }
        JacksonException json = causeOf(e, JacksonException.class);
        String message;
        if (json == null) {
            message = "Request body is missing or unreadable";
        } else if (json instanceof UnrecognizedPropertyException unknown) {
            message = "Unknown field '" + unknown.getPropertyName() + "'";
        } else if (json instanceof StreamReadException) {
            message = "Malformed JSON";
        } else {
            String field = fieldPath(json);
            message = field.isEmpty() ? "Invalid JSON value" : "Invalid value for field '" + field + "'";
        }
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", message, new HttpHeaders(), request, null);
    }

    /** Spring MVC's own failures (404, 405, 415, ...): same shape, code from the status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        if (status == null) {
            status = HttpStatus.BAD_REQUEST;
        }
        String message = body instanceof ProblemDetail detail && detail.getDetail() != null ? detail.getDetail() : status.getReasonPhrase();
        return problem(status, status.name(), message, headers, request, null);
    }

    private ResponseEntity<Object> validationProblem(List<Map<String, String>> errors, WebRequest request) {
        String message = errors.stream().map(error -> error.get("field") + ": " + error.get("message"))
                .collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", message.isEmpty() ? "Invalid request" : message,
                new HttpHeaders(), request, errors);
    }

    /**
     * One line for the first failure of a kind (status and code), then at most one every ten seconds
     * saying how many more there were: a burst that sheds hundreds of logins (503 SERVER_BUSY) or a
     * database outage is a few lines, not one per request. Every one is counted in mmo.api.errors.
     */
    private void logFailure(String path, int status, String code) {
        FailureLog kind = failureLogs.computeIfAbsent(status + " " + code, key -> new FailureLog());
        long now = System.nanoTime();
        long last = kind.lastLogged.get();
        if ((last == 0 || now - last >= FAILURE_LOG_EVERY_NANOS) && kind.lastLogged.compareAndSet(last, now)) {
            long more = kind.unlogged.getAndSet(0);
            log.warn("request failed path={} status={} code={}{}", path, status, code,
                    more == 0 ? "" : " (and " + more + " more of these since the last report)");
        } else {
            kind.unlogged.incrementAndGet();
        }
    }

    private ResponseEntity<Object> problem(HttpStatus status, String code, String message, HttpHeaders headers,
            WebRequest request, List<Map<String, String>> errors) {
        meters.counter("mmo.api.errors", "status", String.valueOf(status.value()), "code", code).increment();
        if (status.is5xxServerError()) {
            logFailure(path(request), status.value(), code);
        } else {
            log.debug("request refused path={} status={} code={} message={}", path(request), status.value(), code, message);
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, message);
        String path = path(request);
        if (!path.isEmpty()) {
            body.setInstance(URI.create(path));
        }
        body.setProperty("code", code);
        body.setProperty("message", message);
        body.setProperty("statusCode", status.value());
        if (errors != null) {
            body.setProperty("errors", errors);
        }
        HttpHeaders responseHeaders = new HttpHeaders();
        responseHeaders.addAll(headers);
        responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, responseHeaders, status);
    }

    /**
     * The store cannot serve right now: Spring's own words for it, or the driver's SQLState class 08
     * (connection lost), 53 (out of resources) or 57 (the server shutting down or restarting), e.g. a
     * pooled connection the database terminated, which Hibernate reports untranslated.
     */
    private static boolean storeUnavailable(Throwable failure) {
        if (failure instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || state.startsWith("53") || state.startsWith("57");
        }
        // A connection to the store reset or closed under a command (Lettuce reports it as a plain
        // RedisException, which Spring wraps as an uncategorized RedisSystemException): the store is away.
        return failure instanceof TransientDataAccessException || failure instanceof DataAccessResourceFailureException
                || failure instanceof RecoverableDataAccessException || failure instanceof CannotCreateTransactionException
                || failure instanceof java.net.SocketException || failure instanceof java.nio.channels.ClosedChannelException
                || failure.getClass().getName().equals("io.lettuce.core.RedisConnectionException");
    }

    private static String path(WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            String uri = servlet.getRequest().getRequestURI();
            // Only a plain path goes back into the body; odd characters would make URI.create fail.
            return uri != null && uri.matches("[A-Za-z0-9/_.~-]{0,200}") ? uri : "";
        }
        return "";
    }

    private static String fieldPath(JacksonException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    /** Java field names in validation errors are camelCase; the client sent snake_case. */
    private static String jsonName(String javaName) {
        return javaName == null ? "" : javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        return causeOf(e, type) != null;
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
