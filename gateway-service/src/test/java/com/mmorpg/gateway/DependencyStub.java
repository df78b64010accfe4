package com.mmorpg.gateway;

import com.mmorpg.testsupport.http.Contracts;
import com.mmorpg.testsupport.http.HttpStub;
import java.io.IOException;
import java.util.List;

/**
 * auth-service and world-directory for the gateway's fault cases: test-support's {@link HttpStub}
 * with the session endpoints answering success unless a test says otherwise.
 */
public final class DependencyStub implements AutoCloseable {

    private final HttpStub stub = new HttpStub();

    public DependencyStub() throws IOException {
        stub.fallback(DependencyStub::defaults);
    }

    public String url() {
        return stub.url();
    }

    public void answer(String methodAndPath, int status, String body) {
        stub.answer(methodAndPath, status, body);
    }

    public void answer(String methodAndPath, int status, String body, long delayMillis) {
        stub.answer(methodAndPath, status, body, delayMillis);
    }

    public List<HttpStub.Call> calls() {
        return stub.calls();
    }

    public List<HttpStub.Call> calls(String methodAndPath) {
        return stub.calls(methodAndPath);
    }

    /** Sessions always work unless a test says otherwise; everything else is 404. */
    private static HttpStub.Answer defaults(String method, String path) {
        if (method.equals("POST") && path.equals("/session/online")) {
            return new HttpStub.Answer(200, Contracts.online(1, null), 0);
        }
        if (method.equals("POST") && path.equals("/session/refresh")) {
            return new HttpStub.Answer(200, Contracts.refreshed(List.of()), 0);
        }
        if (method.equals("DELETE") && path.startsWith("/session/")) {
            return new HttpStub.Answer(204, "", 0);
        }
        return new HttpStub.Answer(404, "{\"code\":\"NOT_FOUND\"}", 0);
    }

    @Override
    public void close() {
        stub.close();
    }
}
